#include "ospf/flooding.hpp"

#include <algorithm>

namespace l3vpn::ospf {

namespace {

using namespace flood_action;

const FloodInterface* find_interface(const FloodContext& c, std::uint32_t id) {
  for (const auto& i : c.interfaces)
    if (i.id == id) return &i;
  return nullptr;
}

const FloodNeighbor* find_neighbor(const FloodInterface& i, std::uint32_t router_id) {
  for (const auto& n : i.neighbors)
    if (n.router_id == router_id) return &n;
  return nullptr;
}

bool exchanging(NeighborState s) { return s == NeighborState::Exchange || s == NeighborState::Loading; }

bool any_neighbor_exchanging(const FloodContext& c) {
  for (const auto& i : c.interfaces)
    for (const auto& n : i.neighbors)
      if (exchanging(n.state)) return true;
  return false;
}

// Step 1: the Fletcher checksum. Encoding keeps a checksum that verifies and
// computes one otherwise, so the written value equals the header's exactly
// when the header's verifies.
bool checksum_verifies(const Lsa& lsa) {
  const auto bytes = encode_lsa(lsa);
  if (bytes.size() < kLsaHeaderLength) return false;
  const auto written =
      static_cast<std::uint16_t>((bytes[kLsaChecksumOffset] << 8) | bytes[kLsaChecksumOffset + 1]);
  return written == lsa.header.checksum;
}

bool known_type(std::uint8_t type) { return type >= ls_type::Router && type <= ls_type::AsExternal; }

}  // namespace

bool is_self_originated(const LsaHeader& h, const FloodContext& context) {
  if (h.advertising_router == context.router_id) return true;
  if (h.type != ls_type::Network) return false;
  return std::any_of(context.interfaces.begin(), context.interfaces.end(),
                     [&](const FloodInterface& i) { return i.address != 0 && i.address == h.link_state_id; });
}

std::vector<FloodAction> flood_decisions(const Lsa& lsa, const FloodContext& context,
                                         std::optional<std::uint32_t> from_interface,
                                         std::optional<std::uint32_t> from_neighbor) {
  std::vector<FloodAction> removals;
  std::vector<FloodAction> floods;
  for (const auto& iface : context.interfaces) {
    const bool arrived_here = from_interface && *from_interface == iface.id;
    // Step 1: the neighbors whose retransmission lists get the LSA.
    std::vector<std::uint32_t> targets;
    for (const auto& n : iface.neighbors) {
      if (n.state < NeighborState::Exchange) continue;                   // 1a
      if (exchanging(n.state) && n.requested) {                           // 1b
        const auto recency = compare_instances(lsa.header, *n.requested);
        if (recency == LsaRecency::Older) continue;
        removals.push_back(RemoveFromRequestList{iface.id, n.router_id});
        if (recency == LsaRecency::Same) continue;
      }
      if (arrived_here && from_neighbor && *from_neighbor == n.router_id) continue;  // 1c
      targets.push_back(n.router_id);                                     // 1d
    }
    if (targets.empty()) continue;  // step 2
    Flood f;
    f.interface_id = iface.id;
    f.neighbors = std::move(targets);
    if (arrived_here && iface.type == NetworkType::Broadcast) {
      // Step 3: from the DR or BDR, the others have it already.
      const FloodNeighbor* sender = from_neighbor ? find_neighbor(iface, *from_neighbor) : nullptr;
      if (sender != nullptr && sender->address != 0 &&
          (sender->address == iface.dr || sender->address == iface.bdr))
        f.send = false;
      // Step 4: the Backup leaves it to the DR.
      if (iface.state == InterfaceState::Backup) f.send = false;
    }
    // Step 5: on broadcast, the DR and BDR send to AllSPFRouters, the others
    // to AllDRouters; point-to-point to AllSPFRouters.
    if (iface.type == NetworkType::Broadcast && iface.state != InterfaceState::Dr &&
        iface.state != InterfaceState::Backup)
      f.destination = kAllDRouters;
    else
      f.destination = kAllSpfRouters;
    floods.push_back(std::move(f));
  }
  removals.insert(removals.end(), std::make_move_iterator(floods.begin()), std::make_move_iterator(floods.end()));
  return removals;
}

std::vector<FloodAction> receive_lsa(const ReceivedLsa& received, const FloodContext& context, const Lsdb& lsdb,
                                     core::TimePoint now, bool on_sender_request_list) {
  const LsaHeader& h = received.lsa.header;
  const std::uint32_t sender = received.neighbor_router_id;
  const FloodInterface* iface = find_interface(context, received.interface_id);
  if (iface == nullptr) return {Discard{"unknown interface"}};
  const FloodNeighbor* nbr = find_neighbor(*iface, sender);
  if (nbr == nullptr || nbr->state < NeighborState::Exchange)
    return {Discard{"neighbor in a state lower than Exchange"}};

  // Steps 1-2.
  if (!checksum_verifies(received.lsa)) return {Discard{"bad LSA checksum"}};
  if (!known_type(h.type)) return {Discard{"unknown LS type " + std::to_string(h.type)}};

  const auto ours = lsdb.header(key_of(h), now);
  const bool received_at_max_age = h.age >= kMaxAge;

  // Step 4: a MaxAge LSA we do not have, no exchange going on: ack, drop.
  if (received_at_max_age && !ours && !any_neighbor_exchanging(context))
    return {Ack{AckKind::Direct, iface->id, sender, h}};

  const bool sender_is_dr = iface->type == NetworkType::Broadcast && nbr->address != 0 && nbr->address == iface->dr;

  // Step 5: new, or more recent than ours.
  if (!ours || compare_instances(h, *ours) == LsaRecency::Newer) {
    if (ours) {
      const LsdbEntry* entry = lsdb.find(key_of(h));
      if (entry->received_by_flooding && now - entry->installed < kMinLsArrival)
        return {Discard{"MinLSArrival: the database copy was installed less than 1 s ago"}};  // 5a
    }
    std::vector<FloodAction> out = flood_decisions(received.lsa, context, iface->id, sender);  // 5b
    bool flooded_back = false;
    for (const auto& a : out)
      if (const auto* f = std::get_if<Flood>(&a); f && f->interface_id == iface->id && f->send) flooded_back = true;
    Lsa stored = received.lsa;
    out.push_back(Install{std::move(stored)});  // 5d
    // 5e, table 19.
    if (!flooded_back) {
      if (iface->state != InterfaceState::Backup || sender_is_dr)
        out.push_back(Ack{AckKind::Delayed, iface->id, sender, h});
    }
    // 5f, 13.4.
    if (is_self_originated(h, context)) {
      const LsaKey key = key_of(h);
      if (!ours) {
        out.push_back(FlushSelfOriginated{key});
      } else if (h.sequence == kMaxSequenceNumber) {
        out.push_back(Reoriginate{key, kInitialSequenceNumber, true});
      } else {
        out.push_back(Reoriginate{key, h.sequence + 1, false});
      }
    }
    return out;
  }

  // Step 6.
  if (on_sender_request_list) return {BadLsRequest{sender}};

  const auto recency = compare_instances(h, *ours);
  // Step 7: the same instance.
  if (recency == LsaRecency::Same) {
    if (received.on_sender_retransmission_list) {
      std::vector<FloodAction> out{ImpliedAck{sender}};
      if (iface->state == InterfaceState::Backup && sender_is_dr)
        out.push_back(Ack{AckKind::Delayed, iface->id, sender, h});
      return out;
    }
    return {Ack{AckKind::Direct, iface->id, sender, h}};
  }

  // Step 8: ours is more recent.
  if (ours->age >= kMaxAge && ours->sequence == kMaxSequenceNumber)
    return {Discard{"database copy at MaxAge and MaxSequenceNumber"}};
  const LsdbEntry* entry = lsdb.find(key_of(h));
  if (entry->last_sent_back && now - *entry->last_sent_back < kMinLsArrival)
    return {Discard{"database copy sent back less than MinLSArrival ago"}};
  return {SendNewerBack{iface->id, sender, *lsdb.lsa(key_of(h), now)}};
}

}  // namespace l3vpn::ospf
