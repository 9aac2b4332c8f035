// What instance.cpp and instance_sessions.cpp share: the per-peer state and
// the Batch that collects one event's actions. Not for use outside the
// instance.
#pragma once

#include <map>
#include <set>

#include "ldp/instance.hpp"

namespace l3vpn::ldp {

std::string ipv4_text(std::uint32_t address);  // "3.3.3.3"
std::string ldp_id_text(LdpId id);  // "3.3.3.3:0"

// One peer LSR: its session FSM (reused across connections: it returns to
// NON EXISTENT when one falls) and what the views show about it.
struct Instance::Peer {
  LdpId id;
  std::uint32_t transport_address = 0;  // the peer's, from its Hellos
  SessionFsm fsm;
  bool connected = false;   // the edge said connection_up, not yet closed
  bool connecting = false;  // a Connect is out, no answer yet
  core::TimePoint state_since{};
  std::uint64_t messages_sent = 0, messages_received = 0;
  std::set<std::uint32_t> addresses;  // its Address messages, while operational
  std::uint32_t number = 0;           // IOS's session number in NBRCHG lines

  Peer(LdpId peer, std::uint32_t transport, SessionConfig config)
      : id(peer), transport_address(transport), fsm(config) {}
};

// The actions of one event. Messages for a peer wait in `pending` and are
// packed into PDUs when the event ends, or earlier when that peer's
// connection is about to close (so the Notification goes out first).
class Instance::Batch {
 public:
  Batch(Instance& instance, core::TimePoint now) : instance_(instance), now_(now) {}

  core::TimePoint now() const { return now_; }
  void add(InstanceAction a) { actions_.push_back(std::move(a)); }
  void send(std::uint32_t lsr_id, Message m) { pending_[lsr_id].push_back(std::move(m)); }
  void log(core::LogLevel level, std::string text) {
    actions_.push_back(instance_action::Log{level, std::move(text)});
  }
  void flush(std::uint32_t lsr_id);
  std::vector<InstanceAction> finish();

 private:
  Instance& instance_;
  core::TimePoint now_;
  std::vector<InstanceAction> actions_;
  std::map<std::uint32_t, std::vector<Message>> pending_;
};

}  // namespace l3vpn::ldp
