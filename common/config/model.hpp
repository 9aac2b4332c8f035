// The typed configuration model: what a Cisco-IOS-like running-config says,
// validated, with no text left in it that a later layer would have to parse.
//
// Every struct compares with ==, so a test can check parse -> render -> parse.
// Source locations are kept for cross-reference diagnostics but are not part of
// a value: two models that differ only in where their lines were are equal.
//
// Containers keep the order of the file where IOS keeps it (interfaces,
// route-map sequences are sorted by the renderer where IOS sorts them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/address.hpp"

namespace l3vpn::config {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
  // Where a line stood is not part of what it means.
  friend bool operator==(const SourceLocation&, const SourceLocation&) { return true; }
};

// RFC 4364 section 4.2: the three route distinguisher types, also the value
// layout of route-target extended communities (RFC 4360 section 4, RFC 5668).
//   type 0: 2-octet ASN : 4-octet number      "65103:103"
//   type 1: IPv4 address : 2-octet number     "2.2.2.2:7"
//   type 2: 4-octet ASN : 2-octet number      "4200000000:7" (or "65536:7")
struct AdministratorValue {
  std::uint8_t type = 0;
  std::uint32_t administrator = 0;  // ASN or IPv4 address (host order)
  std::uint32_t assigned = 0;

  // "ASN:NN", "A.B.C.D:NN" or "ASN4:NN"; nothing when out of range for its type.
  static std::optional<AdministratorValue> parse(std::string_view text);
  std::string to_string() const;
  auto operator<=>(const AdministratorValue&) const = default;
};
using RouteDistinguisher = AdministratorValue;
using RouteTarget = AdministratorValue;

// ---------------------------------------------------------------- VRFs
struct Vrf {
  enum class Syntax { IpVrf, VrfDefinition };  // "ip vrf X" or "vrf definition X"
  std::string name;
  Syntax syntax = Syntax::IpVrf;
  std::string description;
  std::optional<RouteDistinguisher> rd;
  std::vector<RouteTarget> import_targets;  // in the order configured, no duplicates
  std::vector<RouteTarget> export_targets;
  std::string import_map;  // route-map names, empty when unset
  std::string export_map;
  bool ipv4_family = false;  // "address-family ipv4" seen (vrf definition only)
  // "kernel source-interface LoopbackN": the routes installed in the VRF's
  // Linux table carry that interface's address as preferred source (src).
  std::string kernel_source_interface;
  SourceLocation kernel_source_where;
  SourceLocation where;
  SourceLocation rd_where;  // lines that cross-reference diagnostics point at
  SourceLocation import_map_where;
  SourceLocation export_map_where;
  bool operator==(const Vrf&) const = default;
};

// ---------------------------------------------------------------- interfaces
struct InterfaceAddress {
  Ipv4Prefix prefix;  // address with its length: 192.168.13.3/24
  bool secondary = false;
  SourceLocation where;
  bool operator==(const InterfaceAddress&) const = default;
};

// "ip ospf 1 area 0" or "area 0.0.0.0": kept as a number, rendered as it came.
struct OspfArea {
  std::uint32_t id = 0;
  bool dotted = false;
  std::string to_string() const;
  bool operator==(const OspfArea&) const = default;
};

enum class OspfNetworkType { Default, PointToPoint, Broadcast, NonBroadcast, PointToMultipoint };

// "ip ospf authentication [message-digest | null]" (RFC 2328 D: AuType 1, 2, 0).
enum class OspfAuthentication { Simple, MessageDigest, Null };

// "ip ospf message-digest-key N md5 KEY": key IDs 1-255, keys up to 16 characters.
struct OspfMessageDigestKey {
  std::uint8_t key_id = 0;
  std::string key;
  bool operator==(const OspfMessageDigestKey&) const = default;
};

