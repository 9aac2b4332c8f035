// The CLI's views of a running OSPF process: what `show ip ospf ...` and
// `show ip route [ospf]` format (cli/show_ospf*.hpp, cli/show_ip_route.hpp),
// read from an ospf::Instance. No I/O: `now` is passed in for the dead
// times, hello timers and LSA ages, so tests build the views from an
// instance on a manual clock.
//
// Routes: the OSPF routes with at least one next hop through a neighbor
// ("O", "O IA", "O E1", "O E2", [110/metric], every equal-cost next hop);
// networks OSPF reaches directly are the connected table's, as in IOS.
// The instance does not keep per-route install times, so the caller gives
// one age for all (e.g. since the last RoutesChanged), or none.
#pragma once

#include <optional>
#include <vector>

#include "cli/show_ip_route.hpp"
#include "cli/show_ospf.hpp"
#include "cli/show_ospf_database.hpp"
#include "core/clock.hpp"
#include "ospf/instance.hpp"

namespace l3vpn::daemon {

std::vector<cli::OspfNeighborView> ospf_neighbor_views(const ospf::Instance& instance, core::TimePoint now);
std::vector<cli::OspfInterfaceView> ospf_interface_views(const ospf::Instance& instance, core::TimePoint now);
cli::OspfDatabaseView ospf_database_view(const ospf::Instance& instance, core::TimePoint now);
// One LSA with its age now.
cli::OspfLsaView ospf_lsa_view(const ospf::LsdbEntry& entry, core::TimePoint now);
// With ages as IOS shows them: since each route appeared or last changed.
std::vector<cli::RouteView> ospf_route_views(const ospf::Instance& instance, core::TimePoint now);
std::vector<cli::RouteView> ospf_route_views(const ospf::Instance& instance, std::optional<core::Duration> age);

}  // namespace l3vpn::daemon
