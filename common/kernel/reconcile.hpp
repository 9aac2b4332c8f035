// Planning the kernel FIB (pure): desired state + what the kernel holds ->
// the ordered operations that make the kernel match, and the problems that
// stop part of it (reported, never silently skipped).
//
// Order of a plan, each step needing the one before:
//   1. devices: stale-by-shape managed devices deleted, VRF and dummy devices
//      created (with alias kManagedAlias) and brought up;
//   2. enslavements (interfaces and dummies into their VRF, interfaces leaving
//      a managed VRF released);
//   3. addresses (added, then stale IPv4 addresses removed, on the interfaces
//      the desired state names: dummies, enslaved interfaces and interfaces
//      with a desired address; every other interface is left alone);
//   1b. admin state of existing interfaces: `shutdown` ones down, admin_up
//      ones up;
//   4. sysctls: net.ipv4.ip_forward, net.mpls.platform_labels, then
//      net.mpls.conf.IF.input;
//   5. IPv4 routes: replaced where missing or different, then our stale ones
//      deleted (make before break);
//   6. MPLS routes, likewise (after platform_labels, which bounds their labels);
//   7. managed devices no longer desired, deleted last.
// Only routes with protocol kRouteProtocol are ever replaced or deleted; a
// desired route whose key (table, prefix, metric) is held by someone else's
// route is not installed (it would replace theirs) and is reported.
//
// plan_cleanup: every route and MPLS route of ours and every managed device
// deleted (the SIGTERM path without --keep-fib).
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "kernel/desired_state.hpp"

namespace l3vpn::kernel {

struct CreateVrf { VrfDevice device; bool operator==(const CreateVrf&) const = default; };
struct CreateDummy { std::string name; bool operator==(const CreateDummy&) const = default; };
struct SetUp { std::string interface; bool operator==(const SetUp&) const = default; };
struct SetDown { std::string interface; bool operator==(const SetDown&) const = default; };
struct SetMaster {
  std::string interface;
  std::string master;  // "" releases the interface (nomaster)
  bool operator==(const SetMaster&) const = default;
};
struct AddAddress { InterfaceAddress address; bool operator==(const AddAddress&) const = default; };
struct DeleteAddress { InterfaceAddress address; bool operator==(const DeleteAddress&) const = default; };
struct WriteSysctl {
  std::string path;  // under /proc/sys: "net/mpls/platform_labels"
  std::string value;
  bool operator==(const WriteSysctl&) const = default;
};
struct ReplaceRoute { Ipv4Route route; bool operator==(const ReplaceRoute&) const = default; };
struct DeleteRoute { Ipv4Route route; bool operator==(const DeleteRoute&) const = default; };
struct ReplaceMplsRoute { MplsRoute route; bool operator==(const ReplaceMplsRoute&) const = default; };
struct DeleteMplsRoute { MplsRoute route; bool operator==(const DeleteMplsRoute&) const = default; };
struct DeleteLink { std::string name; bool operator==(const DeleteLink&) const = default; };

using Operation = std::variant<CreateVrf, CreateDummy, SetUp, SetDown, SetMaster, AddAddress, DeleteAddress,
                               WriteSysctl, ReplaceRoute, DeleteRoute, ReplaceMplsRoute,
                               DeleteMplsRoute, DeleteLink>;

struct PlanProblem {
  enum class Kind {
    ForeignRouteHoldsKey,  // someone else's route has our route's key
    ForeignMplsRoute,      // someone else's MPLS route has our in label
    ForeignDeviceName,     // a device we must create exists and is not ours
    MplsUnavailable,       // MPLS routes or sysctls wanted, kernel has no MPLS
    LabelOutOfRange,       // an MPLS route label >= platform_labels, or > 2^20-1
  };
  Kind kind = Kind::ForeignRouteHoldsKey;
  std::string detail;
  bool operator==(const PlanProblem&) const = default;
};

struct Plan {
  std::vector<Operation> operations;
  std::vector<PlanProblem> problems;
  bool empty() const { return operations.empty(); }
};

Plan plan_reconcile(const DesiredState& desired, const ActualState& actual);
Plan plan_cleanup(const ActualState& actual);

// "create vrf Technique table 1001", "replace route table 1001 10.1.0.0/24 ..."
std::string describe(const Operation& operation);
const char* to_string(PlanProblem::Kind kind);

}  // namespace l3vpn::kernel
