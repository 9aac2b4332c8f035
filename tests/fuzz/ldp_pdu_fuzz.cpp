// libFuzzer target: any bytes as one LDP PDU. The decoder may refuse them, but
// must never read outside the buffer; whatever it accepts must encode to a PDU
// that decodes, with nothing left to notify, to the same value.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "ldp/codec/pdu.hpp"

using namespace l3vpn::ldp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const PduLimits limits{0xFFFF, std::nullopt};
  auto first = decode_pdu(std::span<const std::uint8_t>(data, size), limits);
  if (failed(first)) return 0;
  const Pdu& pdu = std::get<DecodedPdu>(first).pdu;
  auto wire = encode_pdu(pdu);
  // What was accepted is re-encoded with its length: never longer than the input.
  if (wire.size() > size) std::abort();
  auto again = decode_pdu(wire, limits);
  if (failed(again)) std::abort();
  const DecodedPdu& second = std::get<DecodedPdu>(again);
  if (!second.notifications.empty() || !(second.pdu == pdu)) std::abort();
  return 0;
}
