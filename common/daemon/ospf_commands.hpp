// The OSPF commands of a daemon's CLI, over whatever OSPF process runs:
//   show ip ospf neighbor [json]
//   show ip ospf interface [brief] [json]
//   show ip ospf database [router|network|summary|asbr-summary|external] [json]
// (`show ip route [ospf]` is register_global_route_command's: OSPF routes
// with their ages, since SPF installed or last changed them.)
// `instance` is asked at each call: nullptr when no OSPF process runs, and
// then every command prints nothing, as IOS does without `router ospf`.
// Wiring is one call: register_ospf_commands(tree, [&] { return ospf.get(); }, clock).
#pragma once

#include <functional>
#include <vector>

#include "cli/command_tree.hpp"
#include "cli/show_ip_route.hpp"
#include "cli/show_commands.hpp"
#include "core/clock.hpp"
#include "ospf/instance.hpp"

namespace l3vpn::daemon {

using OspfInstanceSource = std::function<const ospf::Instance*()>;
using OspfInstancesSource = std::function<std::vector<const ospf::Instance*>()>;

// `instance`: the first global-table process (show ip route ospf, and the
// JSON database); `all`: every process, VRF ones included (neighbors,
// interfaces and the text database list them all, as IOS does).
// `clock` must outlive `tree`.
void register_ospf_commands(cli::CommandTree& tree, OspfInstanceSource instance, OspfInstancesSource all,
                            const core::Clock& clock);

// `show ip route [json]`: the global table, connected and static routes of
// `context`'s configuration with the OSPF routes (vpn::global_route_table)
// and `more` (a CE's BGP routes, "B [20/MED]"), when given.
// `context` must outlive `tree`.
void register_global_route_command(cli::CommandTree& tree, OspfInstanceSource instance,
                                   const cli::ShowContext& context,
                                   std::function<std::vector<cli::RouteView>()> more = {});

}  // namespace l3vpn::daemon