struct InterfaceOspf {
  std::optional<std::uint32_t> process;  // "ip ospf N area A"
  std::optional<OspfArea> area;
  OspfNetworkType network = OspfNetworkType::Default;
  std::optional<std::uint16_t> cost;
  std::optional<std::uint16_t> hello_interval;
  std::optional<std::uint32_t> dead_interval;
  std::optional<OspfAuthentication> authentication;  // unset: none configured
  std::string authentication_key;  // "ip ospf authentication-key KEY", up to 8 characters
  std::vector<OspfMessageDigestKey> message_digest_keys;  // by key ID
  bool operator==(const InterfaceOspf&) const = default;
};

struct Interface {
  std::string name;  // as written: Loopback0, GigabitEthernet0/0, ens3, eth1
  std::string description;
  std::vector<InterfaceAddress> addresses;  // primary first, then secondaries
  std::string vrf;                          // empty: global table
  bool mpls_ip = false;
  InterfaceOspf ospf;
  bool negotiation_auto = false;  // accepted for IOS compatibility; no effect on Linux
  bool shutdown = false;
  SourceLocation where;
  SourceLocation vrf_where;   // "ip vrf forwarding" line
  SourceLocation ospf_where;  // "ip ospf N area A" line

  bool is_loopback() const;  // "Loopback<N>" or "lo"
  bool operator==(const Interface&) const = default;
};

// ---------------------------------------------------------------- redistribution
struct Redistribution {
  enum class Source { Connected, Static, Ospf, Bgp };
  Source source = Source::Connected;
  std::optional<std::uint32_t> process;  // OSPF process id or BGP ASN
  std::string vrf;                       // "redistribute ospf 10 vrf Technique"
  std::optional<std::uint32_t> metric;
  bool subnets = false;  // OSPF only
  // "match internal external 1 external 2 nssa-external 1 nssa-external 2"
  bool match_internal = false;
  bool match_external1 = false;
  bool match_external2 = false;
  std::string route_map;
  SourceLocation where;
  bool operator==(const Redistribution&) const = default;
};

// ---------------------------------------------------------------- OSPF
struct OspfNetworkStatement {
  Ipv4Address address;
  Ipv4Address wildcard;
  OspfArea area;
  bool operator==(const OspfNetworkStatement&) const = default;
};

struct OspfProcess {
  std::uint32_t id = 0;
  std::string vrf;  // "router ospf 10 vrf Technique"
  std::optional<Ipv4Address> router_id;
  bool log_adjacency_changes = false;
  bool log_adjacency_changes_detail = false;
  bool passive_default = false;  // "passive-interface default"
  std::vector<std::string> passive_interfaces;
  std::vector<std::string> no_passive_interfaces;  // with passive-interface default
  std::vector<OspfNetworkStatement> networks;
  std::vector<Redistribution> redistribute;
  bool default_information_originate = false;
  bool default_information_always = false;
  SourceLocation where;
  bool operator==(const OspfProcess&) const = default;
};

// ---------------------------------------------------------------- BGP
// A neighbor or a peer group: "neighbor 2.2.2.2 ..." or "neighbor RR-CLIENTS ...".
struct BgpNeighbor {
  std::string id;  // the address as text, or the peer-group name
  bool is_peer_group = false;  // "neighbor NAME peer-group" defines one
  std::optional<Ipv4Address> address;  // set when id is an address
  std::optional<std::uint32_t> remote_as;
  std::string peer_group;  // member of this group
  std::string update_source;  // interface name
  std::string description;
  std::string password;
  std::optional<std::uint16_t> keepalive;  // "neighbor X timers K H"
  std::optional<std::uint16_t> holdtime;
  bool shutdown = false;
  bool passive = false;  // "neighbor X transport connection-mode passive": accept only
  SourceLocation where;
  SourceLocation update_source_where;
  SourceLocation peer_group_where;
  bool operator==(const BgpNeighbor&) const = default;
};

