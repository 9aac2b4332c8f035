// The LDP instance: construction, discovery (Hellos in and out, adjacencies
// making and dropping sessions), timers by name, the IGP table, the views.
// Sessions themselves are in instance_sessions.cpp.
#include "ldp/instance.hpp"

#include <algorithm>
#include <type_traits>

#include "ldp/instance_internal.hpp"
#include "ldp/pdu_packer.hpp"

namespace l3vpn::ldp {

std::string ipv4_text(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." +
         std::to_string((a >> 8) & 0xFF) + "." + std::to_string(a & 0xFF);
}

std::string ldp_id_text(LdpId id) { return ipv4_text(id.lsr_id) + ":" + std::to_string(id.label_space); }

void Instance::Batch::flush(std::uint32_t lsr_id) {
  auto it = pending_.find(lsr_id);
  if (it == pending_.end()) return;
  std::vector<Message> messages = std::move(it->second);
  pending_.erase(it);
  Peer* peer = instance_.find_peer(lsr_id);
  if (!peer || !peer->connected) return;  // nowhere to send them: the session is gone
  // Until the Initializations agree on a length, section 3.5.3's default holds.
  const std::uint16_t max = peer->fsm.negotiated() ? peer->fsm.negotiated()->max_pdu_length
                                                   : kDefaultMaxPduLength;
  peer->messages_sent += messages.size();
  for (auto& pdu : pack_pdus(instance_.config_.local, std::move(messages), max,
                             instance_.next_message_id_))
    actions_.push_back(instance_action::SendPdu{lsr_id, std::move(pdu)});
}

std::vector<InstanceAction> Instance::Batch::finish() {
  while (!pending_.empty()) flush(pending_.begin()->first);
  return std::move(actions_);
}

Instance::Instance(InstanceConfig config, vpn::LabelAllocator& labels)
    : config_(std::move(config)),
      discovery_(DiscoveryConfig{config_.local, config_.transport_address, config_.hello_interval,
                                 config_.hello_hold_time}),
      lib_(labels, config_.local_addresses) {}

Instance::~Instance() = default;

std::string Instance::keepalive_timer_name(std::uint32_t lsr_id) { return "ldp keepalive " + ipv4_text(lsr_id); }
std::string Instance::hold_timer_name(std::uint32_t lsr_id) { return "ldp hold " + ipv4_text(lsr_id); }
std::string Instance::reconnect_timer_name(std::uint32_t lsr_id) { return "ldp reconnect " + ipv4_text(lsr_id); }

Instance::Peer* Instance::find_peer(std::uint32_t lsr_id) {
  auto it = peers_.find(lsr_id);
  return it == peers_.end() ? nullptr : it->second.get();
}

const Adjacency* Instance::adjacency_of(std::uint32_t lsr_id) const {
  for (const auto& [key, a] : discovery_.adjacencies())
    if (key.lsr_id == lsr_id) return &a;
  return nullptr;
}

void Instance::count_error(StatusCode status) { ++errors_[status_text(status)]; }

std::vector<InstanceAction> Instance::start(core::TimePoint now) {
  Batch batch(*this, now);
  for (const std::string& interface : config_.interfaces)
    run_discovery(discovery_.enable_interface(interface), batch);
  return batch.finish();
}

std::vector<InstanceAction> Instance::hello_received(const std::string& interface, std::uint32_t source,
                                                     std::span<const std::uint8_t> pdu,
                                                     core::TimePoint now) {
  Batch batch(*this, now);
  auto decoded = decode_pdu(pdu);
  if (failed(decoded)) {
    count_error(std::get<DecodeError>(decoded).status);
    return batch.finish();
  }
  const DecodedPdu& d = std::get<DecodedPdu>(decoded);
  for (const DecodeError& e : d.notifications) count_error(e.status);
  for (const Message& m : d.pdu.messages) {
    const auto* hello = std::get_if<Hello>(&m);
    if (!hello) {  // only Hellos travel over UDP (section 2.5.1)
      ++errors_["Not a Hello on UDP"];
      continue;
    }
    run_discovery(discovery_.hello_received(interface, d.pdu.ldp_id, source, *hello), batch);
  }
  return batch.finish();
}

void Instance::run_discovery(std::vector<DiscoveryAction> actions, Batch& batch) {
  for (DiscoveryAction& action : actions) {
    std::visit(
        [&](auto& a) {
          using T = std::decay_t<decltype(a)>;
          if constexpr (std::is_same_v<T, discovery_action::SendHello>) {
            Pdu pdu{config_.local, {a.message}};
            std::visit([&](auto& m) { m.id = next_message_id_++; }, pdu.messages.front());
            batch.add(instance_action::SendHello{a.interface, encode_pdu(pdu)});
          } else if constexpr (std::is_same_v<T, discovery_action::StartTimer>) {
            const std::string name = a.timer.name();
            discovery_timers_[name] = a.timer;
            batch.add(instance_action::StartTimer{name, a.after});
          } else if constexpr (std::is_same_v<T, discovery_action::StopTimer>) {
            const std::string name = a.timer.name();
            discovery_timers_.erase(name);
            batch.add(instance_action::StopTimer{name});
          } else if constexpr (std::is_same_v<T, discovery_action::AdjacencyUp>) {
            adjacency_up(a.adjacency, a.first_for_lsr, batch);
          } else {
            adjacency_down(a.adjacency, a.last_for_lsr, a.reason, batch);
          }
        },
        action);
  }
}

// Section 2.5.2: the first adjacency to an LSR makes its session; the active
// side (higher transport address) opens the TCP connection.
void Instance::adjacency_up(const Adjacency& a, bool first_for_lsr, Batch& batch) {
  Peer* peer = find_peer(a.key.lsr_id);
  if (!peer && first_for_lsr) {
    SessionConfig sc;
    sc.local = config_.local;
    sc.peer = a.peer;
    sc.local_transport_address = config_.transport_address;
    sc.peer_transport_address = a.transport_address;
    sc.keepalive_time = config_.keepalive_time;
    sc.max_pdu_length = config_.max_pdu_length;
    auto created = std::make_unique<Peer>(a.peer, a.transport_address, sc);
    created->state_since = batch.now();
    created->number = next_session_number_++;
    peer = created.get();
    peers_.emplace(a.key.lsr_id, std::move(created));
  }
  if (peer) maybe_connect(*peer, batch);
}

// The last adjacency gone: the session shuts down (Notification, close) and
// is forgotten; its labels leave the LIB through the FSM's Down.
void Instance::adjacency_down(const Adjacency& a, bool last_for_lsr, const std::string& reason,
                              Batch& batch) {
  if (!last_for_lsr) return;
  Peer* peer = find_peer(a.key.lsr_id);
  if (!peer) return;
  batch.log(core::LogLevel::Info, "LDP adjacency " + ldp_id_text(a.peer) + " on " + a.key.interface +
                                      " down: " + reason);
  step(*peer, SessionInput::of(SessionEvent::Shutdown), batch);
  batch.flush(a.key.lsr_id);
  if (peer->connecting) batch.add(instance_action::Close{a.key.lsr_id});  // abandon the attempt
  batch.add(instance_action::StopTimer{reconnect_timer_name(a.key.lsr_id)});
  peers_.erase(a.key.lsr_id);
}

std::vector<InstanceAction> Instance::timer_expired(const std::string& name, core::TimePoint now) {
  Batch batch(*this, now);
  if (auto it = discovery_timers_.find(name); it != discovery_timers_.end()) {
    const DiscoveryTimer timer = it->second;
    discovery_timers_.erase(it);
    run_discovery(discovery_.timer_expired(timer), batch);
    return batch.finish();
  }
  for (auto& [lsr_id, peer] : peers_) {
    if (name == keepalive_timer_name(lsr_id)) {
      step(*peer, SessionInput::of(SessionEvent::KeepAliveTimerExpired), batch);
    } else if (name == hold_timer_name(lsr_id)) {
      step(*peer, SessionInput::of(SessionEvent::HoldTimerExpired), batch);
    } else if (name == reconnect_timer_name(lsr_id)) {
      maybe_connect(*peer, batch);
    } else {
      continue;
    }
    break;
  }
  return batch.finish();  // a stale name: nothing
}

std::vector<InstanceAction> Instance::set_igp_routes(std::vector<IgpRoute> routes, core::TimePoint now) {
  Batch batch(*this, now);
  igp_all_.clear();
  for (IgpRoute& r : routes) {
    r.fec = Fec::of(r.fec.address, r.fec.length);
    igp_all_[r.fec] = std::move(r);
  }
  select_fecs(batch);
  return batch.finish();
}

std::vector<InstanceAction> Instance::set_fec_selection(FecSelection fecs, core::TimePoint now) {
  Batch batch(*this, now);
  config_.fecs = std::move(fecs);
  select_fecs(batch);
  return batch.finish();
}

// Removals first: their Withdraws go out before the new Mappings.
void Instance::select_fecs(Batch& batch) {
  std::map<Fec, IgpRoute> next;
  for (const auto& [fec, route] : igp_all_)
    if (config_.fecs.selects(fec)) next.emplace(fec, route);
  for (const auto& [fec, old] : igp_)
    if (!next.contains(fec)) run_lib(lib_.fec_removed(fec, batch.now()), batch);
  for (const auto& [fec, route] : next) {
    auto old = igp_.find(fec);
    if (old == igp_.end() || old->second != route) run_lib(lib_.fec_updated(route, batch.now()), batch);
  }
  igp_ = std::move(next);
}

void Instance::run_lib(LibOutput out, Batch& batch) {
  for (PeerMessage& m : out.messages) batch.send(m.peer.lsr_id, std::move(m.message));
  for (LfibChange& c : out.lfib) batch.add(instance_action::LfibChanged{std::move(c)});
}

std::vector<Instance::SessionView> Instance::sessions() const {
  std::vector<SessionView> out;
  for (const auto& [lsr_id, peer] : peers_) {
    SessionView v;
    v.peer = peer->id;
    v.peer_transport_address = peer->transport_address;
    v.state = peer->fsm.state();
    v.role = peer->fsm.role();
    v.negotiated = peer->fsm.negotiated();
    v.state_since = peer->state_since;
    v.messages_sent = peer->messages_sent;
    v.messages_received = peer->messages_received;
    v.peer_addresses.assign(peer->addresses.begin(), peer->addresses.end());
    for (const auto& [key, a] : discovery_.adjacencies())
      if (key.lsr_id == lsr_id) v.interfaces.push_back(key.interface);
    out.push_back(std::move(v));
  }
  return out;
}

std::map<std::uint32_t, std::string> Instance::md5_keys() const {
  std::map<std::uint32_t, std::string> out;
  for (const auto& [key, a] : discovery_.adjacencies()) {
    auto p = config_.passwords.find(key.lsr_id);
    if (p != config_.passwords.end()) out[a.transport_address] = p->second;
  }
  return out;
}

}  // namespace l3vpn::ldp
