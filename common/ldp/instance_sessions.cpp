// The LDP instance's sessions: TCP connection events, PDUs in (decoded,
// errors answered per RFC 5036 section 3.5.1.1), the session FSM's actions
// turned into PDUs, timers and LIB events, and the active side's retry.
#include <type_traits>

#include "ldp/instance.hpp"
#include "ldp/instance_internal.hpp"

namespace l3vpn::ldp {

std::optional<std::uint32_t> Instance::accept_from(std::uint32_t peer_address) const {
  for (const auto& [key, a] : discovery_.adjacencies()) {
    if (a.transport_address != peer_address) continue;
    auto it = peers_.find(key.lsr_id);
    if (it == peers_.end()) continue;
    const Peer& peer = *it->second;
    // Section 2.5.2: only the active side connects; a connection from the
    // passive one, or a second one, is refused.
    if (peer.fsm.role() == SessionRole::Passive && !peer.connected) return key.lsr_id;
  }
  return std::nullopt;
}

// The active side connects when a session has no connection and an adjacency remains.
void Instance::maybe_connect(Peer& peer, Batch& batch) {
  if (peer.fsm.role() != SessionRole::Active || peer.connected || peer.connecting) return;
  const Adjacency* a = adjacency_of(peer.id.lsr_id);
  if (!a) return;
  peer.connecting = true;
  std::string password;
  if (auto p = config_.passwords.find(peer.id.lsr_id); p != config_.passwords.end()) password = p->second;
  batch.add(instance_action::Connect{peer.id.lsr_id, config_.transport_address, a->transport_address,
                                     std::move(password)});
}

std::vector<InstanceAction> Instance::connection_up(std::uint32_t lsr_id, core::TimePoint now) {
  Batch batch(*this, now);
  Peer* peer = find_peer(lsr_id);
  if (!peer || peer->connected) {  // no session wants it (any more): refuse
    batch.add(instance_action::Close{lsr_id});
    return batch.finish();
  }
  peer->connected = true;
  peer->connecting = false;
  batch.add(instance_action::StopTimer{reconnect_timer_name(lsr_id)});
  step(*peer, SessionInput::of(SessionEvent::TcpConnected), batch);
  return batch.finish();
}

std::vector<InstanceAction> Instance::connection_closed(std::uint32_t lsr_id, core::TimePoint now) {
  Batch batch(*this, now);
  Peer* peer = find_peer(lsr_id);
  if (!peer) return batch.finish();
  if (peer->connected) {
    step(*peer, SessionInput::of(SessionEvent::TcpClosed), batch);
  } else if (peer->connecting) {  // the Connect failed: try again later
    peer->connecting = false;
    if (adjacency_of(lsr_id)) batch.add(instance_action::StartTimer{reconnect_timer_name(lsr_id), kReconnectDelay});
  }
  return batch.finish();
}

std::vector<InstanceAction> Instance::pdu_received(std::uint32_t lsr_id, std::span<const std::uint8_t> bytes,
                                                   core::TimePoint now) {
  Batch batch(*this, now);
  Peer* peer = find_peer(lsr_id);
  if (!peer || !peer->connected) {
    ++errors_["PDU without a session"];
    return batch.finish();
  }
  PduLimits limits;
  // What we accept: the negotiated length, section 3.5.3's default before.
  limits.max_pdu_length = peer->fsm.negotiated() ? peer->fsm.negotiated()->max_pdu_length : kDefaultMaxPduLength;
  limits.expected_ldp_id = peer->id;
  auto decoded = decode_pdu(bytes, limits);
  if (failed(decoded)) {
    const DecodeError& e = std::get<DecodeError>(decoded);
    count_error(e.status);
    batch.send(lsr_id, to_notification(e, 0));
    if (e.fatal) {
      batch.log(core::LogLevel::Warning, "LDP session " + ldp_id_text(peer->id) + ": " +
                                             status_text(e.status) + " (" + e.reason + "), closing");
      step(*peer, SessionInput::of(SessionEvent::TcpClosed), batch);
    }
    return batch.finish();
  }
  DecodedPdu& d = std::get<DecodedPdu>(decoded);
  for (const DecodeError& e : d.notifications) {  // advisory: those messages dropped, the others kept
    count_error(e.status);
    batch.send(lsr_id, to_notification(e, 0));
  }
  for (Message& m : d.pdu.messages) {
    receive(*peer, std::move(m), batch);
    if (!peer->connected) break;  // the FSM closed the session: the rest is moot
  }
  return batch.finish();
}

void Instance::receive(Peer& peer, Message message, Batch& batch) {
  ++peer.messages_received;
  const LdpId id = peer.id;
  std::visit(
      [&](auto& m) {
        using T = std::decay_t<decltype(m)>;
        if constexpr (std::is_same_v<T, Initialization>) {
          step(peer, SessionInput::received(m), batch);
        } else if constexpr (std::is_same_v<T, KeepAlive>) {
          step(peer, SessionInput::of(SessionEvent::KeepAliveReceived), batch);
        } else if constexpr (std::is_same_v<T, Notification>) {
          if (m.fatal)
            batch.log(core::LogLevel::Warning, "LDP session " + ldp_id_text(id) +
                                                   ": received Notification " + status_text(m.status_code));
          step(peer, SessionInput::received(m), batch);
        } else if constexpr (std::is_same_v<T, Hello>) {
          ++errors_["Hello on a session"];  // Hellos are UDP only; ignored
        } else {
          // Address and label messages: the FSM first (it restarts Hold, or
          // closes a session that is not operational yet), then the LIB.
          step(peer, SessionInput::received_other(m.id, type_of(Message{m})), batch);
          if (peer.fsm.state() != SessionState::Operational) return;
          if constexpr (std::is_same_v<T, AddressMessage>) {
            for (std::uint32_t a : m.addresses) {
              if (m.withdraw) peer.addresses.erase(a);
              else peer.addresses.insert(a);
            }
            run_lib(lib_.address_received(id, m), batch);
          } else {
            switch (m.type) {
              case MessageType::LabelMapping: run_lib(lib_.label_mapping_received(id, m), batch); break;
              case MessageType::LabelWithdraw: run_lib(lib_.label_withdraw_received(id, m), batch); break;
              case MessageType::LabelRelease: run_lib(lib_.label_release_received(id, m), batch); break;
              default: ++errors_["Label Request ignored (downstream unsolicited)"]; break;
            }
          }
        }
      },
      message);
}

void Instance::step(Peer& peer, const SessionInput& input, Batch& batch) {
  const std::uint32_t lsr_id = peer.id.lsr_id;
  const SessionState before = peer.fsm.state();
  auto timer_name = [lsr_id](SessionTimer t) {
    return t == SessionTimer::KeepAlive ? keepalive_timer_name(lsr_id) : hold_timer_name(lsr_id);
  };
  for (SessionAction& action : peer.fsm.step(input)) {
    std::visit(
        [&](auto& a) {
          using T = std::decay_t<decltype(a)>;
          if constexpr (std::is_same_v<T, session_action::SendInitialization> ||
                        std::is_same_v<T, session_action::SendNotification>) {
            batch.send(lsr_id, a.message);
          } else if constexpr (std::is_same_v<T, session_action::SendKeepAlive>) {
            batch.send(lsr_id, KeepAlive{});
          } else if constexpr (std::is_same_v<T, session_action::StartTimer>) {
            batch.add(instance_action::StartTimer{timer_name(a.timer), a.after});
          } else if constexpr (std::is_same_v<T, session_action::StopTimer>) {
            batch.add(instance_action::StopTimer{timer_name(a.timer)});
          } else if constexpr (std::is_same_v<T, session_action::CloseConnection>) {
            batch.flush(lsr_id);  // the Notification leaves before the connection closes
            batch.add(instance_action::Close{lsr_id});
            peer.connected = false;
            peer.connecting = false;
            // Simple fixed back-off: the active side tries again while an adjacency remains.
            if (peer.fsm.role() == SessionRole::Active && adjacency_of(lsr_id))
              batch.add(instance_action::StartTimer{reconnect_timer_name(lsr_id), kReconnectDelay});
          } else if constexpr (std::is_same_v<T, session_action::Operational>) {
            batch.log(core::LogLevel::Info, "%LDP-5-NBRCHG: LDP Neighbor " + ldp_id_text(peer.id) + " (" +
                                                std::to_string(peer.number) + ") is UP");
            run_lib(lib_.session_up(peer.id), batch);
          } else {
            static_assert(std::is_same_v<T, session_action::Down>);
            batch.log(core::LogLevel::Info, "%LDP-5-NBRCHG: LDP Neighbor " + ldp_id_text(peer.id) + " (" +
                                                std::to_string(peer.number) + ") is DOWN (" + a.reason + ")");
            peer.addresses.clear();
            run_lib(lib_.session_down(peer.id), batch);
          }
        },
        action);
  }
  if (peer.fsm.state() != before) peer.state_since = batch.now();
}

}  // namespace l3vpn::ldp
