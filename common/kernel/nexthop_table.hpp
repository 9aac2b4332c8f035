// Our kernel nexthop objects and the routes of ours that name them (pure).
//
// With shared nexthops (NetlinkFib::RouteProgramming), a unicast route with
// one gateway next hop and an MPLS push (shareable()) is installed as
// "nhid N": N is the object of ours (protocol kRouteProtocol) holding that
// (gateway, device, label stack), created once for every route using it.
// This table says which object holds which hop, picks ids for new ones (never
// an id the kernel already holds, whoever owns it), counts the routes of
// ours naming each, and lists ours that no route names any more, for
// deletion (the kernel deletes every route through an object deleted with
// it: so only objects whose users are all known are ever listed).
//
// Users are known for objects loaded with the routes of a full read
// (load(..., routes_known = true)) and for objects created since.
// Single-threaded value type, no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "kernel/nexthop_message.hpp"

namespace l3vpn::kernel {

class NexthopTable {
 public:
  // Unicast, exactly one next hop, with a gateway and a label stack to push.
  static bool shareable(const Ipv4Route& route);

  // What the kernel holds: every nexthop object, and the routes naming one.
  // routes_known false: `routes` is not all of them (ours loaded now are never
  // listed unused).
  void load(const std::vector<KernelNexthop>& objects, const std::vector<RouteNexthopId>& routes,
            bool routes_known);

  // The object of ours holding `hop`.
  std::optional<std::uint32_t> find(const NextHop& hop) const;
  // An id the kernel holds no object with, for a new object of ours holding `hop`.
  std::uint32_t allocate();
  // The kernel created object `id` for `hop` (it is ours from now on).
  void created(std::uint32_t id, const NextHop& hop);
  // The kernel deleted object `id` (ours or not).
  void removed(std::uint32_t id);

  // Our route `key` now names object `id`; 0: no object (own next hops, or deleted).
  void route_names(const RouteKey& key, std::uint32_t id);
  std::optional<std::uint32_t> named_by(const RouteKey& key) const;

  // Ours that no route names and whose users are all known, ascending.
  std::vector<std::uint32_t> unused() const;
  // Any resolvable object's next hop (to read routes given as "nhid N" back).
  std::optional<NextHop> resolve(std::uint32_t id) const;
  std::size_t ours() const { return ours_.size(); }

 private:
  std::map<std::uint32_t, KernelNexthop> objects_;  // every object the kernel holds, by id
  std::map<NextHop, std::uint32_t> ours_;           // our objects by what they hold
  std::map<RouteKey, std::uint32_t> routes_;        // our routes naming an object
  std::map<std::uint32_t, std::size_t> users_;      // routes_ counted per id
  std::set<std::uint32_t> users_unknown_;           // ours loaded without all routes
  std::uint32_t next_id_ = 1;
};

}  // namespace l3vpn::kernel
