// The OSPF commands of a daemon's CLI, over whatever OSPF process runs:
//   show ip ospf neighbor [json]
//   show ip ospf interface [brief] [json]
//   show ip ospf database [router|network|summary|asbr-summary|external] [json]
//   show ip route ospf [json]        the OSPF routes through a neighbor (no ages:
//                                    the instance keeps no install times)
// `instance` is asked at each call: nullptr when no OSPF process runs, and
// then every command prints nothing, as IOS does without `router ospf`.
// Wiring is one call: register_ospf_commands(tree, [&] { return ospf.get(); }, clock).
#pragma once

#include <functional>

#include "cli/command_tree.hpp"
#include "cli/show_commands.hpp"
#include "core/clock.hpp"
#include "ospf/instance.hpp"

namespace l3vpn::daemon {

using OspfInstanceSource = std::function<const ospf::Instance*()>;

// `clock` must outlive `tree`.
void register_ospf_commands(cli::CommandTree& tree, OspfInstanceSource instance, const core::Clock& clock);

// `show ip route [json]`: the global table, connected and static routes of
// `context`'s configuration with the OSPF routes (vpn::global_route_table).
// `context` must outlive `tree`.
void register_global_route_command(cli::CommandTree& tree, OspfInstanceSource instance,
                                   const cli::ShowContext& context);

}  // namespace l3vpn::daemon
