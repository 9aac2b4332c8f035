#include "bgp/peer_config.hpp"

#include <algorithm>

namespace l3vpn::bgp {
namespace {

const config::BgpNeighbor* find_neighbor(const config::BgpRouter& bgp, const std::string& id) {
  for (const auto& n : bgp.neighbors)
    if (n.id == id) return &n;
  return nullptr;
}

const config::BgpAfNeighbor* find_af_neighbor(const config::BgpAddressFamily& af, const std::string& id) {
  for (const auto& n : af.neighbors)
    if (n.id == id) return &n;
  return nullptr;
}

std::optional<std::uint32_t> primary_address(const config::Config& config, const std::string& interface) {
  const config::Interface* itf = config.find_interface(interface);
  if (!itf) return std::nullopt;
  for (const auto& a : itf->addresses)
    if (!a.secondary) return a.prefix.address.value;
  return std::nullopt;
}

// The neighbor's settings over its group's: its own line wins where it has one.
config::BgpNeighbor inherit(const config::BgpNeighbor& own, const config::BgpNeighbor* group) {
  config::BgpNeighbor merged = own;
  if (!group) return merged;
  if (!merged.remote_as) merged.remote_as = group->remote_as;
  if (merged.update_source.empty()) merged.update_source = group->update_source;
  if (merged.password.empty()) merged.password = group->password;
  if (!merged.keepalive) merged.keepalive = group->keepalive;
  if (!merged.holdtime) merged.holdtime = group->holdtime;
  merged.shutdown = own.shutdown || group->shutdown;
  merged.passive = own.passive || group->passive;
  return merged;
}

// Per-family settings: a flag set on the neighbor or on its group.
void apply_family(PeerConfig& peer, const config::BgpAfNeighbor* own, const config::BgpAfNeighbor* group,
                  AfiSafi family, bool active_by_default) {
  auto any = [&](bool config::BgpAfNeighbor::*flag) {
    return (own && own->*flag) || (group && group->*flag);
  };
  bool active = active_by_default || any(&config::BgpAfNeighbor::activate);
  if (!active) return;
  peer.families.push_back(family);
  peer.route_reflector_client |= any(&config::BgpAfNeighbor::route_reflector_client);
  peer.send_community |= any(&config::BgpAfNeighbor::send_community_standard);
  peer.send_extended_community |= any(&config::BgpAfNeighbor::send_community_extended);
  peer.next_hop_self |= any(&config::BgpAfNeighbor::next_hop_self);
}

PeerConfig make_peer(const config::Config& config, const config::BgpRouter& bgp,
                     const config::BgpNeighbor& merged) {
  PeerConfig peer;
  peer.address = merged.address ? merged.address->value : 0;
  peer.description = merged.description;
  peer.remote_as = merged.remote_as.value_or(0);
  peer.update_source = merged.update_source;
  if (!merged.update_source.empty()) peer.local_address = primary_address(config, merged.update_source);
  peer.password = merged.password;
  peer.shutdown = merged.shutdown;
  peer.passive = merged.passive;
  peer.keepalive = merged.keepalive.value_or(bgp.keepalive.value_or(60));
  peer.hold_time = merged.holdtime.value_or(bgp.holdtime.value_or(180));
  return peer;
}

}  // namespace

std::optional<std::uint32_t> address_facing(const config::Config& config, std::string_view vrf,
                                            std::uint32_t neighbor) {
  for (const auto& itf : config.interfaces) {
    if (itf.vrf != vrf || itf.shutdown) continue;
    for (const auto& a : itf.addresses) {
      const std::uint32_t mask = a.prefix.length == 0 ? 0 : ~std::uint32_t{0} << (32 - a.prefix.length);
      if ((a.prefix.address.value & mask) == (neighbor & mask) && a.prefix.address.value != neighbor)
        return a.prefix.address.value;
    }
  }
  return std::nullopt;
}

std::uint32_t router_id_from_interfaces(const config::Config& config) {
  std::uint32_t best_loopback = 0, best_any = 0;
  for (const auto& itf : config.interfaces) {
    if (!itf.vrf.empty() || itf.shutdown) continue;  // VRF interfaces never give the router ID
    for (const auto& a : itf.addresses) {
      best_any = std::max(best_any, a.prefix.address.value);
      if (itf.is_loopback()) best_loopback = std::max(best_loopback, a.prefix.address.value);
    }
  }
  return best_loopback ? best_loopback : best_any;
}

std::optional<BgpInstanceConfig> bgp_instance_config(const config::Config& config) {
  if (!config.bgp) return std::nullopt;
  const config::BgpRouter& bgp = *config.bgp;
  BgpInstanceConfig out;
  out.asn = bgp.asn;
  out.router_id = bgp.router_id ? bgp.router_id->value : router_id_from_interfaces(config);
  out.cluster_id = bgp.cluster_id ? bgp.cluster_id->value : out.router_id;
  out.log_neighbor_changes = bgp.log_neighbor_changes;

  const config::BgpAddressFamily* vpnv4 = nullptr;
  const config::BgpAddressFamily* ipv4 = nullptr;
  for (const auto& af : bgp.families) {
    if (af.kind == config::BgpAddressFamily::Kind::Vpnv4) vpnv4 = &af;
    if (af.kind == config::BgpAddressFamily::Kind::Ipv4Unicast) ipv4 = &af;
  }

  for (const auto& n : bgp.neighbors) {
    if (n.is_peer_group || !n.address) continue;
    const config::BgpNeighbor* group = n.peer_group.empty() ? nullptr : find_neighbor(bgp, n.peer_group);
    PeerConfig peer = make_peer(config, bgp, inherit(n, group));
    auto af_pair = [&](const config::BgpAddressFamily* af) {
      if (!af) return std::pair<const config::BgpAfNeighbor*, const config::BgpAfNeighbor*>{nullptr, nullptr};
      return std::pair{find_af_neighbor(*af, n.id), group ? find_af_neighbor(*af, group->id) : nullptr};
    };
    auto [ipv4_own, ipv4_group] = af_pair(ipv4);
    apply_family(peer, ipv4_own, ipv4_group, kIpv4Unicast, bgp.default_ipv4_unicast);
    auto [vpn_own, vpn_group] = af_pair(vpnv4);
    apply_family(peer, vpn_own, vpn_group, kVpnv4Unicast, false);
    if (out.ebgp(peer) && !peer.local_address) peer.local_address = address_facing(config, "", peer.address);
    out.peers.push_back(std::move(peer));
  }

  // CE neighbors live in their VRF's family and speak IPv4 unicast there.
  for (const auto& af : bgp.families) {
    if (af.kind != config::BgpAddressFamily::Kind::Ipv4Vrf) continue;
    for (const auto& n : af.vrf_neighbors) {
      if (!n.address) continue;
      PeerConfig peer = make_peer(config, bgp, n);
      peer.vrf = af.vrf;
      apply_family(peer, find_af_neighbor(af, n.id), nullptr, kIpv4Unicast, bgp.default_ipv4_unicast);
      if (out.ebgp(peer) && !peer.local_address) peer.local_address = address_facing(config, af.vrf, peer.address);
      out.peers.push_back(std::move(peer));
    }
  }
  return out;
}

}  // namespace l3vpn::bgp
