// IPv4 addresses and prefixes as the config model holds them.
//
// Plain value types with text conversion in both directions: the parser uses
// parse_*() and reports its own error when they return nothing; the renderer
// uses to_string(). No sockets or OS headers here.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace l3vpn::config {

struct Ipv4Address {
  std::uint32_t value = 0;  // host byte order: 10.0.0.1 is 0x0A000001

  static std::optional<Ipv4Address> parse(std::string_view text);
  std::string to_string() const;
  auto operator<=>(const Ipv4Address&) const = default;
};

// A dotted mask (255.255.255.0) to its prefix length; nothing when the mask's
// ones are not contiguous.
std::optional<std::uint8_t> mask_to_length(Ipv4Address mask);
Ipv4Address length_to_mask(std::uint8_t length);
// An OSPF wildcard (0.0.0.255) is the inverted mask.
std::optional<std::uint8_t> wildcard_to_length(Ipv4Address wildcard);

struct Ipv4Prefix {
  Ipv4Address address;  // may carry host bits when it comes from an interface
  std::uint8_t length = 0;

  Ipv4Prefix network() const;  // host bits cleared
  bool contains(Ipv4Address a) const;
  bool overlaps(const Ipv4Prefix& other) const;
  std::string to_string() const;  // "10.10.30.0/24"
  static std::optional<Ipv4Prefix> parse(std::string_view text);  // "A.B.C.D/L"
  auto operator<=>(const Ipv4Prefix&) const = default;
};

}  // namespace l3vpn::config
