#include "bgp/rib/loc_rib.hpp"

#include <algorithm>

namespace l3vpn::bgp::rib {

void LocRib::link(const RouteKey& key, const Path* path) {
  auto& paths = entries_[key].paths;
  paths.insert(paths.begin(), path);
}

void LocRib::touch(const RouteKey& key, const Path* path) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  auto& paths = it->second.paths;
  auto at = std::find(paths.begin(), paths.end(), path);
  if (at != paths.end()) std::rotate(paths.begin(), at, at + 1);
}

void LocRib::unlink(const RouteKey& key, const Path* path) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  auto& paths = it->second.paths;
  paths.erase(std::remove(paths.begin(), paths.end(), path), paths.end());
  // Leave the best pointer alone: select() compares against it without
  // reading through it, and reports the change.
}

std::optional<BestPathChange> LocRib::select(const RouteKey& key, const NextHopResolver& resolver,
                                             const Path* changed) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  LocRibEntry& e = it->second;
  const Path* old_best = e.best;
  auto decision = select_best(std::span<const Path* const>(e.paths.data(), e.paths.size()), resolver);
  e.best = decision ? e.paths[decision->best] : nullptr;
  e.reason = decision ? decision->reason : DecisionStep::OnlyPath;
  BestPathChange change{key, e.best, e.reason};
  if (e.paths.empty()) entries_.erase(it);
  if (change.best != old_best || (change.best && change.best == changed)) return change;
  return std::nullopt;
}

std::vector<BestPathChange> LocRib::select_all(const NextHopResolver& resolver) {
  std::vector<RouteKey> keys;
  keys.reserve(entries_.size());
  for (const auto& [key, entry] : entries_) keys.push_back(key);
  std::vector<BestPathChange> changes;
  for (const RouteKey& key : keys)
    if (auto c = select(key, resolver)) changes.push_back(*c);
  return changes;
}

const LocRibEntry* LocRib::find(const RouteKey& key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

std::size_t LocRib::path_count() const {
  std::size_t n = 0;
  for (const auto& [key, entry] : entries_) n += entry.paths.size();
  return n;
}

}  // namespace l3vpn::bgp::rib
