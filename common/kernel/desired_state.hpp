// The Linux kernel FIB as values: what a node wants programmed (DesiredState)
// and what the kernel holds when read back (ActualState). Both name devices
// by their Linux names (never by ifindex), so reconcile.hpp can diff them
// without touching the kernel.
//
// Ownership: every route we install carries kRouteProtocol (rtm_protocol), so a
// later run finds exactly its own routes and leaves everyone else's alone.
// 248 is not in rtnetlink.h's list (0-18, 42, 99, 186-192), nor in FRR's
// rt_protos.d (186-197) nor in BIRD's or iproute2's files; `ip route show proto
// 248` lists ours. Every device we create (VRF and dummy loopbacks) carries the
// alias kManagedAlias (IFLA_IFALIAS, shown by `ip -d link`), so cleanup and
// the next start recognise them; interfaces we only enslave are never deleted.
//
// Single-threaded value types; no I/O.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/address.hpp"

namespace l3vpn::kernel {

using config::Ipv4Address;
using config::Ipv4Prefix;
using MplsLabel = std::uint32_t;

inline constexpr std::uint8_t kRouteProtocol = 248;
inline constexpr const char* kManagedAlias = "l3vpn";
inline constexpr std::uint32_t kMainTable = 254;   // RT_TABLE_MAIN
inline constexpr std::uint32_t kLocalTable = 255;  // RT_TABLE_LOCAL: the kernel's own
inline constexpr MplsLabel kImplicitNull = 3;      // RFC 3032: never pushed, never installed
inline constexpr MplsLabel kMaxLabel = (1u << 20) - 1;

// ------------------------------------------------------------------ devices
struct VrfDevice {
  std::string name;  // Linux name of the l3mdev: "Technique"
  std::uint32_t table = 0;
  auto operator<=>(const VrfDevice&) const = default;
};

// A dummy device standing for an IOS loopback (Loopback10 in VRF Technique).
struct DummyDevice {
  std::string name;
  std::string vrf;  // "" = global table
  auto operator<=>(const DummyDevice&) const = default;
};

// An existing interface (we never create or delete it) put into a VRF.
struct Enslavement {
  std::string interface;
  std::string vrf;
  auto operator<=>(const Enslavement&) const = default;
};

struct InterfaceAddress {
  std::string interface;
  Ipv4Prefix address;  // with host bits: 10.10.10.1/32, 192.168.13.3/24
  auto operator<=>(const InterfaceAddress&) const = default;
};

// ------------------------------------------------------------------- routes
struct NextHop {
  std::optional<Ipv4Address> gateway;  // none: on-link through `interface`
  std::string interface;               // may be a VRF device (route leak)
  std::vector<MplsLabel> push;         // encap mpls, outermost first
  auto operator<=>(const NextHop&) const = default;
};

enum class RouteType { Unicast, Blackhole, Unreachable };

// The kernel's identity of an IPv4 route (fib_table_insert): table, prefix,
// TOS (always 0 here) and priority.
struct RouteKey {
  std::uint32_t table = kMainTable;
  Ipv4Prefix prefix;
  std::uint32_t metric = 0;
  auto operator<=>(const RouteKey&) const = default;
};

struct Ipv4Route {
  std::uint32_t table = kMainTable;
  Ipv4Prefix prefix;  // network form
  std::uint32_t metric = 0;
  RouteType type = RouteType::Unicast;
  std::vector<NextHop> next_hops;  // one, or several for ECMP; none unless Unicast
  std::optional<Ipv4Address> source;  // RTA_PREFSRC ("src")
  std::uint8_t protocol = kRouteProtocol;

