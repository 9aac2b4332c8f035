// libFuzzer target: any bytes as one BGP message. A decoder may refuse them,
// but must never read outside the buffer, and whatever it accepts must encode
// back to a message that decodes to the same value.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "bgp/codec/message.hpp"
#include "bgp/codec/open.hpp"
#include "bgp/codec/update.hpp"

using namespace l3vpn::bgp;

namespace {

template <class T, class Decode, class Encode>
void round_trip(std::span<const std::uint8_t> body, Decode decode, Encode encode) {
  auto first = decode(body);
  if (failed(first)) return;
  auto wire = encode(std::get<T>(first));
  auto again = decode(std::span<const std::uint8_t>(wire).subspan(kHeaderLength));
  if (failed(again) || !(std::get<T>(again) == std::get<T>(first))) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> bytes(data, size);
  auto header = decode_header(bytes, kMaxExtendedMessageLength);
  if (failed(header)) return 0;
  const MessageHeader h = std::get<MessageHeader>(header);
  if (h.length > size) return 0;
  auto body = bytes.subspan(kHeaderLength, h.length - kHeaderLength);
  switch (h.type) {
    case MessageType::Open:
      round_trip<Open>(body, decode_open, encode_open);
      break;
    case MessageType::Notification:
      round_trip<Notification>(body, decode_notification, encode_notification);
      break;
    case MessageType::RouteRefresh:
      round_trip<RouteRefresh>(body, decode_route_refresh, encode_route_refresh);
      break;
    case MessageType::Keepalive:
      (void)decode_keepalive(body);
      break;
    case MessageType::Update: {
      // Encoding normalizes (attribute order, Partial bit), so what must hold
      // is stability: once re-encoded, a message encodes the same forever.
      for (bool four_octet : {true, false}) {
        SessionCodecOptions options{four_octet};
        auto first = decode_update(body, options);
        if (first.action == ErrorAction::SessionReset) continue;
        auto wire1 = encode_update(first.update, options);
        auto second = decode_update(std::span<const std::uint8_t>(wire1).subspan(kHeaderLength), options);
        if (second.action == ErrorAction::SessionReset) std::abort();
        auto wire2 = encode_update(second.update, options);
        if (wire1.size() <= kMaxExtendedMessageLength && wire2 != wire1) std::abort();
      }
      break;
    }
  }
  return 0;
}
