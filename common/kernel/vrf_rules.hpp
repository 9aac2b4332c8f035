// Linux VRF isolation, the FIB-rule half (the other half is the unreachable
// default every VRF table gets, from_config.hpp). At boot the kernel looks
// up the local table first (rule 0), for every packet: a packet that
// arrives in a VRF and is addressed to an address of the default table (a
// router's management address) matches there and is delivered, the VRF
// notwithstanding (seen live: a member pinging bras's 10.0.0.15 got an
// answer). The kernel's VRF documentation (Documentation/networking/vrf.rst)
// moves the local rule after the l3mdev rule (1000): a VRF's own local
// routes live in its table anyway, and the default table's traffic, which
// no l3mdev rule matches, reaches the local table at 32765 as before.
//
// plan_vrf_rules is pure (rules in, what to do out); move_local_rule_after_l3mdev
// is the edge (libnl, its own NETLINK_ROUTE socket, blocking, a few
// messages): it adds "32765: lookup local" first, then deletes "0: lookup
// local", so there is never a moment without a local rule. Done once per
// namespace and left so at exit (harmless without VRFs). IPv4 only.
// Failure: returns the step and errno text; nothing is thrown.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace l3vpn::kernel {

inline constexpr std::uint32_t kL3mdevRulePriority = 1000;  // the kernel's, added with the first VRF
inline constexpr std::uint32_t kLocalRuleAfterL3mdev = 32765;

// An IPv4 FIB rule as far as this matters: "PRIO: from all lookup TABLE" or
// "PRIO: from all lookup [l3mdev-table]".
struct FibRule {
  std::uint32_t priority = 0;
  std::uint32_t table = 0;
  bool l3mdev = false;
  bool selectors = false;  // any from/to/iif/oif/fwmark...: not the plain rule
  bool operator==(const FibRule&) const = default;
};

struct VrfRulesPlan {
  bool add_local_after_l3mdev = false;  // add "32765: from all lookup local"
  bool delete_local_first = false;      // delete "0: from all lookup local"
  bool empty() const { return !add_local_after_l3mdev && !delete_local_first; }
};

VrfRulesPlan plan_vrf_rules(const std::vector<FibRule>& rules);

struct VrfRulesOutcome {
  bool changed = false;
  std::optional<std::string> error;
};

// Reads the IPv4 rules, applies plan_vrf_rules.
VrfRulesOutcome move_local_rule_after_l3mdev();

}  // namespace l3vpn::kernel
