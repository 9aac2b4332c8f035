// The nexthop-object side of NetlinkFib (edge): reading the objects back, and
// encoding route operations through them (NetlinkFib::RouteProgramming).
//
// Read: one RTM_GETNEXTHOP dump (a few objects); when the kernel holds any,
// one more IPv4 route dump for the routes' RTA_NH_ID (libnl 3.7 and the
// route parser keep no ids). A route read back as "nhid N" with no next hop
// of its own (sysctl net.ipv4.nexthop_compat_mode 0) gets object N's, so
// reconcile compares it as any other route. A kernel without nexthop objects
// (EOPNOTSUPP, Linux < 5.3) has none: not an error.
//
// Apply: before a run of route operations, the objects its replacements need
// are created in one batch; a refused one is reported (operation "create
// nexthop N ...") and its routes keep their own next hops. After the plan,
// ours that no route names are deleted. Deleting an object deletes the routes
// through it, so only objects with all users known are deleted
// (nexthop_table.hpp).
//
// Blocking, single-threaded, as NetlinkFib.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/netlink_batch.hpp"
#include "kernel/netlink_fib.hpp"
#include "kernel/nexthop_table.hpp"
#include "kernel/reconcile.hpp"

namespace l3vpn::kernel {

// Loads `table` from the kernel's nexthop objects, with `named` (the routes
// of the IPv4 route dump that name one: RouteDump::nexthop_ids) as their
// users, and fills the next hop of `routes` read as "nhid N" without one. An
// error text when the dump failed (table then empty, its users unknown:
// nothing of ours is deleted).
std::optional<std::string> read_nexthop_objects(NetlinkBatchSocket& socket, std::uint32_t& seq,
                                                const InterfaceNames& names,
                                                const std::vector<RouteNexthopId>& named,
                                                std::vector<Ipv4Route>& routes, NexthopTable& table);

class NexthopRouteEncoder {
 public:
  // share: shareable routes go through objects; false: every route has its
  // own next hops (and objects of ours left by an earlier run lose their users).
  NexthopRouteEncoder(NexthopTable& table, bool share) : table_(table), share_(share) {}

  // Creates the objects the replacements of `run` need that ours lacks.
  void prepare(const std::vector<const Operation*>& run, NetlinkBatchSocket& socket, std::uint32_t& seq,
               const InterfaceIndexes& indexes, ApplyReport& report);
  // Appends `op` (a route operation) to `out`.
  std::optional<EncodeError> encode(std::vector<std::uint8_t>& out, const Operation& op,
                                    const InterfaceIndexes& indexes, std::uint32_t seq) const;
  // The kernel did `op`: which object its route names now.
  void succeeded(const Operation& op);
  // Deletes ours no route names (one batch).
  void remove_unused(NetlinkBatchSocket& socket, std::uint32_t& seq, ApplyReport& report);

 private:
  std::optional<std::uint32_t> object_for(const Ipv4Route& route) const;
  NexthopTable& table_;
  bool share_;
  mutable RequestBuffer scratch_;
};

}  // namespace l3vpn::kernel
