#include "bgp/rib/family_rib.hpp"

namespace l3vpn::bgp::rib {

std::optional<BestPathChange> FamilyRib::update(PeerId peer, const RouteKey& key, Path path) {
  auto& in = adj_rib_in_[peer];
  if (!in) in = std::make_unique<AdjRibIn>(peer);
  AdjRibIn::Change change = in->update(key, std::move(path));
  if (change == AdjRibIn::Change::None) return std::nullopt;
  const Path* stored = in->find(key);
  if (change == AdjRibIn::Change::Added) loc_rib_.link(key, stored);
  else loc_rib_.touch(key, stored);
  return loc_rib_.select(key, *resolver_, stored);
}

std::optional<BestPathChange> FamilyRib::withdraw(PeerId peer, const RouteKey& key) {
  auto it = adj_rib_in_.find(peer);
  if (it == adj_rib_in_.end()) return std::nullopt;
  const Path* stored = it->second->find(key);
  if (!stored) return std::nullopt;  // RFC 4271 9: withdrawing an unknown route is no error
  loc_rib_.unlink(key, stored);
  auto change = loc_rib_.select(key, *resolver_);
  it->second->erase(key);
  return change;
}

std::vector<BestPathChange> FamilyRib::peer_down(PeerId peer) {
  std::vector<BestPathChange> changes;
  auto it = adj_rib_in_.find(peer);
  if (it == adj_rib_in_.end()) return changes;
  AdjRibIn& in = *it->second;
  // Unlink and decide before any path is freed: the Loc-RIB compares the old
  // best pointer, which must not be reused by a new allocation meanwhile.
  for (const RouteKey& key : in.keys()) {
    loc_rib_.unlink(key, in.find(key));
    if (auto c = loc_rib_.select(key, *resolver_)) changes.push_back(*c);
  }
  adj_rib_in_.erase(it);
  return changes;
}

const AdjRibIn* FamilyRib::adj_rib_in(PeerId peer) const {
  auto it = adj_rib_in_.find(peer);
  return it == adj_rib_in_.end() ? nullptr : it->second.get();
}

}  // namespace l3vpn::bgp::rib
