// A daemon's BGP (edge code, Asio): the speaker built from `router bgp`, on
// the daemon's io_context, with real TCP transports, a listener, Asio timers,
// the system clock and next hops resolved from the connected and static
// routes of the configuration.
//
// Threads: everything on the io_context's thread.
// Configuration: apply() at start and after every accepted reload. No
//   `router bgp`: no speaker. A changed `router bgp` (or a change of what it
//   resolves to: router ID, update-source addresses) rebuilds the speaker:
//   every session is stopped with a Cease and starts again. Only the routes
//   changed: the speaker is kept and its next hops resolved again.
// VRF export: what the VRFs' `address-family ipv4 vrf` export (vpn/vrf_export)
//   is originated into VPNv4 after every apply() and every change of the VRF
//   OSPF processes' routes (set_vrf_ospf); what no longer is, withdrawn.
//   Labels stay with their VRF across reloads while `mpls label range` stays.
// Route-target filter: a PE keeps only the VPNv4 routes its VRFs import
//   (vpn/route_target_filter); a reload that imports more sends a
//   ROUTE-REFRESH to every VPNv4 peer.
// Listener: on the update-source address every peer shares (so several
//   daemons on one host can each have their own loopback), else 0.0.0.0; a
//   listener that cannot be opened (address not on this host, port taken) is
//   logged and BGP runs without it: outgoing connections are still tried.
// Stopping: stop() sends a Cease on every session; flushed() tells when
//   those have been written, so the daemon can exit after them.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "bgp/peer_config.hpp"
#include "bgp/rib/next_hop_resolver.hpp"
#include "bgp/speaker/speaker.hpp"
#include "bgp/transport/asio_peer_transport.hpp"
#include "config/model.hpp"
#include "core/asio_timer_service.hpp"
#include "daemon/bgp_command_target.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "vpn/label_allocator.hpp"
#include "vpn/lsp_resolver.hpp"
#include "vpn/route_target_filter.hpp"
#include "vpn/vrf_export.hpp"

namespace l3vpn::daemon {

class BgpRuntime final : public BgpCommandTarget {
 public:
  // `labels`: the daemon's one allocator (VRF labels here, FEC labels in LDP);
  // the daemon sets its range from `mpls label range` before apply().
  BgpRuntime(boost::asio::io_context& io, const core::Clock& clock, const core::Logger& log, std::uint16_t port,
             vpn::LabelAllocator& labels);
  ~BgpRuntime() override;
  BgpRuntime(const BgpRuntime&) = delete;
  BgpRuntime& operator=(const BgpRuntime&) = delete;

  // Starts, keeps or rebuilds the speaker for `config` (see above).
  void apply(const config::Config& config);
  // Every session stopped (Cease sent), the listener closed; the speaker
  // stays, for the show commands, until apply() or destruction.
  void stop();
  bool flushed() const;

  bool active() const override { return speaker_ != nullptr; }
  bgp::Speaker* speaker() override { return speaker_.get(); }
  const bgp::Speaker* speaker() const { return speaker_.get(); }
  bgp::TcpListener* listener() const { return listener_.get(); }  // nullptr when none is open
  const vpn::LspResolver& resolver() const override { return resolver_; }
  const vpn::LspResolver& lsp_resolver() const { return resolver_; }
  // The IGP's routes and LDP's LSPs changed: next hops resolve through them
  // (vpn/lsp_resolver.hpp) and the decision process runs again.
  // `require_lsp`: a PE running LDP.
  void set_igp(std::vector<vpn::IgpPrefix> routes, std::map<std::uint32_t, vpn::LspEntry> lsps,
               bool require_lsp);
  const core::Clock& clock() const override { return clock_; }
  std::uint16_t port() const { return port_; }

  // `clear ip bgp`: a hard reset (stop, then start) of one neighbor, or of
  // every one when nothing is given. False when there is no such neighbor.
  bool clear(std::optional<std::uint32_t> neighbor) override;

  const vpn::LabelAllocator& labels() const override { return labels_; }
  // The VRF OSPF processes' routes (PE-CE): exported by `redistribute ospf
  // N vrf V`, and shown in the VRF tables.
  void set_vrf_ospf(vpn::VrfOspfRoutes routes);
  // The VRF speakers' CE-learned routes (PE-CE BGP, VrfBgpRuntime): exported
  // without a redistribute line.
  void set_vrf_ce_routes(vpn::VrfCeBgpRoutes routes);
  // Where the VRF tables take their IGP routes from (asked at each show).
  void set_vrf_igp_source(std::function<vpn::VrfIgpRoutes()> source) { vrf_igp_ = std::move(source); }
  vpn::VrfIgpRoutes vrf_igp_routes() const override { return vrf_igp_ ? vrf_igp_() : vpn::VrfIgpRoutes{}; }
  // Where the PE-CE speakers are (the daemon's VrfBgpRuntime), for the summaries.
  void set_vrf_speakers_source(std::function<std::vector<const bgp::Speaker*>()> source) {
    vrf_speakers_ = std::move(source);
  }
  std::vector<const bgp::Speaker*> vrf_speakers() const override {
    return vrf_speakers_ ? vrf_speakers_() : std::vector<const bgp::Speaker*>{};
  }
  const std::vector<vpn::ExportedRoute>& exported() const { return exported_; }

 private:
  void build(const bgp::BgpInstanceConfig& instance);
  void tear_down();
  void export_vrfs(const config::Config& config);
  void filter_route_targets(const config::Config& config);

  boost::asio::io_context& io_;
  const core::Clock& clock_;
  const core::Logger& log_;
  std::uint16_t port_;
  core::AsioTimerService timers_;
  vpn::LspResolver resolver_;
  std::optional<bgp::BgpInstanceConfig> instance_;
  std::unique_ptr<bgp::AsioTransportFactory> transports_;
  std::unique_ptr<bgp::Speaker> speaker_;
  std::unique_ptr<bgp::TcpListener> listener_;
  vpn::LabelAllocator& labels_;
  std::vector<vpn::ExportedRoute> exported_;  // as originated into the speaker
  std::optional<config::Config> config_;      // as last exported
  vpn::VrfOspfRoutes vrf_ospf_;
  vpn::VrfCeBgpRoutes vrf_ce_;
  std::function<vpn::VrfIgpRoutes()> vrf_igp_;
  std::function<std::vector<const bgp::Speaker*>()> vrf_speakers_;
  std::optional<vpn::RouteTargetFilter> rt_filter_;  // as installed on the speaker
};

}  // namespace l3vpn::daemon
