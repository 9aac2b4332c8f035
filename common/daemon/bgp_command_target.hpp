// The BGP state the CLI's BGP commands (daemon/bgp_commands) read, behind
// one interface: a daemon's BgpRuntime implements it, and so does a router of
// the lab simulator, so `l3vpnctl sim --exec` answers with the daemons' code.
#pragma once

#include <cstdint>
#include <optional>

#include "bgp/rib/next_hop_resolver.hpp"
#include "bgp/speaker/speaker.hpp"
#include "core/clock.hpp"
#include "vpn/label_allocator.hpp"
#include "vpn/lsp_resolver.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::daemon {

// What the commands read: a daemon's BgpRuntime, or a router of the lab
// simulator (sim/lab_sim), so `l3vpnctl sim --exec` answers with the same code.
class BgpCommandTarget {
 public:
  virtual ~BgpCommandTarget() = default;
  virtual bool active() const = 0;  // a speaker runs
  virtual bgp::Speaker* speaker() = 0;
  // Next hops over the IGP and LDP (show ip bgp validity, show ip cef).
  virtual const vpn::LspResolver& resolver() const = 0;
  virtual const vpn::LabelAllocator& labels() const = 0;
  virtual const core::Clock& clock() const = 0;
  // The routes of the VRFs' own IGP (PE-CE OSPF), for the VRF tables.
  virtual vpn::VrfIgpRoutes vrf_igp_routes() const { return {}; }
  // A PE's speakers for its CE neighbors (PE-CE BGP), one per VRF: their
  // neighbors are listed by the summaries.
  virtual std::vector<const bgp::Speaker*> vrf_speakers() const { return {}; }
  // `clear ip bgp`: false when there is no such neighbor.
  virtual bool clear(std::optional<std::uint32_t> neighbor) = 0;
};

}  // namespace l3vpn::daemon
