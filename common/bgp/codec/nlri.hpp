// NLRI encodings: plain IPv4 prefixes (RFC 4271 section 4.3) and labeled
// VPN-IPv4 prefixes (RFC 4364 section 4.3.4 with the label encoding of
// RFC 8277 section 2). Prefixes are kept in network form (host bits cleared).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"

namespace l3vpn::bgp {

struct Prefix4 {
  std::uint32_t address = 0;  // host order, host bits cleared
  std::uint8_t length = 0;
  std::string to_string() const;  // "10.10.30.0/24"
  auto operator<=>(const Prefix4&) const = default;
};

// The 8 bytes of a route distinguisher as they travel: type (2) + value (6).
// RFC 4364 section 4.2; text forms live with the VPN layer.
struct WireRouteDistinguisher {
  std::uint64_t value = 0;
  std::uint16_t type() const { return static_cast<std::uint16_t>(value >> 48); }
  auto operator<=>(const WireRouteDistinguisher&) const = default;
};

// RFC 8277 section 2.4: the label field of a withdrawn labeled route.
inline constexpr std::uint32_t kWithdrawLabelField = 0x800000;

struct VpnNlri {
  std::vector<std::uint32_t> labels;  // 20-bit label values, outermost first
  WireRouteDistinguisher rd;
  Prefix4 prefix;
  auto operator<=>(const VpnNlri&) const = default;
};

// Each returns nothing on a malformed entry (length past the data or beyond
// the address family); the caller decides the RFC 7606 consequence.
std::optional<Prefix4> read_prefix4(wire::ByteReader& r);
void write_prefix4(wire::ByteWriter& w, const Prefix4& p);

// `withdrawn`: the label field is one 3-byte placeholder (RFC 8277 section 2.4).
std::optional<VpnNlri> read_vpn_nlri(wire::ByteReader& r, bool withdrawn);
void write_vpn_nlri(wire::ByteWriter& w, const VpnNlri& n, bool withdrawn);

}  // namespace l3vpn::bgp
