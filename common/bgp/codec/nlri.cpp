#include "bgp/codec/nlri.hpp"

namespace l3vpn::bgp {
namespace {

std::uint32_t mask_of(std::uint8_t length) {
  return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
}

// The prefix bits after the length octet, from `bytes`, which holds exactly
// the (bits + 7) / 8 bytes the length calls for (the caller took them from the
// reader in one bounds check).
std::optional<Prefix4> prefix_from(const std::uint8_t* bytes, unsigned bits) {
  if (bits > 32) return std::nullopt;
  std::uint32_t address = 0;
  for (unsigned i = 0; i < (bits + 7) / 8; ++i) address |= std::uint32_t{bytes[i]} << (24 - 8 * i);
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
  if (!bits || *bits > 32) return std::nullopt;
  auto bytes = r.bytes((*bits + 7u) / 8u);
  if (!bytes) return std::nullopt;
  return prefix_from(bytes->data(), *bits);
}

void write_prefix4(wire::ByteWriter& w, const Prefix4& p) {
  w.u8(p.length);
  write_prefix_bits(w, p);
}

std::optional<VpnNlri> read_vpn_nlri(wire::ByteReader& r, bool withdrawn) {
  auto bits = r.u8();
  if (!bits) return std::nullopt;
  // The whole NLRI at once: labels, RD and prefix are exactly (bits + 7) / 8
  // bytes, so one bounds check covers them and each field below only checks
  // the bits that are left (3 bytes per label, 8 for the RD, the prefix last).
  auto bytes = r.bytes((*bits + 7u) / 8u);
  if (!bytes) return std::nullopt;
  const std::uint8_t* at = bytes->data();
  unsigned left = *bits;
  VpnNlri nlri;
  // Labels until the bottom-of-stack bit; a withdrawal carries one placeholder.
  while (true) {
    if (left < 24) return std::nullopt;
    std::uint32_t field = (std::uint32_t{at[0]} << 16) | (std::uint32_t{at[1]} << 8) | at[2];
    at += 3;
    left -= 24;
    if (withdrawn) break;
    // RFC 8277 section 2.4: 0x800000 is a withdrawal's compatibility value, and
    // what write_vpn_nlri sends for a route without a label. Only as the first
    // field is it read that way: further down a stack it is label 524288
    // without the bottom-of-stack bit (read as "no label" there, the stack
    // re-encoded to different bytes: found by fuzz_bgp_message).
    if (nlri.labels.empty() && field == kWithdrawLabelField) break;
    nlri.labels.push_back(field >> 4);
    if (field & 1) break;
  }
  if (left < 64) return std::nullopt;
  std::uint64_t rd = 0;
  for (int i = 0; i < 8; ++i) rd = (rd << 8) | at[i];
  at += 8;
  left -= 64;
  nlri.rd.value = rd;
  auto prefix = prefix_from(at, left);
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
      std::uint32_t field = ((n.labels[i] & 0xFFFFF) << 4) | (bottom ? 1u : 0u);
      // Label 524288 first in a longer stack would be 0x800000, which a
      // receiver reads as "no label" (RFC 8277 2.4). A traffic-class bit
      // (unused by the control plane) keeps it a label: found by fuzz_bgp_message.
      if (i == 0 && field == kWithdrawLabelField) field |= 0x2;
      w.u24(field);
    }
  }
  w.u32(static_cast<std::uint32_t>(n.rd.value >> 32));
  w.u32(static_cast<std::uint32_t>(n.rd.value));
  write_prefix_bits(w, n.prefix);
}

}  // namespace l3vpn::bgp
