#include "kernel/nexthop_table.hpp"

namespace l3vpn::kernel {

bool NexthopTable::shareable(const Ipv4Route& route) {
  return route.type == RouteType::Unicast && route.next_hops.size() == 1 &&
         route.next_hops.front().gateway.has_value() && !route.next_hops.front().push.empty();
}

void NexthopTable::load(const std::vector<KernelNexthop>& objects, const std::vector<RouteNexthopId>& routes,
                        bool routes_known) {
  objects_.clear();
  ours_.clear();
  routes_.clear();
  users_.clear();
  users_unknown_.clear();
  next_id_ = 1;
  for (const auto& object : objects) {
    objects_[object.id] = object;
    if (object.id >= next_id_) next_id_ = object.id + 1;
    if (object.protocol != kRouteProtocol || !object.resolvable) continue;
    // Two of ours with the same hop (an interrupted run): the first is used,
    // the other is left with no user and so deleted as unused.
    ours_.emplace(object.hop, object.id);
    users_[object.id];
    if (!routes_known) users_unknown_.insert(object.id);
  }
  for (const auto& route : routes) {
    if (route.protocol == kRouteProtocol) route_names(route.key, route.nexthop_id);
  }
}

std::optional<std::uint32_t> NexthopTable::find(const NextHop& hop) const {
  auto it = ours_.find(hop);
  if (it == ours_.end()) return std::nullopt;
  return it->second;
}

std::uint32_t NexthopTable::allocate() {
  while (objects_.contains(next_id_) || next_id_ == 0) ++next_id_;
  return next_id_++;
}

void NexthopTable::created(std::uint32_t id, const NextHop& hop) {
  objects_[id] = KernelNexthop{id, kRouteProtocol, hop, true};
  ours_.emplace(hop, id);
  users_[id];
}

void NexthopTable::removed(std::uint32_t id) {
  auto object = objects_.find(id);
  if (object == objects_.end()) return;
  if (auto it = ours_.find(object->second.hop); it != ours_.end() && it->second == id) ours_.erase(it);
  objects_.erase(object);
  users_.erase(id);
  users_unknown_.erase(id);
  // The kernel took the routes naming it along.
  for (auto it = routes_.begin(); it != routes_.end();) {
    it = it->second == id ? routes_.erase(it) : std::next(it);
  }
}

void NexthopTable::route_names(const RouteKey& key, std::uint32_t id) {
  if (auto it = routes_.find(key); it != routes_.end()) {
    if (auto users = users_.find(it->second); users != users_.end() && users->second > 0) --users->second;
    routes_.erase(it);
  }
  if (id == 0) return;
  routes_[key] = id;
  ++users_[id];
}

std::optional<std::uint32_t> NexthopTable::named_by(const RouteKey& key) const {
  auto it = routes_.find(key);
  if (it == routes_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::uint32_t> NexthopTable::unused() const {
  std::vector<std::uint32_t> ids;
  for (const auto& [id, users] : users_) {
    const auto object = objects_.find(id);
    const bool ours = object != objects_.end() && object->second.protocol == kRouteProtocol;
    if (ours && users == 0 && !users_unknown_.contains(id)) ids.push_back(id);
  }
  return ids;
}

std::optional<NextHop> NexthopTable::resolve(std::uint32_t id) const {
  auto it = objects_.find(id);
  if (it == objects_.end() || !it->second.resolvable) return std::nullopt;
  return it->second.hop;
}

}  // namespace l3vpn::kernel