// Per-address-family neighbor settings.
struct BgpAfNeighbor {
  std::string id;
  bool activate = false;
  bool send_community_standard = false;
  bool send_community_extended = false;
  bool route_reflector_client = false;
  bool next_hop_self = false;
  std::string route_map_in;
  std::string route_map_out;
  SourceLocation where;
  SourceLocation route_map_in_where;
  SourceLocation route_map_out_where;
  bool operator==(const BgpAfNeighbor&) const = default;
};

struct BgpNetworkStatement {
  Ipv4Prefix prefix;  // "network P mask M"
  std::string route_map;
  SourceLocation where;
  bool operator==(const BgpNetworkStatement&) const = default;
};

// "address-family vpnv4" (vrf empty) or "address-family ipv4 vrf V".
struct BgpAddressFamily {
  enum class Kind { Vpnv4, Ipv4Unicast, Ipv4Vrf };
  Kind kind = Kind::Vpnv4;
  std::string vrf;
  std::vector<BgpAfNeighbor> neighbors;
  std::vector<BgpNeighbor> vrf_neighbors;  // CE neighbors defined inside the VRF family
  std::vector<Redistribution> redistribute;
  std::vector<BgpNetworkStatement> networks;
  bool default_information_originate = false;
  bool no_synchronization = false;
  bool no_auto_summary = false;
  SourceLocation where;
  bool operator==(const BgpAddressFamily&) const = default;
};

struct BgpRouter {
  std::uint32_t asn = 0;
  std::optional<Ipv4Address> router_id;
  std::optional<Ipv4Address> cluster_id;  // "bgp cluster-id 1.1.1.1" or a number
  bool log_neighbor_changes = false;
  bool no_synchronization = false;
  bool no_auto_summary = false;
  bool default_ipv4_unicast = true;  // "no bgp default ipv4-unicast" clears it
  std::optional<std::uint16_t> keepalive;  // "timers bgp K H"
  std::optional<std::uint16_t> holdtime;
  std::vector<BgpNeighbor> neighbors;  // peer groups and neighbors, in file order
  std::vector<BgpAddressFamily> families;
  SourceLocation where;
  bool operator==(const BgpRouter&) const = default;
};

// ---------------------------------------------------------------- static routes
struct StaticRoute {
  std::string vrf;
  Ipv4Prefix prefix;  // network form
  std::optional<Ipv4Address> next_hop;
  std::string interface;  // "ip route P M Null0" or "... GigabitEthernet1/0 [A]"
  std::optional<std::uint8_t> distance;
  std::string name;  // "name TEXT"
  SourceLocation where;
  bool operator==(const StaticRoute&) const = default;
};

// ---------------------------------------------------------------- policy
struct PrefixListEntry {
  std::uint32_t seq = 0;
  bool permit = true;
  Ipv4Prefix prefix;
  std::optional<std::uint8_t> ge;
  std::optional<std::uint8_t> le;
  bool operator==(const PrefixListEntry&) const = default;
};

struct PrefixList {
  std::string name;
  std::string description;
  std::vector<PrefixListEntry> entries;  // sorted by seq
  SourceLocation where;
  bool operator==(const PrefixList&) const = default;
};

struct ExtCommunityListEntry {
  bool permit = true;
  std::vector<RouteTarget> route_targets;  // "rt X"
  std::vector<RouteTarget> sites_of_origin;  // "soo X"
  bool operator==(const ExtCommunityListEntry&) const = default;
};

struct ExtCommunityList {
  std::string name;  // a number (1-99 standard) or a name
  bool named_standard = false;  // "ip extcommunity-list standard NAME ..."
  std::vector<ExtCommunityListEntry> entries;
  SourceLocation where;
  bool operator==(const ExtCommunityList&) const = default;
};

struct RouteMapEntry {
  bool permit = true;
  std::uint32_t seq = 10;
  std::string description;
  std::vector<std::string> match_prefix_lists;  // "match ip address prefix-list A B"
  std::vector<std::string> match_extcommunities;  // "match extcommunity L"
  std::vector<RouteTarget> set_route_targets;  // "set extcommunity rt X Y [additive]"
  bool set_additive = false;
  std::optional<std::uint32_t> set_metric;
  std::optional<std::uint32_t> set_local_preference;
  SourceLocation where;
  SourceLocation match_prefix_lists_where;
  SourceLocation match_extcommunities_where;
  bool operator==(const RouteMapEntry&) const = default;
};

