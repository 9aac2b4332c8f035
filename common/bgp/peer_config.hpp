// From the running-config's `router bgp` to what the BGP speaker runs: one
// PeerConfig per neighbor, peer-group settings inherited, update-source
// resolved to an address, families activated as IOS does.
//
// Pure: config model in, values out. IOS behaviours reproduced here:
//  - router ID: `bgp router-id`, else the highest global-table loopback
//    address, else the highest global-table interface address;
//  - cluster ID: `bgp cluster-id`, else the router ID (RFC 4456 section 7);
//  - IPv4 unicast is active for every global neighbor unless
//    `no bgp default ipv4-unicast`; VPNv4 only with `neighbor X activate`
//    under `address-family vpnv4` (on the neighbor or its peer group);
//  - a member takes its peer group's remote-as, update-source, password,
//    timers and per-family settings, and its own lines win; it is shut down
//    or passive when either it or its group is;
//  - timers: `neighbor X timers`, else `timers bgp`, else 60/180;
//  - an eBGP neighbor without update-source on a connected subnet: the
//    session's local address (so the NEXT_HOP it is sent) is the address of
//    the interface facing it, in its VRF for a CE neighbor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bgp/codec/open.hpp"
#include "config/model.hpp"

namespace l3vpn::bgp {

struct PeerConfig {
  std::uint32_t address = 0;  // host order
  std::string description;
  std::uint32_t remote_as = 0;
  std::string update_source;                 // interface name, empty when unset
  std::optional<std::uint32_t> local_address;  // that interface's primary address
  std::string password;                      // TCP MD5 key, empty when unset
  bool shutdown = false;
  bool passive = false;  // `transport connection-mode passive`: never connect, only accept
  std::uint16_t hold_time = 180;
  std::uint16_t keepalive = 60;
  std::vector<AfiSafi> families;
  bool route_reflector_client = false;  // in any active family
  bool send_community = false;
  bool send_extended_community = false;
  bool next_hop_self = false;
  std::string vrf;  // a CE neighbor under `address-family ipv4 vrf V`
  bool operator==(const PeerConfig&) const = default;
};

struct BgpInstanceConfig {
  std::uint32_t asn = 0;
  std::uint32_t router_id = 0;
  std::uint32_t cluster_id = 0;
  bool log_neighbor_changes = false;
  std::vector<PeerConfig> peers;  // in config order; peer groups are not peers
  bool ebgp(const PeerConfig& peer) const { return peer.remote_as != asn; }
};

// Nothing when the config has no `router bgp`.
std::optional<BgpInstanceConfig> bgp_instance_config(const config::Config& config);

// The primary address of the interface of `vrf` ("" = global table, not shut
// down) whose subnet holds `neighbor`; nothing when none does.
std::optional<std::uint32_t> address_facing(const config::Config& config, std::string_view vrf,
                                            std::uint32_t neighbor);

// IOS's choice of router ID from the interfaces alone (0 when none has an address).
std::uint32_t router_id_from_interfaces(const config::Config& config);

}  // namespace l3vpn::bgp
