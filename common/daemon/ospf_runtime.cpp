#include "daemon/ospf_runtime.hpp"

#include <algorithm>

#include "daemon/ospf_views.hpp"

namespace l3vpn::daemon {

OspfRuntime::OspfRuntime(boost::asio::io_context& io, const core::Clock& clock, const core::Logger& log)
    : io_(io), clock_(clock), log_(log) {}

OspfRuntime::~OspfRuntime() {
  on_routes_changed = nullptr;  // whoever listens may be gone already
  processes_.clear();
}

void OspfRuntime::apply(const config::Config& config) {
  std::vector<OspfProcessConfig> wanted = ospf_process_configs(config);
  bool changed = false, vrf_changed = false;
  // Removed or changed processes go first, so a changed one is built afresh.
  std::erase_if(processes_, [&](const std::unique_ptr<Process>& p) {
    auto w = std::find_if(wanted.begin(), wanted.end(), [&](const auto& c) { return c.process_id == p->id; });
    if (w != wanted.end() && w->vrf == p->vrf && same_instance_config(w->instance, p->config)) return false;
    log_.info("OSPF: process " + std::to_string(p->id) + (w == wanted.end() ? " removed" : " changed, restarting"));
    (p->vrf.empty() ? changed : vrf_changed) = true;
    return true;  // the destructor closes its sockets and cancels its timers
  });
  for (auto& w : wanted) {
    if (std::any_of(processes_.begin(), processes_.end(), [&](const auto& p) { return p->id == w.process_id; }))
      continue;
    auto p = std::make_unique<Process>(io_);
    p->id = w.process_id;
    p->vrf = w.vrf;
    for (const auto& o : config.ospf)
      if (o.id == w.process_id && o.vrf == w.vrf) p->process = o;
    p->config = std::move(w.instance);
    Process& ref = *p;
    processes_.push_back(std::move(p));
    build(ref);
    (ref.vrf.empty() ? changed : vrf_changed) = true;
  }
  // A kept process's configuration may still differ in what the translation
  // does not carry (the redistribute bgp line): keep it current.
  for (auto& p : processes_)
    for (const auto& o : config.ospf)
      if (o.id == p->id && o.vrf == p->vrf) p->process = o;
  if (changed && on_routes_changed) on_routes_changed();
  if (vrf_changed && on_vrf_routes_changed) on_vrf_routes_changed();
}

void OspfRuntime::build(Process& p) {
  if (p.config.router_id == 0) {
    log_.error("OSPF: process " + std::to_string(p.id) +
               " has no router ID (no router-id and no interface address); not started");
    return;
  }
  p.instance = std::make_unique<ospf::Instance>(p.id, p.config);
  ++builds_;
  std::size_t opened = 0;
  for (const auto& i : p.config.interfaces) {
    if (i.loopback || i.passive) continue;  // they send nothing, hear nothing
    auto socket = std::make_unique<ospf::RawSocket>(
        io_, ospf::RawSocketConfig{device_name(device_names_, i.name), i.address},
        [this, &p, name = i.name](std::uint32_t source, std::uint32_t destination, std::span<const std::uint8_t> packet) {
          if (!p.instance) return;
          execute(p, p.instance->packet_received(name, source, destination, packet, clock_.now()));
        });
    if (auto error = socket->open()) {
      log_.error("OSPF: process " + std::to_string(p.id) + ": " + *error + "; OSPF does not run on " + i.name);
      continue;
    }
    ++opened;
    p.sockets[i.name] = std::move(socket);
  }
  log_.info("OSPF: process " + std::to_string(p.id) + (p.vrf.empty() ? "" : " vrf " + p.vrf) + ", router ID " + ospf::dotted(p.config.router_id) + ", " +
            std::to_string(p.config.interfaces.size()) + " interface(s), " + std::to_string(opened) + " socket(s), " +
            std::to_string(p.config.externals.size()) + " external route(s)");
  execute(p, p.instance->start(clock_.now()));
}

void OspfRuntime::execute(Process& p, std::vector<ospf::InstanceAction> actions) {
  bool routes = false;
  for (auto& action : actions) {
    if (auto* send = std::get_if<ospf::instance_action::Send>(&action)) {
      auto s = p.sockets.find(send->interface);
      if (s == p.sockets.end()) {
        ++p.packets_without_socket;
        continue;
      }
      s->second->send(send->destination, send->packet);
    } else if (auto* start = std::get_if<ospf::instance_action::StartTimer>(&action)) {
      p.timers.start(start->name, start->after, [this, &p, name = start->name] {
        if (p.instance) execute(p, p.instance->timer_expired(name, clock_.now()));
      });
    } else if (auto* stop_timer = std::get_if<ospf::instance_action::StopTimer>(&action)) {
      p.timers.cancel(stop_timer->name);
    } else if (std::holds_alternative<ospf::instance_action::RoutesChanged>(action)) {
      routes = true;
    } else if (auto* log = std::get_if<ospf::instance_action::Log>(&action)) {
      log_.log(log->level, log->text);
    }
  }
  if (routes) routes_changed(p);
}

void OspfRuntime::routes_changed(const Process& p) {
  const auto& callback = p.vrf.empty() ? on_routes_changed : on_vrf_routes_changed;
  if (callback) callback();
}

std::vector<ospf::SpfRoute> OspfRuntime::routes() const {
  std::vector<ospf::SpfRoute> out;
  for (const auto& p : processes_)
    if (p->instance && p->vrf.empty()) out.insert(out.end(), p->instance->routes().begin(), p->instance->routes().end());
  return out;
}

vpn::VrfIgpRoutes OspfRuntime::vrf_igp_routes() const {
  vpn::VrfIgpRoutes out;
  for (const auto& p : processes_) {
    if (!p->instance || p->vrf.empty()) continue;
    std::vector<cli::RouteView> views = ospf_route_views(*p->instance, clock_.now());
    auto& into = out[p->vrf];
    into.insert(into.end(), views.begin(), views.end());
  }
  return out;
}

vpn::VrfOspfRoutes OspfRuntime::vrf_ospf_routes() const {
  vpn::VrfOspfRoutes out;
  for (const auto& p : processes_)
    if (p->instance && !p->vrf.empty())
      out[p->id] = vpn::VrfOspfProcessRoutes{p->instance->router_id(), p->instance->routes()};
  return out;
}

bool OspfRuntime::redistributes_bgp() const {
  return std::any_of(processes_.begin(), processes_.end(), [](const auto& p) {
    return !p->vrf.empty() && std::any_of(p->process.redistribute.begin(), p->process.redistribute.end(), [](const auto& r) {
             return r.source == config::Redistribution::Source::Bgp;
           });
  });
}

void OspfRuntime::redistribute_bgp(const std::vector<cli::RouteTableView>& vrf_tables,
                                   const std::vector<vpn::VpnRoute>& known) {
  for (auto& p : processes_) {
    if (!p->instance || p->vrf.empty()) continue;
    const cli::RouteTableView* table = vpn::find_table(vrf_tables, p->vrf);
    OspfFromBgp bgp;
    if (table) bgp = ospf_from_bgp(p->process, *table, known);
    if (bgp == p->from_bgp) continue;
    log_.info("OSPF: process " + std::to_string(p->id) + " vrf " + p->vrf + ": BGP routes redistributed, " +
              std::to_string(bgp.summaries.size()) + " as summaries, " + std::to_string(bgp.externals.size()) +
              " as externals");
    p->from_bgp = bgp;
    execute(*p, p->instance->set_redistributed_routes(merge_externals(p->config.externals, bgp.externals),
                                                      bgp.summaries, clock_.now()));
  }
}

void OspfRuntime::interface_link(const std::string& name, bool up) {
  for (auto& p : processes_)
    if (p->instance) execute(*p, p->instance->interface_link(name, up, clock_.now()));
}

void OspfRuntime::stop() {
  if (processes_.empty()) return;
  processes_.clear();
  if (on_routes_changed) on_routes_changed();
  if (on_vrf_routes_changed) on_vrf_routes_changed();
}

}  // namespace l3vpn::daemon
