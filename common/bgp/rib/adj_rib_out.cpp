#include "bgp/rib/adj_rib_out.hpp"

#include <algorithm>

namespace l3vpn::bgp::rib {

void AdjRibOut::remember_before(const RouteKey& key) {
  if (pending_.contains(key)) return;  // the first change since the flush knows the peer's view
  auto it = sent_.find(key);
  pending_.emplace(key, it == sent_.end() ? std::nullopt : std::optional<OutRoute>(it->second));
}

void AdjRibOut::advertise(const RouteKey& key, OutRoute route) {
  remember_before(key);
  sent_.insert_or_assign(key, std::move(route));
}

void AdjRibOut::withdraw(const RouteKey& key) {
  if (!sent_.contains(key)) return;
  remember_before(key);
  sent_.erase(key);
}

std::vector<OutChange> AdjRibOut::take_pending() {
  std::vector<OutChange> changes;
  for (const auto& [key, before] : pending_) {
    const OutRoute* now = find(key);
    if (now && before && *now == *before) continue;  // a duplicate: not sent again
    if (!now && !before) continue;                   // came and went before the flush
    changes.push_back(OutChange{key, now ? std::optional<OutRoute>(*now) : std::nullopt});
  }
  pending_.clear();
  std::sort(changes.begin(), changes.end(),
            [](const OutChange& a, const OutChange& b) { return a.key < b.key; });
  return changes;
}

std::vector<OutChange> AdjRibOut::dump() {
  pending_.clear();
  std::vector<OutChange> all;
  all.reserve(sent_.size());
  for (const auto& [key, route] : sent_) all.push_back(OutChange{key, route});
  std::sort(all.begin(), all.end(),
            [](const OutChange& a, const OutChange& b) { return a.key < b.key; });
  return all;
}

const OutRoute* AdjRibOut::find(const RouteKey& key) const {
  auto it = sent_.find(key);
  return it == sent_.end() ? nullptr : &it->second;
}

void AdjRibOut::clear() {
  sent_.clear();
  pending_.clear();
}

}  // namespace l3vpn::bgp::rib
