// ospf::Instance: the flooding procedure of RFC 2328 section 13 around the
// pure decisions of flooding.hpp: Link State Updates in (receive_lsa per
// LSA, its actions carried out, acks and floods batched per packet), our own
// LSAs out (flood_decisions), the per-neighbor retransmission lists and
// their timer (13.6), and aging (14): LSAs reaching MaxAge are flooded and
// removed once every neighbor acknowledged them.
#include <algorithm>

#include "ospf/instance_state.hpp"

namespace l3vpn::ospf {

namespace {

bool in_scope(const Interface& i, std::uint64_t scope) { return scope == kAsScope || i.config.area_id == scope; }

// What one Link State Update makes us send, gathered so that each
// interface/destination gets one packet (13.5: acks may be batched).
struct Outgoing {
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<Lsa>> updates;      // (interface, destination)
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::vector<LsaHeader>> acks;  // (interface, destination)
};

}  // namespace

std::vector<FloodInterface> Instance::State::flood_interfaces(std::uint64_t scope) const {
  std::vector<FloodInterface> v;
  for (const auto& i : interfaces) {
    if (!in_scope(i, scope)) continue;
    FloodInterface f;
    f.id = i.index;
    f.type = i.config.type;
    f.state = i.fsm.state();
    f.address = i.config.address;
    f.dr = i.fsm.designated_router();
    f.bdr = i.fsm.backup_designated_router();
    for (const auto& [rid, n] : i.neighbors) f.neighbors.push_back(FloodNeighbor{rid, n.address, n.fsm.state(), std::nullopt});
    v.push_back(std::move(f));
  }
  return v;
}

namespace {

// 13.3 1b compares with the instance on each neighbor's request list.
void mark_requested(std::vector<FloodInterface>& fis, const std::vector<Interface>& interfaces, const LsaKey& key) {
  for (auto& f : fis) {
    const Interface& i = interfaces[f.id];
    for (auto& fn : f.neighbors) {
      const Neighbor& n = i.neighbors.at(fn.router_id);
      const auto& reqs = n.fsm.request_list();
      const bool listed = std::any_of(reqs.begin(), reqs.end(), [&](const LsRequest& r) {
        return r.ls_type == key.type && r.link_state_id == key.link_state_id && r.advertising_router == key.advertising_router;
      });
      auto d = n.described.find(key);
      if (listed && d != n.described.end()) fn.requested = d->second;
    }
  }
}

}  // namespace

// Puts `lsa` on the retransmission lists of the Flood's neighbors; returns them.
static std::set<std::uint32_t> add_to_retransmission_lists(Instance::State& s, const flood_action::Flood& f,
                                                           const Lsa& lsa) {
  std::set<std::uint32_t> listed;
  Interface* i = s.find_interface(f.interface_id);
  if (i == nullptr) return listed;
  for (std::uint32_t rid : f.neighbors) {
    auto it = i->neighbors.find(rid);
    if (it == i->neighbors.end()) continue;
    Neighbor& n = it->second;
    if (n.retransmission.empty()) s.start_timer(ls_retransmit_timer(*i, n), std::chrono::seconds(i->config.retransmit_interval));
    n.retransmission.insert_or_assign(key_of(lsa.header), lsa);
    listed.insert(rid);
  }
  return listed;
}

void Instance::State::flood_own(std::uint64_t scope, const Lsa& lsa) {
  const LsaKey key = key_of(lsa.header);
  auto fis = flood_interfaces(scope);
  mark_requested(fis, interfaces, key);
  const auto actions = flood_decisions(lsa, FloodContext{config.router_id, fis}, std::nullopt, std::nullopt);
  std::set<std::uint32_t> listed;
  for (const auto& a : actions) {
    if (const auto* r = std::get_if<flood_action::RemoveFromRequestList>(&a)) {
      Interface& i = interfaces[r->interface_id];
      auto it = i.neighbors.find(r->neighbor_router_id);
      if (it != i.neighbors.end()) apply(i, it->second, it->second.fsm.receive_lsa(lsa.header));
    } else if (const auto* f = std::get_if<flood_action::Flood>(&a)) {
      auto added = add_to_retransmission_lists(*this, *f, lsa);
      listed.insert(added.begin(), added.end());
      if (f->send) send_lsas(interfaces[f->interface_id], f->destination, {lsa});
    }
  }
  if (lsa.header.age >= kMaxAge) lsdb_for(scope).expect_acks(key, listed);
}

void Instance::State::installed(std::uint64_t scope, const Lsa& lsa, bool changed) {
  // 13 step 5c: an older instance still on a retransmission list is no
  // longer to be sent.
  const LsaKey key = key_of(lsa.header);
  for (auto& i : interfaces) {
    if (!in_scope(i, scope)) continue;
    for (auto& [rid, n] : i.neighbors) {
      auto it = n.retransmission.find(key);
      if (it != n.retransmission.end() && !(it->second.header == lsa.header)) {
        n.retransmission.erase(it);
        if (n.retransmission.empty()) stop_timer(ls_retransmit_timer(i, n));
      }
    }
  }
  if (changed) schedule_spf();
}

void Instance::State::receive_ls_update(Interface& i, Neighbor& n, const LinkStateUpdate& u) {
  if (n.fsm.state() < NeighborState::Exchange)
    return count_drop("lsu-neighbor-below-exchange", dotted(n.router_id));
  Outgoing outgoing;
  for (const Lsa& lsa : u.lsas) {
    const LsaHeader& h = lsa.header;
    const LsaKey key = key_of(h);
    const std::uint64_t scope = scope_of(h.type, i.config.area_id);
    Lsdb& db = lsdb_for(scope);
    auto fis = flood_interfaces(scope);
    mark_requested(fis, interfaces, key);
    const auto rx = n.retransmission.find(key);
    const bool on_retransmission_list =
        rx != n.retransmission.end() && compare_instances(h, rx->second.header) == LsaRecency::Same;
    const auto& reqs = n.fsm.request_list();
    const bool on_request_list = std::any_of(reqs.begin(), reqs.end(), [&](const LsRequest& r) {
      return r.ls_type == h.type && r.link_state_id == h.link_state_id && r.advertising_router == h.advertising_router;
    });
    const auto actions = receive_lsa(ReceivedLsa{lsa, i.index, n.router_id, on_retransmission_list},
                                     FloodContext{config.router_id, fis}, db, now, on_request_list);
    std::set<std::uint32_t> listed;
    bool bad_request = false;
    for (const auto& a : actions) {
      if (const auto* d = std::get_if<flood_action::Discard>(&a)) {
        count_drop("lsa-discarded: " + d->reason, dotted(h.advertising_router));
      } else if (const auto* r = std::get_if<flood_action::RemoveFromRequestList>(&a)) {
        Interface& ri = interfaces[r->interface_id];
        auto it = ri.neighbors.find(r->neighbor_router_id);
        if (it != ri.neighbors.end()) apply(ri, it->second, it->second.fsm.receive_lsa(h));
      } else if (const auto* f = std::get_if<flood_action::Flood>(&a)) {
        auto added = add_to_retransmission_lists(*this, *f, lsa);
        listed.insert(added.begin(), added.end());
        if (f->send) outgoing.updates[{f->interface_id, f->destination}].push_back(lsa);
      } else if (const auto* in = std::get_if<flood_action::Install>(&a)) {
        const bool changed = db.install(in->lsa, now, true);
        if (in->lsa.header.age >= kMaxAge) db.expect_acks(key, listed);
        installed(scope, in->lsa, changed);
      } else if (const auto* ack = std::get_if<flood_action::Ack>(&a)) {
        const std::uint32_t to = ack->kind == flood_action::AckKind::Direct ? n.address : flood_destination(i);
        outgoing.acks[{i.index, to}].push_back(ack->header);
      } else if (std::holds_alternative<flood_action::ImpliedAck>(a)) {
        n.retransmission.erase(key);
        if (n.retransmission.empty()) stop_timer(ls_retransmit_timer(i, n));
        db.acknowledge(h, n.router_id, now, exchange_in_progress());
      } else if (std::holds_alternative<flood_action::BadLsRequest>(a)) {
        bad_request = true;
      } else if (const auto* back = std::get_if<flood_action::SendNewerBack>(&a)) {
        outgoing.updates[{i.index, n.address}].push_back(back->lsa);
        db.note_sent_back(key, now);
      } else if (const auto* re = std::get_if<flood_action::Reoriginate>(&a)) {
        self_originated_came_back(scope, re->key, re->flush_first ? kMaxSequenceNumber : re->sequence - 1);
      } else if (const auto* fl = std::get_if<flood_action::FlushSelfOriginated>(&a)) {
        self_originated_came_back(scope, fl->key, h.sequence);
      }
    }
    if (bad_request) {  // 13 step 6: stop processing the Link State Update
      neighbor_event(i, n, NeighborEvent::BadLSReq);
      break;
    }
    apply(i, n, n.fsm.receive_lsa(h));  // off the request list; LoadingDone after the last
  }
  for (auto& [where, lsas] : outgoing.updates) send_lsas(interfaces[where.first], where.second, lsas);
  for (auto& [where, headers] : outgoing.acks) send_acks(interfaces[where.first], where.second, headers);
}

void Instance::State::retransmit(Interface& i, Neighbor& n) {
  if (n.retransmission.empty()) return;
  std::vector<Lsa> lsas;
  for (const auto& [key, listed] : n.retransmission) {
    // The database copy when it is still this instance: its age is current.
    auto current = lsdb_for(scope_of(key.type, i.config.area_id)).lsa(key, now);
    lsas.push_back(current && compare_instances(current->header, listed.header) == LsaRecency::Same ? *current : listed);
  }
  send_lsas(i, n.address, lsas);  // 13.6: retransmissions go directly to the neighbor
  start_timer(ls_retransmit_timer(i, n), std::chrono::seconds(i.config.retransmit_interval));
}

void Instance::State::age_tick() {
  std::vector<std::uint64_t> scopes;
  for (const auto& [id, a] : areas) scopes.push_back(id);
  scopes.push_back(kAsScope);
  const bool exchanging = exchange_in_progress();
  for (std::uint64_t scope : scopes) {
    Lsdb& db = lsdb_for(scope);
    // 14: an LSA that reached MaxAge by aging is flooded, then removed once acked.
    for (const Lsa& lsa : db.take_newly_max_aged(now)) {
      log(core::LogLevel::Debug, "OSPF-" + std::to_string(process_id) + ": LSA type " + std::to_string(lsa.header.type) +
                                     " " + dotted(lsa.header.link_state_id) + " adv " +
                                     dotted(lsa.header.advertising_router) + " reached MaxAge");
      flood_own(scope, lsa);
      schedule_spf();
    }
    for (const LsaKey& key : db.remove_acknowledged_max_age(now, exchanging)) {
      for (auto& i : interfaces) {
        if (!in_scope(i, scope)) continue;
        for (auto& [rid, n] : i.neighbors) n.retransmission.erase(key);
      }
    }
  }
  refresh_own_lsas();
}

}  // namespace l3vpn::ospf
