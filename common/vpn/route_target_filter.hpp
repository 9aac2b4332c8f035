// The PE's default route-target filter (RFC 4364 section 4.3.1; IOS's
// "bgp default route-target filter"): a PE keeps only the VPNv4 routes that
// carry a route target one of its VRFs imports. Others are dropped as they
// arrive (never stored in the BGP table; counted per peer as
// `inbound_filtered`). When a reload makes the PE import more (a new import
// target, a new VRF, or no filter any more), it asks every VPNv4 peer for its
// routes again with a ROUTE-REFRESH (RFC 2918, AFI 1 / SAFI 128) so the
// dropped routes come back; when it imports less, the stored routes it no
// longer wants are dropped at once.
//
// Who filters: a router with at least one VRF and no route-reflector client
// in any family. A route reflector (or a router without VRFs) keeps
// everything: it has to pass routes on. Locally originated routes (the PE's
// own VRF exports) are never filtered: they do not come from a peer.
// Not yet: `no bgp default route-target filter` (not in the config model).
// Pure but for apply_route_target_filter, which drives the speaker.
#pragma once

#include <cstddef>
#include <optional>
#include <set>

#include "bgp/codec/path_attributes.hpp"
#include "bgp/speaker/speaker.hpp"
#include "config/model.hpp"

namespace l3vpn::vpn {

class RouteTargetFilter {
 public:
  // The filter `config` calls for; nothing when the router keeps every route.
  static std::optional<RouteTargetFilter> for_config(const config::Config& config);

  // One of the route's route targets is imported by a VRF.
  bool accepts(const bgp::PathAttributes& attributes) const;
  // The import targets of every VRF, as extended communities.
  const std::set<bgp::ExtendedCommunity>& targets() const { return targets_; }

 private:
  std::set<bgp::ExtendedCommunity> targets_;
};

// `now` keeps a route `before` dropped: a ROUTE-REFRESH is due.
bool accepts_more(const std::optional<RouteTargetFilter>& before, const std::optional<RouteTargetFilter>& now);

struct FilterChange {
  std::size_t dropped = 0;            // stored routes `now` refuses, removed
  std::size_t refreshes_sent = 0;     // ROUTE-REFRESH messages sent
  bool operator==(const FilterChange&) const = default;
};

// Installs `now` on the speaker's VPNv4 side (none: keep everything), drops
// what it refuses, and asks the peers again when it accepts more than `before`.
FilterChange apply_route_target_filter(bgp::Speaker& speaker, const std::optional<RouteTargetFilter>& before,
                                       const std::optional<RouteTargetFilter>& now);

}  // namespace l3vpn::vpn
