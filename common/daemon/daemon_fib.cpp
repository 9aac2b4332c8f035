#include "daemon/daemon_fib.hpp"

#include "daemon/bgp_views.hpp"
#include "sim/dataplane_fill.hpp"
#include "vpn/vrf_bgp_ce.hpp"

namespace l3vpn::daemon {

sim::NodeFib daemon_node_fib(const config::Config& config, const OspfRuntime& ospf, const LdpRuntime& ldp,
                             const BgpRuntime& bgp, const vpn::LabelAllocator& labels,
                             const std::set<std::string, std::less<>>& down) {
  sim::NodeFib node = sim::node_from_config(config.hostname, config, down);
  const bgp::Speaker* speaker = bgp.speaker();
  const core::TimePoint now = bgp.clock().now();
  const ldp::Instance* ldp_instance = ldp.instance();
  const sim::RouterFibInputs inputs{
      .config = config,
      .ospf_routes = ospf.routes(),
      .global_bgp = speaker ? vpn::bgp_route_views(vpn::learned_routes(*speaker, now)) : std::vector<cli::RouteView>{},
      .known = speaker && !config.vrfs.empty() ? best_vpn_routes(*speaker, now) : std::vector<vpn::VpnRoute>{},
      .vrf_igp = config.vrfs.empty() ? vpn::VrfIgpRoutes{} : bgp.vrf_igp_routes(),
      .resolver = bgp.lsp_resolver(),
      .ldp_lfib = ldp_instance ? &ldp_instance->lib().lfib() : nullptr,
      .ldp_lib = ldp_instance ? &ldp_instance->lib() : nullptr,
      .labels = labels,
      .exported = bgp.exported(),
  };
  sim::fill_node(node, inputs);
  return node;
}

}  // namespace l3vpn::daemon
