// ospf::Instance: packets in and out. The receive checks of RFC 2328 8.2
// (the codec's header checks, area, AllDRouters, authentication with the
// neighbor's crypto sequence number, D.5), then Hello (10.5), Database
// Description (10.6), Link State Request (10.7) and Link State
// Acknowledgment (13.7); Link State Updates are instance_flooding.cpp's.
// Sending: encode, sign with the interface's authentication, split long
// lists over several packets.
#include <algorithm>

#include "ospf/codec/auth.hpp"
#include "ospf/instance_state.hpp"

namespace l3vpn::ospf {

namespace {

constexpr std::size_t kIpHeaderLength = 20;

bool is_designated(InterfaceState s) { return s == InterfaceState::Dr || s == InterfaceState::Backup; }

// How many fixed-size entries fit in one packet after `fixed` body bytes.
std::size_t entries_per_packet(std::uint16_t mtu, std::size_t fixed, std::size_t entry) {
  const std::size_t overhead = kIpHeaderLength + kPacketHeaderLength + fixed + 32;  // 32: the largest digest
  return mtu > overhead + entry ? (mtu - overhead) / entry : 1;
}

}  // namespace

std::uint32_t Instance::State::flood_destination(const Interface& i) const {
  if (i.config.type == NetworkType::Broadcast && !is_designated(i.fsm.state())) return kAllDRouters;
  return kAllSpfRouters;
}

void Instance::State::send(Interface& i, std::uint32_t destination, PacketBody body) {
  Packet p;
  p.header.router_id = config.router_id;
  p.header.area_id = i.config.area_id;
  p.header.au_type = i.config.auth.au_type;
  p.body = std::move(body);
  const auto bytes = encode_packet(p);
  out.push_back(instance_action::Send{i.config.name, destination, sign(bytes, i.config.auth, ++i.crypto_sequence)});
}

void Instance::State::send_lsas(Interface& i, std::uint32_t destination, const std::vector<Lsa>& lsas) {
  const std::size_t room = i.config.mtu > 200 ? i.config.mtu - kIpHeaderLength - kPacketHeaderLength - 4 - 32 : 100;
  LinkStateUpdate u;
  std::size_t used = 0;
  for (Lsa l : lsas) {
    // 13.3 step 5: InfTransDelay is added to the age of every LSA sent.
    l.header.age = static_cast<std::uint16_t>(std::min<int>(l.header.age + kInfTransDelay, kMaxAge));
    const std::size_t size = l.header.length != 0 ? l.header.length : encode_lsa(l).size();
    if (!u.lsas.empty() && used + size > room) {
      send(i, destination, std::move(u));
      u = LinkStateUpdate{};
      used = 0;
    }
    used += size;
    u.lsas.push_back(std::move(l));
  }
  if (!u.lsas.empty()) send(i, destination, std::move(u));
}

void Instance::State::send_acks(Interface& i, std::uint32_t destination, const std::vector<LsaHeader>& headers) {
  const std::size_t per = entries_per_packet(i.config.mtu, 0, kLsaHeaderLength);
  for (std::size_t at = 0; at < headers.size(); at += per) {
    const auto end = std::min(headers.size(), at + per);
    send(i, destination,
         LinkStateAck{{headers.begin() + static_cast<std::ptrdiff_t>(at), headers.begin() + static_cast<std::ptrdiff_t>(end)}});
  }
}

void Instance::State::receive(Interface& i, std::uint32_t source, std::uint32_t destination,
                              std::span<const std::uint8_t> bytes) {
  if (i.config.loopback) return count_drop("loopback-interface", i.config.name);
  if (i.config.passive) return count_drop("passive-interface", i.config.name);
  if (!i.link_up || i.fsm.state() == InterfaceState::Down) return count_drop("interface-down", i.config.name);

  auto header = decode_packet_header(bytes);
  if (const auto* d = std::get_if<OspfDrop>(&header)) return count_drop(std::string(to_string(d->reason)), d->detail);
  const PacketHeader& h = std::get<PacketHeader>(header);

  // 8.2: the area must be the interface's (virtual links are left out).
  if (h.area_id != i.config.area_id)
    return count_drop("wrong-area", dotted(h.area_id) + " on " + i.config.name + " (area " + dotted(i.config.area_id) + ")");
  if (h.router_id == config.router_id) return count_drop("own-router-id", i.config.name);
  if (destination == kAllDRouters && !is_designated(i.fsm.state()))
    return count_drop("alldrouters-on-drother", i.config.name);
  if (i.config.type == NetworkType::Broadcast && (source & i.config.mask) != (i.config.address & i.config.mask))
    return count_drop("source-not-on-subnet", dotted(source));

  auto nit = i.neighbors.find(h.router_id);
  Neighbor* n = nit == i.neighbors.end() ? nullptr : &nit->second;

  auto auth = verify(bytes, i.config.auth, n != nullptr ? n->crypto_sequence : std::nullopt);
  if (const auto* d = std::get_if<OspfDrop>(&auth)) return count_drop(std::string(to_string(d->reason)), d->detail);
  std::optional<std::uint32_t> crypto_sequence;
  if (i.config.auth.au_type == au_type::Cryptographic) crypto_sequence = std::get<AuthAccepted>(auth).crypto_sequence;

  auto decoded = decode_packet(bytes);
  if (const auto* d = std::get_if<OspfDrop>(&decoded)) return count_drop(std::string(to_string(d->reason)), d->detail);
  const Packet& p = std::get<Packet>(decoded);

  if (const auto* hello = std::get_if<Hello>(&p.body)) return receive_hello(i, source, h, *hello, crypto_sequence);
  if (n == nullptr) return count_drop("unknown-neighbor", dotted(h.router_id) + " on " + i.config.name);
  if (crypto_sequence) n->crypto_sequence = crypto_sequence;
  if (const auto* dd = std::get_if<DatabaseDescription>(&p.body)) return receive_dd(i, *n, *dd);
  if (const auto* lsr = std::get_if<LinkStateRequest>(&p.body)) return receive_ls_request(i, *n, *lsr);
  if (const auto* lsu = std::get_if<LinkStateUpdate>(&p.body)) return receive_ls_update(i, *n, *lsu);
  if (const auto* ack = std::get_if<LinkStateAck>(&p.body)) return receive_ls_ack(i, *n, *ack);
}

void Instance::State::receive_hello(Interface& i, std::uint32_t source, const PacketHeader& h, const Hello& hello,
                                    std::optional<std::uint32_t> crypto_sequence) {
  auto nit = i.neighbors.find(h.router_id);
  std::optional<PreviousHello> previous;
  if (nit != i.neighbors.end() && nit->second.heard)
    previous = PreviousHello{nit->second.priority, nit->second.dr, nit->second.bdr};
  const auto result = process_hello(i.fsm.config(), i.fsm.state(), hello, source, h.router_id, previous);
  if (const auto* reason = std::get_if<HelloDropReason>(&result))
    return count_drop(std::string(to_string(*reason)), dotted(h.router_id) + " on " + i.config.name);
  const auto& outcome = std::get<HelloOutcome>(result);

  if (nit == i.neighbors.end()) {
    NeighborConfig nc;
    nc.type = i.config.type;
    nc.router_id = config.router_id;
    nc.address = i.config.address;
    nc.neighbor_router_id = h.router_id;
    nc.neighbor_address = source;
    nc.dead_interval = i.config.dead_interval;
    nc.retransmit_interval = i.config.retransmit_interval;
    nc.mtu = i.config.mtu;
    nc.options = option::E;
    // 10.8: a DD sequence number unlikely to repeat across restarts.
    nc.initial_dd_sequence = static_cast<std::uint32_t>(
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count()) ^ config.router_id;
    nit = i.neighbors.emplace(h.router_id, Neighbor{nc}).first;
    nit->second.router_id = h.router_id;
    nit->second.state_since = now;
  }
  Neighbor& n = nit->second;
  n.address = source;
  n.heard = true;
  n.priority = outcome.priority;
  n.dr = outcome.designated_router;
  n.bdr = outcome.backup_designated_router;
  if (crypto_sequence) n.crypto_sequence = crypto_sequence;
  n.fsm.set_designated_routers(i.fsm.designated_router(), i.fsm.backup_designated_router());
  for (NeighborEvent e : outcome.neighbor_events) neighbor_event(i, n, e);
  for (InterfaceEvent e : outcome.interface_events) {
    if (e == InterfaceEvent::NeighborChange)
      i.neighbor_change_pending = true;  // run once, in finish()
    else
      interface_event(i, e);
  }
}

void Instance::State::receive_dd(Interface& i, Neighbor& n, const DatabaseDescription& dd) {
  if (dd.interface_mtu > i.config.mtu)
    return count_drop("dd-mtu-mismatch", dotted(n.router_id) + " says " + std::to_string(dd.interface_mtu));
  for (const auto& h : dd.lsa_headers) n.described[key_of(h)] = h;
  std::vector<LsaHeader> storage;
  const DatabaseView view = database_view(i, storage);
  apply(i, n, n.fsm.receive_dd(dd, view));
}

void Instance::State::receive_ls_request(Interface& i, Neighbor& n, const LinkStateRequest& r) {
  const auto s = n.fsm.state();
  if (s != NeighborState::Exchange && s != NeighborState::Loading && s != NeighborState::Full)
    return count_drop("lsr-neighbor-below-exchange", dotted(n.router_id));
  std::vector<Lsa> lsas;
  for (const auto& req : r.requests) {
    const auto type = static_cast<std::uint8_t>(req.ls_type);
    const LsaKey key{type, req.link_state_id, req.advertising_router};
    auto lsa = req.ls_type > 0xFF ? std::nullopt : lsdb_for(scope_of(type, i.config.area_id)).lsa(key, now);
    if (!lsa) {  // 10.7: not in the database, BadLSReq
      count_drop("lsr-unknown-lsa", dotted(n.router_id));
      return neighbor_event(i, n, NeighborEvent::BadLSReq);
    }
    lsas.push_back(std::move(*lsa));
  }
  send_lsas(i, n.address, lsas);
}

void Instance::State::receive_ls_ack(Interface& i, Neighbor& n, const LinkStateAck& ack) {
  if (n.fsm.state() < NeighborState::Exchange) return count_drop("lsack-neighbor-below-exchange", dotted(n.router_id));
  const bool exchanging = exchange_in_progress();
  for (const auto& h : ack.lsa_headers) {
    const LsaKey key = key_of(h);
    auto it = n.retransmission.find(key);
    if (it != n.retransmission.end() && compare_instances(h, it->second.header) == LsaRecency::Same)
      n.retransmission.erase(it);
    lsdb_for(scope_of(h.type, i.config.area_id)).acknowledge(h, n.router_id, now, exchanging);
  }
  if (n.retransmission.empty()) stop_timer(ls_retransmit_timer(i, n));
}

}  // namespace l3vpn::ospf
