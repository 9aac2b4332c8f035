#include "ldp/pdu_packer.hpp"

#include "wire/byte_writer.hpp"

namespace l3vpn::ldp {
namespace {

// The LDP identifier (6 bytes) counts in the PDU length; version and length do not.
constexpr std::size_t kCountedHeader = kPduHeaderLength - 4;

std::vector<std::uint8_t> pdu_from(LdpId sender, const std::vector<std::uint8_t>& body) {
  wire::ByteWriter w;
  w.u16(kProtocolVersion);
  w.u16(static_cast<std::uint16_t>(kCountedHeader + body.size()));
  w.u32(sender.lsr_id);
  w.u16(sender.label_space);
  std::vector<std::uint8_t> out = w.take();
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

}  // namespace

std::vector<std::vector<std::uint8_t>> pack_pdus(LdpId sender, std::vector<Message> messages,
                                                 std::uint16_t max_pdu_length,
                                                 std::uint32_t& next_message_id) {
  std::vector<std::vector<std::uint8_t>> pdus;
  std::vector<std::uint8_t> body;
  for (Message& m : messages) {
    std::visit([&](auto& v) { v.id = next_message_id++; }, m);
    if (next_message_id == 0) next_message_id = 1;  // 0 reads as "no message" in Notifications
    const std::vector<std::uint8_t> bytes = encode_message(m);
    if (!body.empty() && kCountedHeader + body.size() + bytes.size() > max_pdu_length) {
      pdus.push_back(pdu_from(sender, body));
      body.clear();
    }
    body.insert(body.end(), bytes.begin(), bytes.end());
  }
  if (!body.empty()) pdus.push_back(pdu_from(sender, body));
  return pdus;
}

}  // namespace l3vpn::ldp
