// What an OSPF raw socket reads: a whole IPv4 datagram (RFC 791 header,
// IHL x 4 bytes, then the OSPF packet). Linux hands raw IPPROTO 89 sockets
// the IP header; this strips it.
//
// Pure: no socket. A datagram too short for its header, with a version other
// than 4, an IHL below 5, or a total length beyond the bytes read is refused
// with the reason (the socket counts it and drops it, never crashes).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <variant>

namespace l3vpn::ospf {

inline constexpr std::uint8_t kOspfIpProtocol = 89;
inline constexpr std::uint32_t kAllSpfRouters = 0xE0000005;  // 224.0.0.5
inline constexpr std::uint32_t kAllDRouters = 0xE0000006;    // 224.0.0.6

struct IpDatagram {
  std::uint32_t source = 0;       // host order
  std::uint32_t destination = 0;  // host order
  std::uint8_t protocol = 0;
  std::uint8_t ttl = 0;
  std::span<const std::uint8_t> payload;  // into the bytes given
};

enum class IpDropReason { Short, NotIpv4, BadHeaderLength, BadTotalLength };
const char* to_string(IpDropReason reason);  // "short datagram", ...

std::variant<IpDatagram, IpDropReason> parse_ip_datagram(std::span<const std::uint8_t> bytes);

}  // namespace l3vpn::ospf
