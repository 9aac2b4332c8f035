// ospf::Instance: running the interface FSMs (RFC 2328 9) and neighbor FSMs
// (10) and carrying out their actions: named timers, hellos, DDs and Link
// State Requests, the Cisco adjacency log lines, and the re-origination of
// our LSAs when states change (12.4).
#include <algorithm>

#include "ospf/instance_state.hpp"

namespace l3vpn::ospf {

namespace {

// IOS prints neighbor states in capitals, 2-Way as 2WAY.
std::string cisco_state(NeighborState s) {
  switch (s) {
    case NeighborState::Down: return "DOWN";
    case NeighborState::Attempt: return "ATTEMPT";
    case NeighborState::Init: return "INIT";
    case NeighborState::TwoWay: return "2WAY";
    case NeighborState::ExStart: return "EXSTART";
    case NeighborState::Exchange: return "EXCHANGE";
    case NeighborState::Loading: return "LOADING";
    case NeighborState::Full: return "FULL";
  }
  return "?";
}

std::string cisco_reason(NeighborState from, NeighborState to, const std::string& reason) {
  if (to == NeighborState::Full) return from == NeighborState::Loading ? "Loading Done" : "Exchange Done";
  if (to == NeighborState::Down) {
    if (reason == "InactivityTimer") return "Neighbor Down: Dead timer expired";
    if (reason == "KillNbr" || reason == "LLDown") return "Neighbor Down: Interface down or detached";
    return "Neighbor Down: " + reason;
  }
  return reason;
}

constexpr std::size_t kRequestsPerPacket = 100;  // 1500-byte MTU: (1500 - 20 - 24) / 12 = 121

}  // namespace

std::vector<ElectionCandidate> Instance::State::candidates(const Interface& i) const {
  std::vector<ElectionCandidate> c;
  for (const auto& [rid, n] : i.neighbors)
    if (n.fsm.state() >= NeighborState::TwoWay) c.push_back(ElectionCandidate{rid, n.address, n.priority, n.dr, n.bdr});
  return c;
}

void Instance::State::interface_event(Interface& i, InterfaceEvent e) {
  const auto c = candidates(i);
  apply(i, i.fsm.step(e, c));
}

void Instance::State::apply(Interface& i, const std::vector<InterfaceAction>& actions) {
  // The election may have moved the DR or BDR: the adjacency decisions of
  // the neighbors (10.4) read them.
  for (auto& [rid, n] : i.neighbors) n.fsm.set_designated_routers(i.fsm.designated_router(), i.fsm.backup_designated_router());
  for (const auto& a : actions) {
    if (const auto* st = std::get_if<interface_action::StartTimer>(&a)) {
      if (st->timer == InterfaceTimer::Hello) {
        start_timer(hello_timer(i), st->after);
        i.next_hello_at = now + st->after;
      } else {
        start_timer(wait_timer(i), st->after);
      }
    } else if (const auto* sp = std::get_if<interface_action::StopTimer>(&a)) {
      if (sp->timer == InterfaceTimer::Hello) {
        stop_timer(hello_timer(i));
        i.next_hello_at.reset();
      } else {
        stop_timer(wait_timer(i));
      }
    } else if (const auto* sc = std::get_if<interface_action::StateChange>(&a)) {
      log(core::LogLevel::Debug, "OSPF-" + std::to_string(process_id) + ": interface " + i.config.name + " " +
                                     to_string(sc->from) + " -> " + to_string(sc->to));
      origination_pending = true;
      schedule_spf();
    } else if (std::holds_alternative<interface_action::SendHello>(a)) {
      send_hello(i);
    } else if (std::holds_alternative<interface_action::OriginateRouterLsa>(a) ||
               std::holds_alternative<interface_action::OriginateNetworkLsa>(a) ||
               std::holds_alternative<interface_action::FlushNetworkLsa>(a)) {
      origination_pending = true;
    } else if (std::holds_alternative<interface_action::AdjOkNeighbors>(a)) {
      for (auto& [rid, n] : i.neighbors)
        if (n.fsm.state() >= NeighborState::TwoWay) neighbor_event(i, n, NeighborEvent::AdjOK);
    } else if (std::holds_alternative<interface_action::KillNeighbors>(a)) {
      for (auto& [rid, n] : i.neighbors) neighbor_event(i, n, NeighborEvent::KillNbr);
    }
  }
}

void Instance::State::neighbor_event(Interface& i, Neighbor& n, NeighborEvent e) { apply(i, n, n.fsm.step(e)); }

void Instance::State::apply(Interface& i, Neighbor& n, const std::vector<NeighborAction>& actions) {
  for (const auto& a : actions) {
    if (const auto* dd = std::get_if<neighbor_action::SendDd>(&a)) {
      send(i, n.address, dd->dd);  // 10.8: DDs are unicast to the neighbor
    } else if (const auto* lsr = std::get_if<neighbor_action::SendLsRequest>(&a)) {
      const auto& all = lsr->request.requests;
      for (std::size_t at = 0; at < all.size(); at += kRequestsPerPacket) {
        const auto end = std::min(all.size(), at + kRequestsPerPacket);
        LinkStateRequest part{{all.begin() + static_cast<std::ptrdiff_t>(at), all.begin() + static_cast<std::ptrdiff_t>(end)}};
        send(i, n.address, std::move(part));
      }
    } else if (const auto* st = std::get_if<neighbor_action::StartTimer>(&a)) {
      if (st->timer == NeighborTimer::Inactivity) {
        start_timer(inactivity_timer(i, n), st->after);
        n.dead_at = now + st->after;
      } else {
        start_timer(dd_retransmit_timer(i, n), st->after);
      }
    } else if (const auto* sp = std::get_if<neighbor_action::StopTimer>(&a)) {
      if (sp->timer == NeighborTimer::Inactivity) {
        stop_timer(inactivity_timer(i, n));
        n.dead_at.reset();
      } else {
        stop_timer(dd_retransmit_timer(i, n));
      }
    } else if (const auto* sc = std::get_if<neighbor_action::StateChange>(&a)) {
      n.state_since = now;
      // IOS's log-adjacency-changes: entering and leaving Full, and Down.
      const bool notable = sc->to == NeighborState::Full || sc->from == NeighborState::Full ||
                           (sc->to == NeighborState::Down && sc->from >= NeighborState::TwoWay);
      log(notable ? core::LogLevel::Info : core::LogLevel::Debug,
          "%OSPF-5-ADJCHG: Process " + std::to_string(process_id) + ", Nbr " + dotted(n.router_id) + " on " +
              i.config.name + " from " + cisco_state(sc->from) + " to " + cisco_state(sc->to) + ", " +
              cisco_reason(sc->from, sc->to, sc->reason));
      if (sc->to <= NeighborState::ExStart) {
        // 10.3 (ExStart, KillNbr, 1-Way...): the lists are cleared, and the
        // neighbor owes no acknowledgement any more (14).
        if (!n.retransmission.empty()) stop_timer(ls_retransmit_timer(i, n));
        n.retransmission.clear();
        n.described.clear();
        for (auto& [id, area] : areas) area.lsdb.forget_neighbor(n.router_id);
        external.forget_neighbor(n.router_id);
      }
    } else if (std::holds_alternative<neighbor_action::AdjacencyUp>(a) ||
               std::holds_alternative<neighbor_action::AdjacencyDown>(a)) {
      origination_pending = true;  // 12.4: router-LSA, and network-LSA when DR
    } else if (std::holds_alternative<neighbor_action::InterfaceNeighborChange>(a)) {
      i.neighbor_change_pending = true;
    }
  }
}

DatabaseView Instance::State::database_view(const Interface& i, std::vector<LsaHeader>& storage) {
  Lsdb& area = areas[i.config.area_id].lsdb;
  storage = area.summary(now);
  // No stub areas: the AS-external-LSAs are described on every adjacency.
  const auto ext = external.summary(now);
  storage.insert(storage.end(), ext.begin(), ext.end());
  return DatabaseView{storage, [this, &area](const LsaHeader& h) {
                        return h.type == ls_type::AsExternal ? external.needs(h, now) : area.needs(h, now);
                      }};
}

void Instance::State::send_hello(Interface& i) {
  std::vector<std::uint32_t> heard;
  for (const auto& [rid, n] : i.neighbors)
    if (n.fsm.state() >= NeighborState::Init) heard.push_back(rid);
  send(i, kAllSpfRouters,
       build_hello(i.fsm.config(), i.fsm.designated_router(), i.fsm.backup_designated_router(), heard));
}

void Instance::State::run_pending_neighbor_changes() {
  // An election can change adjacencies, which can change the neighbor set
  // again; a few rounds settle any real case, the bound keeps a bug finite.
  for (int round = 0; round < 8; ++round) {
    bool any = false;
    for (auto& i : interfaces) {
      if (!i.neighbor_change_pending) continue;
      i.neighbor_change_pending = false;
      any = true;
      interface_event(i, InterfaceEvent::NeighborChange);
    }
    if (!any) return;
  }
}

void Instance::State::remove_down_neighbors() {
  for (auto& i : interfaces) {
    for (auto it = i.neighbors.begin(); it != i.neighbors.end();) {
      if (it->second.fsm.state() == NeighborState::Down) {
        stop_timer(inactivity_timer(i, it->second));
        stop_timer(dd_retransmit_timer(i, it->second));
        stop_timer(ls_retransmit_timer(i, it->second));
        it = i.neighbors.erase(it);
      } else {
        ++it;
      }
    }
  }
}

}  // namespace l3vpn::ospf
