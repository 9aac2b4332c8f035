// The route flow of the speaker: UPDATEs in, best paths out.
#include <algorithm>

#include "bgp/rib/update_packer.hpp"
#include "bgp/speaker/speaker.hpp"

namespace l3vpn::bgp {
namespace {

bool as_path_has(const PathAttributes& a, std::uint32_t asn) {
  if (!a.as_path) return false;
  for (const auto& segment : *a.as_path)
    if (std::find(segment.asns.begin(), segment.asns.end(), asn) != segment.asns.end()) return true;
  return false;
}

}  // namespace

void Speaker::received(SpeakerPeer& peer, const Update& update) {
  auto allowed = [&](AfiSafi family) {
    return std::find(peer.info.families.begin(), peer.info.families.end(), family) != peer.info.families.end();
  };
  PathAttributes attributes = update.attributes;
  attributes.next_hop.reset();  // kept per path, so peers' identical sets are shared
  // RFC 4456 section 8 and RFC 4271 section 9.1.2: loops are withdrawals.
  bool loop = rib::reflection_loop(update.attributes, self_) != rib::InboundLoop::None ||
              (peer.info.role == rib::PeerRole::Ebgp && as_path_has(update.attributes, config_.asn));

  if (allowed(kIpv4Unicast)) {
    for (const Prefix4& p : update.withdrawn) unlearn(peer, kIpv4Unicast, rib::RouteKey::ipv4(p));
    for (const Prefix4& p : update.nlri) {
      if (loop || !update.attributes.next_hop) unlearn(peer, kIpv4Unicast, rib::RouteKey::ipv4(p));
      else learn(peer, kIpv4Unicast, rib::RouteKey::ipv4(p), attributes, *update.attributes.next_hop, {});
    }
  }
  if (update.mp_unreach && allowed(update.mp_unreach->family)) {
    AfiSafi family = update.mp_unreach->family;
    for (const Prefix4& p : update.mp_unreach->ipv4) unlearn(peer, family, rib::RouteKey::ipv4(p));
    for (const VpnNlri& n : update.mp_unreach->vpn) unlearn(peer, family, rib::RouteKey::vpnv4(n.rd, n.prefix));
  }
  if (update.mp_reach && allowed(update.mp_reach->family)) {
    const MpReach& r = *update.mp_reach;
    for (const Prefix4& p : r.ipv4) {
      if (loop) unlearn(peer, r.family, rib::RouteKey::ipv4(p));
      else learn(peer, r.family, rib::RouteKey::ipv4(p), attributes, r.next_hop, {});
    }
    for (const VpnNlri& n : r.vpn) {
      rib::RouteKey key = rib::RouteKey::vpnv4(n.rd, n.prefix);
      if (loop) {
        unlearn(peer, r.family, key);
      } else if (inbound_filter_ && !inbound_filter_(r.family, key, attributes)) {
        ++peer.inbound_filtered;
        unlearn(peer, r.family, key);  // a route it replaces goes too
      } else {
        learn(peer, r.family, key, attributes, r.next_hop, rib::Label::from_stack(n.labels));
      }
    }
  }
  flush();
}

void Speaker::learn(SpeakerPeer& peer, AfiSafi family, const rib::RouteKey& key, const PathAttributes& attributes,
                    std::uint32_t next_hop, rib::Label label) {
  rib::Path path;
  path.attributes = pool_.intern(attributes);
  path.received = clock_.now();
  path.next_hop = next_hop;
  path.peer_router_id = peer.info.router_id;
  path.peer_address = peer.config.address;
  path.peer = peer.id;
  path.label = label;
  path.flags = peer.info.role == rib::PeerRole::Ebgp ? rib::path_flag::FromEbgp : 0;
  rib::FamilyRib& rib = family_rib(family);
  const rib::AdjRibIn* before = rib.adj_rib_in(peer.id);
  bool known = before && before->find(key);
  if (auto change = rib.update(peer.id, key, std::move(path))) propagate(family, *change);
  if (!known) ++peer.prefixes_received;
}

void Speaker::unlearn(SpeakerPeer& peer, AfiSafi family, const rib::RouteKey& key) {
  rib::FamilyRib& rib = family_rib(family);
  const rib::AdjRibIn* in = rib.adj_rib_in(peer.id);
  if (in && in->find(key) && peer.prefixes_received > 0) --peer.prefixes_received;
  if (auto change = rib.withdraw(peer.id, key)) propagate(family, *change);
}

void Speaker::originate(AfiSafi family, const rib::RouteKey& key, PathAttributes attributes, rib::Label label) {
  rib::Path path;
  path.attributes = pool_.intern(std::move(attributes));
  path.received = clock_.now();
  path.peer_router_id = config_.router_id;
  path.peer = rib::kLocalPeer;
  path.label = label;
  path.weight = 32768;  // Cisco: locally originated routes get weight 32768
  path.flags = rib::path_flag::LocallyOriginated;
  if (auto change = family_rib(family).update(rib::kLocalPeer, key, std::move(path))) propagate(family, *change);
  flush();
}

void Speaker::withdraw_local(AfiSafi family, const rib::RouteKey& key) {
  if (auto change = family_rib(family).withdraw(rib::kLocalPeer, key)) propagate(family, *change);
  flush();
}

void Speaker::reresolve() {
  for (auto& [family, rib] : ribs_)
    for (const auto& change : rib->reresolve()) propagate(family, change);
  flush();
}

void Speaker::retry_connects() {
  for (auto& p : peers_) p->session->retry_connect();
}

std::size_t Speaker::refilter() {
  if (!inbound_filter_) return 0;
  std::size_t dropped = 0;
  for (auto& p : peers_) {
    for (auto& [family, rib] : ribs_) {
      const rib::AdjRibIn* in = rib->adj_rib_in(p->id);
      if (!in) continue;
      std::vector<rib::RouteKey> refused;
      for (const rib::RouteKey& key : in->keys())
        if (!inbound_filter_(family, key, *in->find(key)->attributes)) refused.push_back(key);
      for (const rib::RouteKey& key : refused) unlearn(*p, family, key);
      dropped += refused.size();
    }
  }
  flush();
  return dropped;
}

std::size_t Speaker::request_refresh(AfiSafi family) {
  std::size_t sent = 0;
  for (auto& p : peers_) {
    if (p->session->state() != SessionState::Established) continue;
    const auto& families = p->info.families;
    if (std::find(families.begin(), families.end(), family) == families.end()) continue;
    if (p->session->send_route_refresh(RouteRefresh{family.afi, 0, family.safi})) ++sent;
  }
  return sent;
}

bool Speaker::soft_reset_out(std::uint32_t address) {
  SpeakerPeer* peer = find_peer(address);
  if (!peer || peer->session->state() != SessionState::Established) return false;
  for (auto& [family, out] : peer->out) send_changes(*peer, family, out.dump());
  return true;
}

bool Speaker::soft_reset_in(std::uint32_t address) {
  SpeakerPeer* peer = find_peer(address);
  if (!peer || peer->session->state() != SessionState::Established) return false;
  bool sent = false;
  for (AfiSafi family : peer->info.families)
    sent |= peer->session->send_route_refresh(RouteRefresh{family.afi, 0, family.safi});
  return sent;
}

void Speaker::refresh_requested(SpeakerPeer& peer, const RouteRefresh& refresh) {
  AfiSafi family{refresh.afi, refresh.safi};
  auto it = peer.out.find(family);
  if (it == peer.out.end()) return;
  send_changes(peer, family, it->second.dump());
  peer.session->send_update(rib::end_of_rib(family));
}

// One best-path change to every Established peer that negotiated the family.
void Speaker::propagate(AfiSafi family, const rib::BestPathChange& change) {
  ++table_version_;
  for (auto& p : peers_) {
    auto out = p->out.find(family);
    if (out == p->out.end()) continue;  // not Established for this family
    std::optional<rib::OutRoute> route;
    if (change.best) {
      rib::SpeakerIdentity self = self_;
      self.local_address = p->config.local_address.value_or(config_.router_id);
      route = rib::route_for_peer(*change.best, source_info(change.best->peer), p->info, family, self, pool_);
    }
    if (route) out->second.advertise(change.key, *route);
    else out->second.withdraw(change.key);
  }
  if (on_best_change) on_best_change(family, change);
}

}  // namespace l3vpn::bgp
