#include "config/address.hpp"

#include <charconv>

namespace l3vpn::config {

std::optional<Ipv4Address> Ipv4Address::parse(std::string_view text) {
  std::uint32_t value = 0;
  for (int octet_index = 0; octet_index < 4; ++octet_index) {
    std::size_t dot = text.find('.');
    if ((octet_index < 3) != (dot != std::string_view::npos)) return std::nullopt;  // exactly 3 dots
    std::string_view part = text.substr(0, dot);
    text = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
    // Leading zeros are refused: "010" is octal to some tools and decimal to others.
    if (part.empty() || part.size() > 3 || (part.size() > 1 && part[0] == '0')) return std::nullopt;
    unsigned octet = 0;
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), octet);
    if (ec != std::errc{} || ptr != part.data() + part.size() || octet > 255) return std::nullopt;
    value = (value << 8) | octet;
  }
  return Ipv4Address{value};
}

std::string Ipv4Address::to_string() const {
  return std::to_string(value >> 24) + '.' + std::to_string((value >> 16) & 0xFF) + '.' +
         std::to_string((value >> 8) & 0xFF) + '.' + std::to_string(value & 0xFF);
}

std::optional<std::uint8_t> mask_to_length(Ipv4Address mask) {
  std::uint32_t inverted = ~mask.value;
  // Contiguous ones followed by zeros means the inverted mask is 2^k - 1.
  if ((inverted & (inverted + 1)) != 0) return std::nullopt;
  std::uint8_t length = 0;
  for (std::uint32_t m = mask.value; m & 0x80000000u; m <<= 1) ++length;
  return length;
}

Ipv4Address length_to_mask(std::uint8_t length) {
  if (length == 0) return Ipv4Address{0};
  if (length >= 32) return Ipv4Address{0xFFFFFFFFu};
  return Ipv4Address{~((1u << (32 - length)) - 1u)};
}

std::optional<std::uint8_t> wildcard_to_length(Ipv4Address wildcard) {
  return mask_to_length(Ipv4Address{~wildcard.value});
}

Ipv4Prefix Ipv4Prefix::network() const {
  return Ipv4Prefix{Ipv4Address{address.value & length_to_mask(length).value}, length};
}

bool Ipv4Prefix::contains(Ipv4Address a) const {
  std::uint32_t mask = length_to_mask(length).value;
  return (a.value & mask) == (address.value & mask);
}

bool Ipv4Prefix::overlaps(const Ipv4Prefix& other) const {
  std::uint8_t shortest = length < other.length ? length : other.length;
  std::uint32_t mask = length_to_mask(shortest).value;
  return (address.value & mask) == (other.address.value & mask);
}

std::string Ipv4Prefix::to_string() const {
  return address.to_string() + '/' + std::to_string(length);
}

std::optional<Ipv4Prefix> Ipv4Prefix::parse(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto address = Ipv4Address::parse(text.substr(0, slash));
  std::string_view len_text = text.substr(slash + 1);
  unsigned length = 0;
  auto [ptr, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), length);
  if (!address || len_text.empty() || ec != std::errc{} || ptr != len_text.data() + len_text.size() ||
      length > 32)
    return std::nullopt;
  return Ipv4Prefix{*address, static_cast<std::uint8_t>(length)};
}

}  // namespace l3vpn::config
