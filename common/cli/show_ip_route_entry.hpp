// "show ip route vrf NAME A.B.C.D" (and the global "show ip route A.B.C.D"):
// one routing entry in IOS 12.4's detail format, over the RouteView the
// table holds (the longest match for the address, found by the caller).
//   Routing entry for 10.10.30.254/32
//     Known via "bgp 65103", distance 200, metric 0, type internal
//     Last update from 4.4.4.4 01:10:46 ago
//     Routing Descriptor Blocks:
//     * 4.4.4.4 (default), from 4.4.4.4, 01:10:46 ago
//         Route metric is 0, traffic share count is 1
//         AS Hops 0
// Connected: 'Known via "connected", distance 0, metric 0 (connected, via
// interface)' and "* directly connected, via IF"; static: 'Known via
// "static", distance 1, metric 0'; OSPF: type intra area / inter area /
// extern 1 / extern 2, "Last update from NH on IF, AGE ago" and "* NH, from
// NH, AGE ago, via IF". `source` is what "Known via" names ("bgp 65103",
// "ospf 10"); the caller knows the ASN and process. Nothing to show: "%
// Network not in table" (a failure), as IOS says. Pure: formatting only.
// Left out: the "Redistributing via" and "Advertised by" lines.
#pragma once

#include <optional>
#include <string>

#include "cli/command_result.hpp"
#include "cli/show_ip_route.hpp"
#include "config/model.hpp"

namespace l3vpn::cli {

// The route of `table` that covers `address` with the longest prefix; nullptr
// when none. IOS's "show ip route A.B.C.D" does not fall back to the default
// route ("% Network not in table"): the show command passes
// with_default = false; CEF lookups pass true.
const RouteView* longest_match(const RouteTableView& table, std::uint32_t address, bool with_default = true);

CommandResult show_ip_route_entry(const RouteView* route, const std::string& source);

// What "Known via" names for a route of `vrf`'s table ("" is the global
// one): "bgp ASN", "ospf N" (that table's first OSPF process), "static",
// "connected".
std::string known_via(const config::Config& config, std::string_view vrf, const RouteView& route);

}  // namespace l3vpn::cli
