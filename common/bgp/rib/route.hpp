// What the RIB stores per route: the key (RFC 4364 section 4.2: a VPN-IPv4
// route is its route distinguisher and its prefix; an IPv4 unicast route is
// its prefix) and, per key, one Path per peer that sent it.
//
// Sized for a route reflector with a million VPNv4 paths (target: at most 200
// bytes per path with the tables around it): no strings, no vectors; the
// attributes are an interned 8-byte handle; the MPLS label is one inline value
// (RFC 8277 allows a stack, but a VPN route carries one label in practice).
#pragma once

#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "bgp/codec/nlri.hpp"
#include "bgp/rib/attribute_set.hpp"

namespace l3vpn::bgp::rib {

// Index of a peer in the speaker's peer table. kLocalPeer stands for routes
// this router originates (network statements, redistribution, VRF export).
using PeerId = std::uint32_t;
inline constexpr PeerId kLocalPeer = 0;

struct RouteKey {
  std::uint64_t rd = 0;  // WireRouteDistinguisher::value; 0 in an IPv4 unicast table
  std::uint32_t address = 0;  // host order, host bits cleared
  std::uint8_t length = 0;

  static RouteKey vpnv4(WireRouteDistinguisher rd, Prefix4 prefix) {
    return RouteKey{rd.value, prefix.address, prefix.length};
  }
  static RouteKey ipv4(Prefix4 prefix) { return RouteKey{0, prefix.address, prefix.length}; }
  WireRouteDistinguisher route_distinguisher() const { return WireRouteDistinguisher{rd}; }
  Prefix4 prefix() const { return Prefix4{address, length}; }
  auto operator<=>(const RouteKey&) const = default;
};

// noexcept, so std::unordered_map does not also store the hash in each node.
struct RouteKeyHash {
  std::size_t operator()(const RouteKey& k) const noexcept {
    std::uint64_t h = k.rd * 0x9e3779b97f4a7c15ULL;
    h ^= (std::uint64_t{k.address} << 8 | k.length) + 0x7f4a7c159e3779b9ULL + (h << 6) + (h >> 2);
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

// RFC 8277 labels as they are held: one 20-bit label or none (IPv4 unicast).
// A stack of more than one label is cut to its outermost label: a known gap.
struct Label {
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;
  std::uint32_t value = kNone;
  bool has_value() const { return value != kNone; }
  // From a decoded stack: the outermost label.
  static Label from_stack(const std::vector<std::uint32_t>& labels) {
    return labels.empty() ? Label{} : Label{labels.front() & 0xFFFFF};
  }
  std::vector<std::uint32_t> to_stack() const {
    return has_value() ? std::vector<std::uint32_t>{value} : std::vector<std::uint32_t>{};
  }
  auto operator<=>(const Label&) const = default;
};

namespace path_flag {
inline constexpr std::uint8_t LocallyOriginated = 0x01;  // network, redistribute, VRF export
inline constexpr std::uint8_t FromEbgp = 0x02;           // else iBGP (or local)
}  // namespace path_flag

using SteadyTime = std::chrono::steady_clock::time_point;

// One peer's path to one key. 40 bytes.
struct Path {
  AttributeHandle attributes;
  SteadyTime received{};  // passed in by the speaker: the RIB reads no clock
  std::uint32_t next_hop = 0;        // 0 for a locally originated route
  std::uint32_t peer_router_id = 0;  // the peer's BGP identifier (own for a local route)
  std::uint32_t peer_address = 0;    // 0 for a local route
  PeerId peer = kLocalPeer;
  Label label;
  std::uint16_t weight = 0;  // Cisco's weight: local to this router, never sent
  std::uint8_t flags = 0;    // path_flag

  bool locally_originated() const { return flags & path_flag::LocallyOriginated; }
  bool from_ebgp() const { return flags & path_flag::FromEbgp; }

  // Same route as far as the neighbours are concerned: the receive time is not
  // compared, so a repeated identical UPDATE keeps the path's age.
  bool same_route(const Path& o) const {
    return attributes == o.attributes && next_hop == o.next_hop && peer == o.peer &&
           label == o.label && weight == o.weight && flags == o.flags &&
           peer_router_id == o.peer_router_id && peer_address == o.peer_address;
  }
};

}  // namespace l3vpn::bgp::rib
