// Shared scenery for the BGP RIB tests: the seed lab's routers (R2, R3, R4 in
// AS 65103; VRF Technique with RD 65103:103 and RT 65103:1111) as peers and
// paths, and a next-hop resolver the tests set by hand.
#pragma once

#include <chrono>
#include <map>
#include <optional>

#include "bgp/rib/next_hop_resolver.hpp"
#include "bgp/rib/route.hpp"

namespace rib_fixtures {

using namespace l3vpn::bgp;
using namespace l3vpn::bgp::rib;

constexpr std::uint32_t ip(unsigned a, unsigned b, unsigned c, unsigned d) {
  return (a << 24) | (b << 16) | (c << 8) | d;
}

constexpr std::uint32_t kAs = 65103;
constexpr std::uint32_t kR2 = ip(2, 2, 2, 2);
constexpr std::uint32_t kR3 = ip(3, 3, 3, 3);
constexpr std::uint32_t kR4 = ip(4, 4, 4, 4);
constexpr PeerId kPeerR2 = 2;
constexpr PeerId kPeerR4 = 4;
inline const WireRouteDistinguisher kRdTechnique{(std::uint64_t{kAs} << 32) | 103};  // 65103:103
inline const ExtendedCommunity kRtTechnique = ExtendedCommunity::route_target(0, kAs, 1111);

inline RouteKey vpn_key(std::uint32_t address, std::uint8_t length) {
  return RouteKey::vpnv4(kRdTechnique, Prefix4{address, length});
}

// What a PE of the lab exports for VRF Technique (redistribute ospf 10 ... metric 11).
inline PathAttributes technique_attributes() {
  PathAttributes a;
  a.origin = Origin::Incomplete;
  a.as_path = std::vector<AsPathSegment>{};
  a.med = 11;
  a.local_pref = 100;
  a.extended_communities = {kRtTechnique};
  return a;
}

inline SteadyTime at_second(int s) { return SteadyTime{} + std::chrono::seconds(s); }

// An iBGP path from a lab PE: next hop, router ID and address are its loopback.
inline Path ibgp_path(AttributeHandle attributes, std::uint32_t pe, PeerId peer, std::uint32_t label = 16,
                      SteadyTime received = at_second(0)) {
  Path p;
  p.attributes = std::move(attributes);
  p.received = received;
  p.next_hop = pe;
  p.peer_router_id = pe;
  p.peer_address = pe;
  p.peer = peer;
  p.label = Label{label};
  return p;
}

// Next hops set by hand: reachable with a metric, or absent.
class TableResolver final : public NextHopResolver {
 public:
  void set(std::uint32_t next_hop, std::uint32_t metric) { metric_[next_hop] = metric; }
  void remove(std::uint32_t next_hop) { metric_.erase(next_hop); }
  std::optional<NextHopResolution> resolve(std::uint32_t next_hop) const override {
    auto it = metric_.find(next_hop);
    if (it == metric_.end()) return std::nullopt;
    return NextHopResolution{true, it->second, std::nullopt};
  }

 private:
  std::map<std::uint32_t, std::uint32_t> metric_;
};

}  // namespace rib_fixtures
