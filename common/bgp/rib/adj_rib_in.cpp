#include "bgp/rib/adj_rib_in.hpp"

namespace l3vpn::bgp::rib {

AdjRibIn::Change AdjRibIn::update(const RouteKey& key, Path path) {
  path.peer = peer_;
  auto [it, inserted] = paths_.try_emplace(key, std::move(path));
  if (inserted) return Change::Added;
  if (it->second.same_route(path)) return Change::None;
  it->second = std::move(path);
  return Change::Replaced;
}

const Path* AdjRibIn::find(const RouteKey& key) const {
  auto it = paths_.find(key);
  return it == paths_.end() ? nullptr : &it->second;
}

bool AdjRibIn::erase(const RouteKey& key) { return paths_.erase(key) > 0; }

std::vector<RouteKey> AdjRibIn::keys() const {
  std::vector<RouteKey> out;
  out.reserve(paths_.size());
  for (const auto& [key, path] : paths_) out.push_back(key);
  return out;
}

}  // namespace l3vpn::bgp::rib