  RouteKey key() const { return RouteKey{table, prefix, metric}; }
  // Same forwarding: next hops compared as a set (the kernel may reorder).
  bool same_forwarding(const Ipv4Route& other) const;
  bool operator==(const Ipv4Route&) const = default;
};

// One path of an AF_MPLS route: labels to put in place of the in label
// (none: pop), the neighbour and the device.
struct MplsNextHop {
  std::vector<MplsLabel> out_labels;  // outermost first
  std::optional<Ipv4Address> via;
  std::string interface;
  auto operator<=>(const MplsNextHop&) const = default;
};

// An AF_MPLS route (the kernel's LFIB, one table keyed by label):
//   swap          out_labels {17}, via + interface   (ip -f mpls route add 16 as 17 via inet X dev Y)
//   pop (PHP)     out_labels {},   via + interface   (ip -f mpls route add 16 via inet X dev Y)
//   pop into VRF  out_labels {},   no via, interface = the VRF device  (ip -f mpls route add 20 dev Technique)
//   ECMP          the first path in out_labels/via/interface, the others in
//                 more_paths (ip -f mpls route add 16 nexthop as 17 via inet X
//                 dev Y nexthop as 18 via inet Z dev W: RTA_MULTIPATH)
struct MplsRoute {
  MplsLabel in_label = 0;
  std::vector<MplsLabel> out_labels;  // outermost first
  std::optional<Ipv4Address> via;
  std::string interface;
  std::uint8_t protocol = kRouteProtocol;
  std::vector<MplsNextHop> more_paths = {};  // equal-cost paths after the first
  bool operator==(const MplsRoute&) const = default;

  // Every path, the first one included.
  std::vector<MplsNextHop> paths() const;
  // Same forwarding: paths compared as a set (the kernel may reorder them).
  bool same_forwarding(const MplsRoute& other) const;
  // The route with `paths` (at least one): the first in the route's own
  // fields, the rest in more_paths.
  void set_paths(std::vector<MplsNextHop> paths);
};

// ------------------------------------------------------------------- states
struct DesiredState {
  std::vector<VrfDevice> vrfs;
  std::vector<DummyDevice> dummies;
  std::vector<Enslavement> enslavements;
  std::vector<InterfaceAddress> addresses;
  std::vector<Ipv4Route> routes;
  std::vector<MplsRoute> mpls_routes;
  std::optional<std::uint32_t> platform_labels;   // net.mpls.platform_labels
  std::vector<std::string> mpls_input_interfaces;  // net.mpls.conf.IF.input = 1
  // Interface admin state (IFF_UP). `shutdown` interfaces are held down on
  // every sync; admin_up is only brought up when the caller asks (a daemon
  // does at start and when a reload lifts `shutdown`), so an operator's or
  // a drill's `ip link set down` is not undone behind their back.
  std::vector<std::string> admin_down;
  std::vector<std::string> admin_up;
  bool ip_forward = false;  // net.ipv4.ip_forward = 1: a router forwards
};

struct KernelLink {
  std::string name;
  std::string kind;  // IFLA_INFO_KIND: "vrf", "dummy", "veth", "" for none
  std::uint32_t vrf_table = 0;  // kind "vrf" only
  std::string master;           // name of the master device, "" when none
  std::string alias;
  bool up = false;  // IFF_UP
  bool operator==(const KernelLink&) const = default;
};

struct ActualState {
  std::vector<KernelLink> links;
  std::vector<InterfaceAddress> addresses;  // IPv4 only
  std::vector<Ipv4Route> routes;            // every protocol, every table but local
  std::vector<MplsRoute> mpls_routes;       // every protocol
  bool mpls_available = false;  // /proc/sys/net/mpls exists (mpls_router loaded)
  std::optional<std::uint32_t> platform_labels;
  std::vector<std::string> mpls_input_interfaces;  // with input = 1
  std::optional<bool> ip_forward;  // net.ipv4.ip_forward, none when unreadable

  const KernelLink* link(const std::string& name) const;
};

// Short text for reports and test failures:
//   "table 1001 10.1.0.0/24 encap mpls 100/200 via 192.0.2.1 dev eth1"
//   "mpls 16 as 17 via inet 192.0.2.1 dev eth1"
//   "mpls 16 nexthop as 17 via inet 192.0.2.1 dev eth1 nexthop as 18 via inet 192.0.2.5 dev eth2"
std::string describe(const Ipv4Route& route);
std::string describe(const MplsRoute& route);

}  // namespace l3vpn::kernel
