// The kernel dataplane as the daemons' CLI shows it, and the interface map of
// --interface-map. Pure: values in, text out; no netlink here (the runtime,
// daemon/kernel_runtime.hpp, reads the kernel and hands the state over).
//
//   show ip route [vrf NAME] kernel       the routes the kernel holds in the
//                                         VRF device's table (main table
//                                         without vrf), every protocol
//   show mpls forwarding-table kernel     the kernel's AF_MPLS routes
//   show fib drift                        desired vs kernel, from the
//                                         operations plan_reconcile would run
//
// Interface map text: "CONFIG=LINUX" pairs separated by commas, newlines or
// spaces ("Gi0/0=eth1,Gi0/1=eth2"); '#' starts a comment to the end of its
// line. A bad pair, a Linux name the kernel would refuse, a config name given
// twice or two config names on one Linux name is an error naming it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/desired_state.hpp"
#include "kernel/reconcile.hpp"

namespace l3vpn::daemon {

using InterfaceMap = std::map<std::string, std::string, std::less<>>;  // config name -> Linux name

struct InterfaceMapParse {
  InterfaceMap map;
  std::string error;  // empty when the text was good
};

InterfaceMapParse parse_interface_map(std::string_view text);

// The Linux name -> config name direction (link events name Linux devices).
// A name the map does not hold is its own config name (the configs may use
// Linux names directly).
std::string config_interface_name(const InterfaceMap& map, std::string_view linux_name);

// --- drift ----------------------------------------------------------------
struct DriftEntry {
  enum class Kind { Missing, Extra, Different, Problem };
  Kind kind = Kind::Missing;
  std::string desired;  // what we want ("" for Extra)
  std::string kernel;   // what the kernel holds ("" for Missing)
  bool operator==(const DriftEntry&) const = default;
};

// Each operation of `plan` (computed against `actual`) as what it repairs:
// a replace of a route whose key the kernel holds is Different (with the
// kernel's route), of one it lacks Missing; a delete is Extra; devices,
// addresses and sysctls likewise; each plan problem is a Problem.
std::vector<DriftEntry> drift_entries(const kernel::Plan& plan, const kernel::ActualState& actual);
// "No drift" when there is none; else one line per entry and a count line.
std::string format_drift(const std::vector<DriftEntry>& entries);

// --- the kernel's tables ---------------------------------------------------
// "l3vpn" for kRouteProtocol, the rtnetlink names for the kernel's own, else the number.
std::string protocol_name(std::uint8_t protocol);
// The routes of `table` in `actual`, one line each, sorted by prefix;
// `title` heads them ("vrf A, table 1001").
std::string format_kernel_routes(const kernel::ActualState& actual, std::uint32_t table, const std::string& title);
// The AF_MPLS table: in label, outgoing (labels, "pop"), next hop, interface, protocol.
std::string format_kernel_mpls(const kernel::ActualState& actual);
// The table of VRF device `vrf` in `actual` (0: no such VRF device).
std::uint32_t kernel_vrf_table(const kernel::ActualState& actual, std::string_view vrf);

}  // namespace l3vpn::daemon
