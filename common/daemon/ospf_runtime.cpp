#include "daemon/ospf_runtime.hpp"

#include <algorithm>

namespace l3vpn::daemon {

OspfRuntime::OspfRuntime(boost::asio::io_context& io, const core::Clock& clock, const core::Logger& log)
    : io_(io), clock_(clock), log_(log) {}

OspfRuntime::~OspfRuntime() {
  on_routes_changed = nullptr;  // whoever listens may be gone already
  processes_.clear();
}

void OspfRuntime::apply(const config::Config& config) {
  for (const auto& p : config.ospf)
    if (!p.vrf.empty())
      log_.warning("OSPF: router ospf " + std::to_string(p.id) + " vrf " + p.vrf +
                   " is not run yet (PE-CE OSPF); the global-table processes are");
  std::vector<OspfProcessConfig> wanted = ospf_process_configs(config);
  bool changed = false;
  // Removed or changed processes go first, so a changed one is built afresh.
  std::erase_if(processes_, [&](const std::unique_ptr<Process>& p) {
    auto w = std::find_if(wanted.begin(), wanted.end(), [&](const auto& c) { return c.process_id == p->id; });
    if (w != wanted.end() && same_instance_config(w->instance, p->config)) return false;
    log_.info("OSPF: process " + std::to_string(p->id) + (w == wanted.end() ? " removed" : " changed, restarting"));
    changed = true;
    return true;  // the destructor closes its sockets and cancels its timers
  });
  for (auto& w : wanted) {
    if (std::any_of(processes_.begin(), processes_.end(), [&](const auto& p) { return p->id == w.process_id; }))
      continue;
    auto p = std::make_unique<Process>(io_);
    p->id = w.process_id;
    p->config = std::move(w.instance);
    Process& ref = *p;
    processes_.push_back(std::move(p));
    build(ref);
    changed = true;
  }
  if (changed) routes_changed();
}

void OspfRuntime::build(Process& p) {
  if (p.config.router_id == 0) {
    log_.error("OSPF: process " + std::to_string(p.id) +
               " has no router ID (no router-id and no interface address); not started");
    return;
  }
  p.instance = std::make_unique<ospf::Instance>(p.id, p.config);
  std::size_t opened = 0;
  for (const auto& i : p.config.interfaces) {
    if (i.loopback || i.passive) continue;  // they send nothing, hear nothing
    auto socket = std::make_unique<ospf::RawSocket>(
        io_, ospf::RawSocketConfig{i.name, i.address},
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
  log_.info("OSPF: process " + std::to_string(p.id) + ", router ID " + ospf::dotted(p.config.router_id) + ", " +
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
  if (routes) routes_changed();
}

void OspfRuntime::routes_changed() {
  if (on_routes_changed) on_routes_changed();
}

std::vector<ospf::SpfRoute> OspfRuntime::routes() const {
  std::vector<ospf::SpfRoute> out;
  for (const auto& p : processes_)
    if (p->instance) out.insert(out.end(), p->instance->routes().begin(), p->instance->routes().end());
  return out;
}

void OspfRuntime::stop() {
  if (processes_.empty()) return;
  processes_.clear();
  routes_changed();
}

}  // namespace l3vpn::daemon
