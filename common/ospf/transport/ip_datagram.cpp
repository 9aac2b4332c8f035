#include "ospf/transport/ip_datagram.hpp"

#include "wire/byte_reader.hpp"

namespace l3vpn::ospf {

const char* to_string(IpDropReason reason) {
  switch (reason) {
    case IpDropReason::Short: return "short datagram";
    case IpDropReason::NotIpv4: return "not IPv4";
    case IpDropReason::BadHeaderLength: return "bad IP header length";
    case IpDropReason::BadTotalLength: return "bad IP total length";
  }
  return "unknown";
}

std::variant<IpDatagram, IpDropReason> parse_ip_datagram(std::span<const std::uint8_t> bytes) {
  constexpr std::size_t kMinHeader = 20;
  if (bytes.size() < kMinHeader) return IpDropReason::Short;
  if ((bytes[0] >> 4) != 4) return IpDropReason::NotIpv4;
  const std::size_t header_length = static_cast<std::size_t>(bytes[0] & 0x0F) * 4;
  if (header_length < kMinHeader || header_length > bytes.size()) return IpDropReason::BadHeaderLength;
  wire::ByteReader r(bytes);
  r.skip(2);
  const auto total = r.u16();
  r.skip(4);  // identification, flags, fragment offset
  const auto ttl = r.u8();
  const auto protocol = r.u8();
  r.skip(2);  // header checksum: the kernel checked it
  const auto source = r.u32();
  const auto destination = r.u32();
  if (!total || !ttl || !protocol || !source || !destination) return IpDropReason::Short;
  // Linux gives raw sockets the total length as sent (network order, header
  // included); a datagram cut short of it is not whole.
  if (*total < header_length || *total > bytes.size()) return IpDropReason::BadTotalLength;
  IpDatagram d;
  d.source = *source;
  d.destination = *destination;
  d.protocol = *protocol;
  d.ttl = *ttl;
  d.payload = bytes.subspan(header_length, *total - header_length);
  return d;
}

}  // namespace l3vpn::ospf
