// The CLI's views of a running LDP instance: what `show mpls interfaces`,
// `show mpls ldp neighbor|discovery|bindings` and `show mpls
// forwarding-table` format (cli/show_mpls.hpp), read from an ldp::Instance.
// No I/O: `now` is passed in for the session up times.
//
// What the pure instance does not know is shown as IOS would without it: the
// ephemeral TCP port of our side (active) or of the peer's (passive) is left
// out of "TCP connection", the LIB revision ("rev N") is not shown, and the
// bytes switched are 0 (the kernel's LFIB counts them, not the instance).
#pragma once

#include <vector>

#include "cli/show_mpls.hpp"
#include "core/clock.hpp"
#include "ldp/instance.hpp"

namespace l3vpn::daemon {

// Every "mpls ip" interface; operational when discovery runs on it.
std::vector<cli::MplsInterfaceView> mpls_interface_views(const ldp::Instance& instance);
std::vector<cli::LdpNeighborView> ldp_neighbor_views(const ldp::Instance& instance, core::TimePoint now);
cli::LdpDiscoveryView ldp_discovery_view(const ldp::Instance& instance);
// Every FEC of the LIB with its local and remote labels.
std::vector<cli::LdpBindingView> ldp_binding_views(const ldp::Instance& instance);
// One line per local label (not our own FECs' implicit null), by local label:
// "Pop Label" when the next hop gave implicit null, its label, or "No Label"
// when it gave none yet.
std::vector<cli::MplsForwardingView> mpls_forwarding_views(const ldp::Instance& instance);

}  // namespace l3vpn::daemon
