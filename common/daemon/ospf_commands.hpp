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
#include "core/clock.hpp"
#include "ospf/instance.hpp"

namespace l3vpn::daemon {

using OspfInstanceSource = std::function<const ospf::Instance*()>;

// `clock` must outlive `tree`.
void register_ospf_commands(cli::CommandTree& tree, OspfInstanceSource instance, const core::Clock& clock);

}  // namespace l3vpn::daemon
