#include "bgp/codec/nlri.hpp"

namespace l3vpn::bgp {
namespace {

std::uint32_t mask_of(std::uint8_t length) {
  return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
}

// The prefix bits after the length octet: only as many bytes as the length needs.
std::optional<Prefix4> read_prefix_bits(wire::ByteReader& r, unsigned bits) {
  if (bits > 32) return std::nullopt;
  std::uint32_t address = 0;
  for (unsigned i = 0; i < (bits + 7) / 8; ++i) {
    auto byte = r.u8();
    if (!byte) return std::nullopt;
    address |= std::uint32_t{*byte} << (24 - 8 * i);
  }
  auto length = static_cast<std::uint8_t>(bits);
  return Prefix4{address & mask_of(length), length};
}

void write_prefix_bits(wire::ByteWriter& w, const Prefix4& p) {
  for (unsigned i = 0; i < (p.length + 7u) / 8u; ++i)
    w.u8(static_cast<std::uint8_t>(p.address >> (24 - 8 * i)));
}

}  // namespace

std::string Prefix4::to_string() const {
  return std::to_string(address >> 24) + '.' + std::to_string((address >> 16) & 0xFF) + '.' +
         std::to_string((address >> 8) & 0xFF) + '.' + std::to_string(address & 0xFF) + '/' +
         std::to_string(length);
}

std::optional<Prefix4> read_prefix4(wire::ByteReader& r) {
  auto bits = r.u8();
  if (!bits) return std::nullopt;
  return read_prefix_bits(r, *bits);
}

void write_prefix4(wire::ByteWriter& w, const Prefix4& p) {
  w.u8(p.length);
  write_prefix_bits(w, p);
}

std::optional<VpnNlri> read_vpn_nlri(wire::ByteReader& r, bool withdrawn) {
  auto bits = r.u8();
  if (!bits) return std::nullopt;
  unsigned left = *bits;
  VpnNlri nlri;
  // Labels until the bottom-of-stack bit; a withdrawal carries one placeholder.
  while (true) {
    auto field = r.u24();
    if (!field || left < 24) return std::nullopt;
    left -= 24;
    if (withdrawn) break;
    if (*field == kWithdrawLabelField) break;  // RFC 8277: compatibility value in a reach
    nlri.labels.push_back(*field >> 4);
    if (*field & 1) break;
  }
  auto rd = r.u32();
  auto rd_low = r.u32();
  if (!rd || !rd_low || left < 64) return std::nullopt;
  left -= 64;
  nlri.rd.value = (std::uint64_t{*rd} << 32) | *rd_low;
  auto prefix = read_prefix_bits(r, left);
  if (!prefix) return std::nullopt;
  nlri.prefix = *prefix;
  return nlri;
}

void write_vpn_nlri(wire::ByteWriter& w, const VpnNlri& n, bool withdrawn) {
  std::size_t label_count = withdrawn || n.labels.empty() ? 1 : n.labels.size();
  w.u8(static_cast<std::uint8_t>(24 * label_count + 64 + n.prefix.length));
  if (withdrawn || n.labels.empty()) {
    w.u24(kWithdrawLabelField);
  } else {
    for (std::size_t i = 0; i < n.labels.size(); ++i) {
      bool bottom = i + 1 == n.labels.size();
      w.u24(((n.labels[i] & 0xFFFFF) << 4) | (bottom ? 1u : 0u));
    }
  }
  w.u32(static_cast<std::uint32_t>(n.rd.value >> 32));
  w.u32(static_cast<std::uint32_t>(n.rd.value));
  write_prefix_bits(w, n.prefix);
}

}  // namespace l3vpn::bgp
