#include "daemon/vrf_bgp_runtime.hpp"

#include <algorithm>
#include <set>

#include "cli/show_bgp.hpp"

namespace l3vpn::daemon {
namespace {

bool same(const vpn::VrfBgpInstance& a, const vpn::VrfBgpInstance& b) {
  return a.vrf == b.vrf && a.instance.asn == b.instance.asn && a.instance.router_id == b.instance.router_id &&
         a.instance.log_neighbor_changes == b.instance.log_neighbor_changes && a.instance.peers == b.instance.peers;
}

}  // namespace

std::vector<VrfBgpListener> vrf_bgp_listeners(const vpn::VrfBgpInstance& instance, bool vrf_devices) {
  if (vrf_devices) return {VrfBgpListener{0, instance.vrf}};
  std::set<std::uint32_t> addresses;
  for (const auto& peer : instance.instance.peers)
    if (peer.local_address) addresses.insert(*peer.local_address);
  std::vector<VrfBgpListener> out;
  for (std::uint32_t address : addresses) out.push_back(VrfBgpListener{address, ""});
  return out;
}

VrfBgpRuntime::VrfBgpRuntime(boost::asio::io_context& io, const core::Clock& clock, const core::Logger& log,
                             std::uint16_t port)
    : io_(io), clock_(clock), log_(log), port_(port), timers_(io) {}

VrfBgpRuntime::~VrfBgpRuntime() {
  stop();
  for (auto& v : speakers_) v->listeners.clear();  // before the speakers their handlers call
}

std::unique_ptr<VrfBgpRuntime::VrfSpeaker> VrfBgpRuntime::build(const config::Config& config,
                                                                vpn::VrfBgpInstance instance) {
  auto v = std::make_unique<VrfSpeaker>();
  v->config = std::move(instance);
  v->resolver = vpn::vrf_next_hop_resolver(config, v->config.vrf);
  bgp::AsioTransportOptions options;
  options.port = port_;
  if (vrf_devices_) options.device = v->config.vrf;  // --kernel names the VRF device as the VRF
  v->device = options.device;
  v->transports = std::make_unique<bgp::AsioTransportFactory>(io_, options, log_);
  v->speaker = std::make_unique<bgp::Speaker>(v->config.instance, timers_, clock_, *v->transports, v->resolver, log_);
  for (const VrfBgpListener& wanted : vrf_bgp_listeners(v->config, vrf_devices_)) {
    bgp::BgpListen listen = bgp::listen_bgp(io_, wanted.address, port_, *v->speaker, log_, wanted.device);
    if (listen.error) {
      log_.error("BGP vrf " + v->config.vrf + ": " + *listen.error + "; outgoing connections are still tried");
      continue;
    }
    v->listeners.push_back(std::move(listen.listener));
    v->listening.push_back(bgp::listener_text(wanted.address, port_, wanted.device));
  }
  std::string listening;
  for (const auto& text : v->listening) listening += " " + text;
  log_.info("BGP vrf " + v->config.vrf + ": AS " + std::to_string(v->config.instance.asn) + ", " +
            std::to_string(v->config.instance.peers.size()) + " CE neighbor(s), listening on" +
            (listening.empty() ? std::string(" nothing") : listening) +
            (v->device.empty() ? "" : ", sessions bound to device " + v->device));
  v->speaker->start();
  return v;
}

void VrfBgpRuntime::apply(const config::Config& config) {
  std::vector<vpn::VrfBgpInstance> wanted = vpn::vrf_bgp_instances(config);
  std::vector<std::unique_ptr<VrfSpeaker>> next;
  for (vpn::VrfBgpInstance& w : wanted) {
    auto kept = std::find_if(speakers_.begin(), speakers_.end(),
                             [&](const auto& v) { return v && same(v->config, w); });
    if (kept != speakers_.end()) {
      (*kept)->resolver = vpn::vrf_next_hop_resolver(config, w.vrf);  // interfaces may have changed
      (*kept)->speaker->reresolve();
      next.push_back(std::move(*kept));
      continue;
    }
    // A changed VRF: the old speaker goes first (its listeners hold the addresses).
    auto old = std::find_if(speakers_.begin(), speakers_.end(), [&](const auto& v) { return v && v->config.vrf == w.vrf; });
    if (old != speakers_.end()) {
      log_.info("BGP vrf " + w.vrf + ": CE neighbors changed, resetting its sessions");
      for (const auto& p : (*old)->speaker->peers()) p->session->stop();
      (*old)->listeners.clear();
      old->reset();
    }
    next.push_back(build(config, std::move(w)));
  }
  for (auto& gone : speakers_) {
    if (!gone) continue;
    log_.info("BGP vrf " + gone->config.vrf + ": no CE neighbor any more, its sessions stop");
    for (const auto& p : gone->speaker->peers()) p->session->stop();
    gone->listeners.clear();
  }
  speakers_ = std::move(next);
}

void VrfBgpRuntime::stop() {
  for (auto& v : speakers_) {
    for (auto& l : v->listeners) l->close();
    for (const auto& p : v->speaker->peers()) p->session->stop();
  }
}

bool VrfBgpRuntime::flushed() const {
  for (const auto& v : speakers_)
    for (const auto& p : v->speaker->peers())
      if (!static_cast<const bgp::AsioPeerTransport&>(*p->transport).flushed()) return false;
  return true;
}

vpn::VrfCeBgpRoutes VrfBgpRuntime::ce_routes() const {
  vpn::VrfCeBgpRoutes out;
  for (const auto& v : speakers_) {
    std::vector<vpn::CeBgpRoute> learned = vpn::learned_routes(*v->speaker, clock_.now());
    if (!learned.empty()) out[v->config.vrf] = std::move(learned);
  }
  return out;
}

vpn::VrfIgpRoutes VrfBgpRuntime::ce_route_views() const {
  vpn::VrfIgpRoutes out;
  for (const auto& [vrf, routes] : ce_routes()) out[vrf] = vpn::bgp_route_views(routes);
  return out;
}

void VrfBgpRuntime::advertise(const config::Config& config, const std::vector<vpn::ExportedRoute>& exported,
                              const std::vector<vpn::VpnRoute>& known, const std::vector<cli::RouteTableView>& tables) {
  for (auto& v : speakers_) {
    const cli::RouteTableView* table = vpn::find_table(tables, v->config.vrf);
    if (!table) continue;
    std::vector<vpn::Advertisement> now = vpn::ce_advertisements(config, v->config.vrf, exported, known, *table);
    if (now == v->advertised) continue;
    vpn::sync_advertisements(*v->speaker, v->advertised, now);
    log_.info("BGP vrf " + v->config.vrf + ": " + std::to_string(now.size()) + " route(s) announced to its CEs");
    v->advertised = std::move(now);
  }
}

}  // namespace l3vpn::daemon
