#include "daemon/bgp_runtime.hpp"

#include <algorithm>

#include "cli/show_bgp.hpp"
#include "vpn/export_sync.hpp"

namespace l3vpn::daemon {
namespace {

bool same_instance(const bgp::BgpInstanceConfig& a, const bgp::BgpInstanceConfig& b) {
  return a.asn == b.asn && a.router_id == b.router_id && a.cluster_id == b.cluster_id &&
         a.log_neighbor_changes == b.log_neighbor_changes && a.peers == b.peers;
}

}  // namespace

BgpRuntime::BgpRuntime(boost::asio::io_context& io, const core::Clock& clock, const core::Logger& log,
                       std::uint16_t port, vpn::LabelAllocator& labels)
    : io_(io), clock_(clock), log_(log), port_(port), timers_(io), labels_(labels) {}

BgpRuntime::~BgpRuntime() { tear_down(); }

void BgpRuntime::set_igp(std::vector<vpn::IgpPrefix> routes, std::map<std::uint32_t, vpn::LspEntry> lsps,
                         bool require_lsp) {
  if (routes == resolver_.igp_routes() && lsps == resolver_.lsps() && require_lsp == resolver_.lsp_required()) return;
  resolver_.set_igp_routes(std::move(routes));
  resolver_.set_lsps(std::move(lsps));
  resolver_.require_lsp(require_lsp);
  if (!speaker_) return;
  speaker_->reresolve();
  speaker_->retry_connects();  // a peer may be reachable now: no 120 s ConnectRetry wait
}

void BgpRuntime::apply(const config::Config& config) {
  std::optional<bgp::BgpInstanceConfig> instance = bgp::bgp_instance_config(config);
  resolver_.set_connected_static(bgp::rib::ConnectedStaticResolver::from_config(config));
  if (!instance) {
    if (speaker_) {
      log_.info("BGP: router bgp removed, stopping every session");
      tear_down();
    }
    return;
  }
  if (speaker_ && instance_ && same_instance(*instance_, *instance)) {
    speaker_->reresolve();  // interfaces or static routes may have changed
    log_.info("BGP: router bgp unchanged, sessions kept");
    filter_route_targets(config);
    export_vrfs(config);
    return;
  }
  if (speaker_) {
    log_.info("BGP: router bgp changed, restarting BGP: every session is reset");
    tear_down();
  }
  build(*instance);
  filter_route_targets(config);
  export_vrfs(config);
}

void BgpRuntime::filter_route_targets(const config::Config& config) {
  std::optional<vpn::RouteTargetFilter> now = vpn::RouteTargetFilter::for_config(config);
  vpn::FilterChange change = vpn::apply_route_target_filter(*speaker_, rt_filter_, now);
  if (change.dropped)
    log_.info("BGP: " + std::to_string(change.dropped) + " VPNv4 route(s) dropped: no VRF imports their route targets");
  if (change.refreshes_sent)
    log_.info("BGP: new import route targets, ROUTE-REFRESH sent to " + std::to_string(change.refreshes_sent) +
              " VPNv4 peer(s)");
  rt_filter_ = std::move(now);
}

void BgpRuntime::set_vrf_ospf(vpn::VrfOspfRoutes routes) {
  if (routes == vrf_ospf_) return;
  vrf_ospf_ = std::move(routes);
  if (speaker_ && config_) export_vrfs(*config_);
}

void BgpRuntime::set_vrf_ce_routes(vpn::VrfCeBgpRoutes routes) {
  // Ages move every poll: only what is exported counts as a change.
  for (auto& [vrf, list] : routes)
    for (auto& r : list) r.age.reset();
  if (routes == vrf_ce_) return;
  vrf_ce_ = std::move(routes);
  if (speaker_ && config_) export_vrfs(*config_);
}

void BgpRuntime::export_vrfs(const config::Config& config) {
  config_ = config;
  std::vector<vpn::ExportedRoute> now = vpn::vrf_exports(config, labels_, clock_.now(), vrf_ospf_, vrf_ce_);
  vpn::sync_exports(*speaker_, exported_, now);
  if (now != exported_)
    log_.info("BGP: " + std::to_string(now.size()) + " VPNv4 route(s) exported from the VRFs");
  exported_ = std::move(now);
}

void BgpRuntime::build(const bgp::BgpInstanceConfig& instance) {
  instance_ = instance;
  bgp::AsioTransportOptions options;
  options.port = port_;
  transports_ = std::make_unique<bgp::AsioTransportFactory>(io_, options, log_);
  speaker_ = std::make_unique<bgp::Speaker>(instance, timers_, clock_, *transports_, resolver_, log_);
  const std::uint32_t address = bgp::listen_address(instance);
  bgp::BgpListen listen = bgp::listen_bgp(io_, address, port_, *speaker_, log_);
  if (listen.error) {
    log_.error(*listen.error + "; BGP accepts no connections, outgoing ones are still tried");
  } else {
    listener_ = std::move(listen.listener);
  }
  std::size_t peers = speaker_->peers().size();
  log_.info("BGP: AS " + std::to_string(instance.asn) + ", router ID " + cli::ipv4_text(instance.router_id) + ", " +
            std::to_string(peers) + (peers == 1 ? " neighbor" : " neighbors") +
            (listener_ ? ", listening on " + cli::ipv4_text(address) + ":" + std::to_string(port_) : ""));
  speaker_->start();
}

void BgpRuntime::stop() {
  if (listener_) listener_->close();
  if (!speaker_) return;
  for (const auto& peer : speaker_->peers()) peer->session->stop();
}

void BgpRuntime::tear_down() {
  stop();
  listener_.reset();  // before the speaker its handler calls
  speaker_.reset();   // transports close their connections; a Cease still goes out
  transports_.reset();
  instance_.reset();
  exported_.clear();  // a new speaker starts with nothing originated
  rt_filter_.reset();  // and with no filter
}

bool BgpRuntime::flushed() const {
  if (!speaker_) return true;
  for (const auto& peer : speaker_->peers())
    if (!static_cast<const bgp::AsioPeerTransport&>(*peer->transport).flushed()) return false;
  return true;
}

bool BgpRuntime::clear(std::optional<std::uint32_t> neighbor) {
  if (!speaker_) return false;
  bool found = false;
  for (const auto& peer : speaker_->peers()) {
    if (neighbor && peer->config.address != *neighbor) continue;
    found = true;
    if (peer->config.shutdown) continue;
    log_.info("BGP: neighbor " + cli::ipv4_text(peer->config.address) + " reset (clear ip bgp)");
    peer->session->stop();
    peer->session->start();
  }
  return found;
}

}  // namespace l3vpn::daemon
