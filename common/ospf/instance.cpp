// ospf::Instance: the entry points, the timer dispatch by name and the views.
// The protocol work is in instance_fsm.cpp, instance_packets.cpp,
// instance_flooding.cpp, instance_origination.cpp and instance_routes.cpp.
#include "ospf/instance.hpp"

#include <algorithm>

#include "ospf/instance_state.hpp"

namespace l3vpn::ospf {

std::string dotted(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." + std::to_string((a >> 8) & 0xFF) +
         "." + std::to_string(a & 0xFF);
}

std::string hello_timer(const Interface& i) { return "ospf hello " + i.config.name; }
std::string wait_timer(const Interface& i) { return "ospf wait " + i.config.name; }
std::string inactivity_timer(const Interface& i, const Neighbor& n) {
  return "ospf inactivity " + i.config.name + " " + dotted(n.router_id);
}
std::string dd_retransmit_timer(const Interface& i, const Neighbor& n) {
  return "ospf dd-rxmt " + i.config.name + " " + dotted(n.router_id);
}
std::string ls_retransmit_timer(const Interface& i, const Neighbor& n) {
  return "ospf rxmt " + i.config.name + " " + dotted(n.router_id);
}

namespace {

InterfaceConfig fsm_config(const InstanceInterface& c, std::uint32_t router_id) {
  InterfaceConfig f;
  f.type = c.type;
  f.router_id = router_id;
  f.address = c.address;
  f.mask = c.mask;
  f.area_id = c.area_id;
  f.priority = c.priority;
  f.hello_interval = c.hello_interval;
  f.dead_interval = c.dead_interval;
  f.retransmit_interval = c.retransmit_interval;
  f.mtu = c.mtu;
  f.options = option::E;  // no stub areas
  f.passive = c.passive;
  return f;
}

}  // namespace

Instance::State::State(std::uint32_t pid, InstanceConfig c) : process_id(pid), config(std::move(c)) {
  interfaces.reserve(config.interfaces.size());  // never resized after: handlers keep references
  for (const auto& ic : config.interfaces) {
    interfaces.emplace_back(ic, fsm_config(ic, config.router_id), static_cast<std::uint32_t>(interfaces.size()));
    areas[ic.area_id].id = ic.area_id;
  }
}

Interface* Instance::State::find_interface(const std::string& name) {
  for (auto& i : interfaces)
    if (i.config.name == name) return &i;
  return nullptr;
}

Interface* Instance::State::find_interface(std::uint32_t index) {
  return index < interfaces.size() ? &interfaces[index] : nullptr;
}

void Instance::State::log(core::LogLevel level, std::string text) {
  out.push_back(instance_action::Log{level, std::move(text)});
}

void Instance::State::start_timer(std::string name, core::Duration after) {
  out.push_back(instance_action::StartTimer{std::move(name), after});
}

void Instance::State::stop_timer(std::string name) { out.push_back(instance_action::StopTimer{std::move(name)}); }

void Instance::State::count_drop(const std::string& reason, const std::string& detail) {
  ++drops[reason];
  log(core::LogLevel::Debug, "OSPF-" + std::to_string(process_id) + " drop: " + reason +
                                 (detail.empty() ? "" : " (" + detail + ")"));
}

bool Instance::State::exchange_in_progress() const {
  for (const auto& i : interfaces)
    for (const auto& [rid, n] : i.neighbors)
      if (n.fsm.state() == NeighborState::Exchange || n.fsm.state() == NeighborState::Loading) return true;
  return false;
}

std::uint64_t Instance::State::scope_of(std::uint8_t ls_type, std::uint32_t area_id) {
  return ls_type == ls_type::AsExternal ? kAsScope : area_id;
}

Lsdb& Instance::State::lsdb_for(std::uint64_t scope) {
  if (scope == kAsScope) return external;
  return areas[static_cast<std::uint32_t>(scope)].lsdb;
}

// The work an event leaves behind, done once per entry point: elections
// after neighbor changes (which may change adjacencies again), dropping
// neighbors that went Down, and bringing our own LSAs up to date.
std::vector<InstanceAction> Instance::State::finish() {
  run_pending_neighbor_changes();
  remove_down_neighbors();
  if (origination_pending) reconcile_own_lsas();
  return std::move(out);
}

Instance::Instance(std::uint32_t process_id, InstanceConfig config)
    : state_(std::make_unique<State>(process_id, std::move(config))) {}

Instance::~Instance() = default;

std::vector<InstanceAction> Instance::start(core::TimePoint now) {
  State& s = *state_;
  s.now = now;
  s.out.clear();
  if (s.started) return {};
  s.started = true;
  for (auto& i : s.interfaces) {
    if (i.config.loopback)
      s.interface_event(i, InterfaceEvent::LoopInd);
    else if (i.link_up)
      s.interface_event(i, InterfaceEvent::InterfaceUp);
  }
  s.start_timer(kAgeTimer, kAgeTick);
  s.origination_pending = true;
  s.schedule_spf();
  return s.finish();
}

std::vector<InstanceAction> Instance::packet_received(const std::string& interface, std::uint32_t source,
                                                      std::uint32_t destination,
                                                      std::span<const std::uint8_t> packet, core::TimePoint now) {
  State& s = *state_;
  s.now = now;
  s.out.clear();
  Interface* i = s.find_interface(interface);
  if (i == nullptr) {
    s.count_drop("unknown-interface", interface);
    return s.finish();
  }
  if (!s.started) {
    s.count_drop("process-not-started", interface);
    return s.finish();
  }
  s.receive(*i, source, destination, packet);
  return s.finish();
}

std::vector<InstanceAction> Instance::timer_expired(const std::string& name, core::TimePoint now) {
  State& s = *state_;
  s.now = now;
  s.out.clear();
  if (name == kSpfTimer) {
    s.run_spf();
    return s.finish();
  }
  if (name == kAgeTimer) {
    s.age_tick();
    s.start_timer(kAgeTimer, kAgeTick);
    return s.finish();
  }
  if (name == kOriginateTimer) {
    s.originate_timer_running = false;
    s.origination_pending = true;
    return s.finish();
  }
  for (auto& i : s.interfaces) {
    if (name == hello_timer(i)) {
      s.interface_event(i, InterfaceEvent::HelloTimer);
      return s.finish();
    }
    if (name == wait_timer(i)) {
      s.interface_event(i, InterfaceEvent::WaitTimer);
      return s.finish();
    }
    for (auto& [rid, n] : i.neighbors) {
      if (name == inactivity_timer(i, n)) {
        n.dead_at.reset();
        s.neighbor_event(i, n, NeighborEvent::InactivityTimer);
        return s.finish();
      }
      if (name == dd_retransmit_timer(i, n)) {
        s.apply(i, n, n.fsm.retransmit());
        return s.finish();
      }
      if (name == ls_retransmit_timer(i, n)) {
        s.retransmit(i, n);
        return s.finish();
      }
    }
  }
  s.log(core::LogLevel::Debug, "OSPF-" + std::to_string(s.process_id) + ": stale timer " + name);
  return s.finish();
}

std::vector<InstanceAction> Instance::interface_link(const std::string& interface, bool up, core::TimePoint now) {
  State& s = *state_;
  s.now = now;
  s.out.clear();
  Interface* i = s.find_interface(interface);
  if (i == nullptr || i->link_up == up) return s.finish();
  i->link_up = up;
  if (s.started && !i->config.loopback)
    s.interface_event(*i, up ? InterfaceEvent::InterfaceUp : InterfaceEvent::InterfaceDown);
  s.schedule_spf();
  return s.finish();
}

std::vector<InstanceAction> Instance::set_external_routes(std::vector<ExternalRoute> externals,
                                                          core::TimePoint now) {
  State& s = *state_;
  s.now = now;
  s.out.clear();
  s.config.externals = std::move(externals);
  s.origination_pending = s.started;
  return s.finish();
}

std::vector<InstanceAction> Instance::set_redistributed_routes(std::vector<ExternalRoute> externals,
                                                               std::vector<SummaryRoute> summaries,
                                                               core::TimePoint now) {
  State& s = *state_;
  s.now = now;
  s.out.clear();
  s.config.externals = std::move(externals);
  s.config.summaries = std::move(summaries);
  s.origination_pending = s.started;
  return s.finish();
}

std::uint32_t Instance::process_id() const { return state_->process_id; }
std::uint32_t Instance::router_id() const { return state_->config.router_id; }
const std::vector<SpfRoute>& Instance::routes() const { return state_->routes; }

std::optional<core::TimePoint> Instance::route_since(std::uint32_t prefix, std::uint32_t mask) const {
  auto it = state_->route_since.find({prefix, mask});
  if (it == state_->route_since.end()) return std::nullopt;
  return it->second;
}

std::vector<Instance::NeighborView> Instance::neighbors() const {
  std::vector<NeighborView> v;
  for (const auto& i : state_->interfaces)
    for (const auto& [rid, n] : i.neighbors)
      v.push_back(NeighborView{rid, n.address, i.config.name, i.config.area_id, n.fsm.state(), n.priority, n.dr,
                               n.bdr, n.dead_at, n.state_since});
  return v;
}

std::vector<Instance::InterfaceView> Instance::interfaces() const {
  const State& s = *state_;
  std::vector<InterfaceView> v;
  for (const auto& i : s.interfaces) {
    InterfaceView iv;
    iv.name = i.config.name;
    iv.address = i.config.address;
    iv.mask = i.config.mask;
    iv.area_id = i.config.area_id;
    iv.type = i.config.type;
    iv.loopback = i.config.loopback;
    iv.passive = i.config.passive;
    iv.state = i.fsm.state();
    iv.cost = i.config.cost;
    iv.priority = i.config.priority;
    auto router_of = [&](std::uint32_t address) -> std::uint32_t {
      if (address == 0) return 0;
      if (address == i.config.address) return s.config.router_id;
      for (const auto& [rid, n] : i.neighbors)
        if (n.address == address) return rid;
      return 0;
    };
    iv.dr_address = i.fsm.designated_router();
    iv.dr_router_id = router_of(iv.dr_address);
    iv.bdr_address = i.fsm.backup_designated_router();
    iv.bdr_router_id = router_of(iv.bdr_address);
    iv.hello_interval = i.config.hello_interval;
    iv.dead_interval = i.config.dead_interval;
    iv.retransmit_interval = i.config.retransmit_interval;
    iv.neighbor_count = i.neighbors.size();
    iv.adjacent_count = static_cast<std::size_t>(std::count_if(
        i.neighbors.begin(), i.neighbors.end(), [](const auto& p) { return p.second.fsm.state() == NeighborState::Full; }));
    iv.next_hello_at = i.next_hello_at;
    iv.au_type = i.config.auth.au_type;
    v.push_back(std::move(iv));
  }
  return v;
}

std::vector<std::uint32_t> Instance::areas() const {
  std::vector<std::uint32_t> v;
  for (const auto& [id, a] : state_->areas) v.push_back(id);
  return v;
}

const Lsdb* Instance::lsdb(std::uint32_t area_id) const {
  auto it = state_->areas.find(area_id);
  return it == state_->areas.end() ? nullptr : &it->second.lsdb;
}

const Lsdb& Instance::external_lsdb() const { return state_->external; }
bool Instance::is_area_border_router() const { return state_->is_abr(); }
bool Instance::is_as_boundary_router() const { return !state_->config.externals.empty(); }
std::map<std::string, std::uint64_t> Instance::drop_counters() const { return state_->drops; }

}  // namespace l3vpn::ospf