struct RouteMap {
  std::string name;
  std::vector<RouteMapEntry> entries;  // sorted by seq
  bool operator==(const RouteMap&) const = default;
};

// ---------------------------------------------------------------- MPLS
struct LdpNeighborPassword {
  Ipv4Address neighbor;
  std::string password;
  bool operator==(const LdpNeighborPassword&) const = default;
};

// How the VPN label of a VRF's exported routes is allocated
// ("mpls label mode ... protocol bgp-vpnv4 per-prefix|per-vrf|per-ce").
enum class VpnLabelMode { PerPrefix, PerVrf, PerCe };
inline const char* to_string(VpnLabelMode mode) {
  switch (mode) {
    case VpnLabelMode::PerPrefix: return "per-prefix";
    case VpnLabelMode::PerVrf: return "per-vrf";
    case VpnLabelMode::PerCe: return "per-ce";
  }
  return "per-vrf";
}

struct VrfLabelMode {
  std::string vrf;  // "mpls label mode vrf V protocol bgp-vpnv4 MODE"
  VpnLabelMode mode = VpnLabelMode::PerVrf;
  SourceLocation where;  // the VRF name, for the cross-reference diagnostic
  bool operator==(const VrfLabelMode&) const = default;
};

// Which IGP prefixes get a local LDP label: "mpls ldp label" then
// " allocate global host-routes" (/32 only) or " allocate global prefix-list
// NAME" (the prefixes NAME permits, any length: connected subnets included).
// Not configured: host routes, our default (IOS's is every IGP prefix).
struct LdpLabelAllocation {
  enum class Kind { HostRoutes, PrefixList };
  Kind kind = Kind::HostRoutes;
  std::string prefix_list;  // when PrefixList
  SourceLocation where;     // the prefix-list name, for the cross-reference diagnostic
  bool operator==(const LdpLabelAllocation&) const = default;
};

struct Mpls {
  std::optional<VpnLabelMode> label_mode_all_vrfs;  // "mpls label mode all-vrfs protocol bgp-vpnv4 MODE"
  std::vector<VrfLabelMode> label_modes;            // one per VRF, in the order configured
  std::optional<std::uint32_t> label_range_min;  // "mpls label range MIN MAX"
  std::optional<std::uint32_t> label_range_max;
  std::string ldp_router_id_interface;  // "mpls ldp router-id Loopback0 [force]"
  bool ldp_router_id_force = false;
  std::optional<std::uint16_t> ldp_hello_interval;  // "mpls ldp discovery hello interval S"
  std::optional<std::uint16_t> ldp_hello_holdtime;  // "mpls ldp discovery hello holdtime S"
  std::vector<LdpNeighborPassword> ldp_passwords;  // "mpls ldp neighbor X password P"
  std::optional<LdpLabelAllocation> ldp_label_allocation;  // "mpls ldp label" / " allocate global ..."
  SourceLocation ldp_router_id_where;
  bool operator==(const Mpls&) const = default;
};

// ---------------------------------------------------------------- the whole
struct Config {
  std::string hostname;
  std::vector<Vrf> vrfs;
  std::vector<Interface> interfaces;
  std::vector<OspfProcess> ospf;
  std::optional<BgpRouter> bgp;
  std::vector<StaticRoute> static_routes;
  std::vector<PrefixList> prefix_lists;
  std::vector<ExtCommunityList> extcommunity_lists;
  std::vector<RouteMap> route_maps;
  Mpls mpls;
  SourceLocation where;  // the file (line 0): where diagnostics about the whole config point

  const Vrf* find_vrf(std::string_view name) const;
  const Interface* find_interface(std::string_view name) const;
  bool operator==(const Config&) const = default;
};

}  // namespace l3vpn::config
