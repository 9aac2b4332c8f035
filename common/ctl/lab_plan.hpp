// What `l3vpnctl lab up` will build for a lab, computed before anything is
// touched: one network namespace per node, one veth pair per link, the Linux
// name of every configured interface, the addresses and static routes the
// runner applies itself (host nodes), the daemon each router runs with its
// control socket, log and pid file under the lab's run directory, and what
// "converged" means for each router (OSPF, BGP and LDP neighbours to wait for).
//
// Names (deterministic: the same lab always gives the same names):
//   namespace   "l3v-<lab>-<node>"; when longer than kMaxNamespaceName, the
//               lab and node part become a hash: "l3v-<8 hex>-<node prefix>".
//   interface   a name that is already a valid Linux name stays (eth1, ens3);
//               LoopbackN -> "loopN" (the daemons' own default for their dummy
//               loopbacks, kernel/from_config.hpp); an IOS name keeps a two
//               letter type and its numbers with '/' and ':' as '-':
//               GigabitEthernet0/0 -> "gi0-0", TenGigabitEthernet1/0/1.100 ->
//               "te1-0-1.100". Longer than 15 bytes or clashing with another
//               name of the node: cut and suffixed with a hash of the config name.
//
// Pure: no I/O (the run directory is an input). Errors are collected, never
// thrown: a node kind we cannot run, a link whose end names no interface, a
// name clash that the hash did not resolve.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "config/lab.hpp"

namespace l3vpn::ctl {

inline constexpr std::size_t kMaxLinuxName = 15;        // IFNAMSIZ - 1
inline constexpr std::size_t kMaxNamespaceName = 31;   // short enough to read in `ip netns`

struct PlannedInterface {
  std::string config_name;  // GigabitEthernet0/0
  std::string linux_name;   // gi0-0
  std::string vrf;          // empty: global table
  bool loopback = false;
  bool linked = false;      // one end of a lab link: a veth is created for it
  bool shutdown = false;
  std::vector<config::Ipv4Prefix> addresses;  // primary first
};

struct PlannedRoute {  // a static route the runner installs with `ip route` (hosts)
  config::Ipv4Prefix prefix;
  std::string via;        // next hop, empty when only a device
  std::string device;     // Linux name, empty when only a next hop
  bool blackhole = false;  // Null0
};

// What a router must see before the lab counts as converged.
struct ConvergenceExpectation {
  std::vector<std::string> ospf_interfaces;  // config names with an OSPF neighbour to reach Full on
  std::size_t ldp_peers = 0;                 // distinct neighbours over `mpls ip` links
  bool bgp = false;                          // every configured BGP neighbour Established
  // VRF ("" the global table) -> the prefixes the router must have; not set
  // by plan_lab: the runner fills it with what the simulator predicts.
  std::map<std::string, std::vector<std::string>> routes;
};

enum class NodeProgram { None, Daemon };

struct PlannedNode {
  std::string name;
  config::Role kind = config::Role::Host;
  std::string config_path;
  std::string netns;
  NodeProgram program = NodeProgram::None;  // hosts: addresses and routes only
  std::string daemon;       // "l3vpn-pe", "l3vpn-p", "l3vpn-rr" (file name, found by the runner)
  std::string socket_path;  // RUN/NODE.sock
  std::string log_path;     // RUN/NODE.log
  std::vector<PlannedInterface> interfaces;  // in config order
  std::vector<PlannedRoute> routes;          // global static routes (hosts)
  ConvergenceExpectation converge;

  const PlannedInterface* find_interface(std::string_view config_name) const;
  // "GigabitEthernet0/0=gi0-0,Loopback0=loop0": --interface-map's value.
  std::string interface_map() const;
};

struct PlannedVeth {
  std::string a_node, a_netns, a_linux;
  std::string b_node, b_netns, b_linux;
};

struct LabPlan {
  std::string lab;
  std::string directory;  // the lab folder
  std::string run_dir;    // sockets, logs, state
  std::vector<PlannedNode> nodes;  // in lab order
  std::vector<PlannedVeth> veths;  // in link order

  const PlannedNode* find_node(std::string_view name) const;
  std::string state_path() const { return run_dir + "/state"; }
};

struct LabPlanResult {
  LabPlan plan;
  std::vector<std::string> errors;  // each names the node, interface or link
  bool ok() const { return errors.empty(); }
};

// The Linux name for one config interface name, before clash resolution.
std::string linux_interface_name(std::string_view config_name);
std::string namespace_name(std::string_view lab, std::string_view node);
// 32-bit FNV-1a, as 8 lower-case hex digits: stable across runs and builds.
std::string short_hash(std::string_view text);

// `run_dir`: where sockets, logs and the state file go (the caller chooses:
// default_run_dir below). The lab must have loaded without errors.
LabPlanResult plan_lab(const config::Lab& lab, const std::string& run_dir);

// $L3VPN_LAB_RUN_DIR/<lab>, else $XDG_RUNTIME_DIR/l3vpn-lab/<lab>, else
// /run/l3vpn-lab/<lab>: outside the source tree, short enough for a Unix
// socket path (108 bytes), and kept across a crash of `up` so `down` finds it.
// The environment values are passed in so the choice stays testable.
std::string default_run_dir(std::string_view lab, const char* run_dir_env, const char* xdg_runtime_dir);

}  // namespace l3vpn::ctl
