// The MPLS and LDP commands of a daemon's CLI, over whatever LDP instance runs:
//   show mpls interfaces [json]
//   show mpls forwarding-table [json]   the LDP part of the LFIB
//   show mpls ldp neighbor [json]
//   show mpls ldp discovery [json]
//   show mpls ldp bindings [json]
// `instance` is asked at each call: nullptr when LDP does not run; then the
// tables print their headers only and the LDP commands print nothing.
// Wiring is one call: register_mpls_commands(tree, [&] { return ldp.get(); }, clock).
#pragma once

#include <functional>

#include "cli/command_tree.hpp"
#include "core/clock.hpp"
#include "ldp/instance.hpp"

namespace l3vpn::daemon {

using LdpInstanceSource = std::function<const ldp::Instance*()>;

// `clock` must outlive `tree`.
void register_mpls_commands(cli::CommandTree& tree, LdpInstanceSource instance, const core::Clock& clock);

}  // namespace l3vpn::daemon
