#include "vpn/route_target_filter.hpp"

#include <algorithm>

#include "bgp/peer_config.hpp"
#include "vpn/vrf_export.hpp"

namespace l3vpn::vpn {

std::optional<RouteTargetFilter> RouteTargetFilter::for_config(const config::Config& config) {
  if (config.vrfs.empty()) return std::nullopt;
  if (auto instance = bgp::bgp_instance_config(config)) {
    // A reflector passes on what its clients need, whatever it imports itself.
    for (const auto& peer : instance->peers)
      if (peer.route_reflector_client) return std::nullopt;
  }
  RouteTargetFilter filter;
  for (const auto& vrf : config.vrfs)
    for (const auto& rt : vrf.import_targets) filter.targets_.insert(to_extended_community(rt));
  return filter;
}

bool RouteTargetFilter::accepts(const bgp::PathAttributes& attributes) const {
  return std::any_of(attributes.extended_communities.begin(), attributes.extended_communities.end(),
                     [&](const bgp::ExtendedCommunity& c) { return c.is_route_target() && targets_.contains(c); });
}

bool accepts_more(const std::optional<RouteTargetFilter>& before, const std::optional<RouteTargetFilter>& now) {
  if (!before) return false;  // everything was kept already
  if (!now) return true;      // everything is kept from now on
  return !std::includes(before->targets().begin(), before->targets().end(), now->targets().begin(),
                        now->targets().end());
}

FilterChange apply_route_target_filter(bgp::Speaker& speaker, const std::optional<RouteTargetFilter>& before,
                                       const std::optional<RouteTargetFilter>& now) {
  if (now) {
    speaker.set_inbound_filter([filter = *now](bgp::AfiSafi family, const bgp::rib::RouteKey&,
                                               const bgp::PathAttributes& attributes) {
      return family != bgp::kVpnv4Unicast || filter.accepts(attributes);
    });
  } else {
    speaker.set_inbound_filter(nullptr);
  }
  FilterChange change;
  change.dropped = speaker.refilter();
  if (accepts_more(before, now)) change.refreshes_sent = speaker.request_refresh(bgp::kVpnv4Unicast);
  return change;
}

}  // namespace l3vpn::vpn
