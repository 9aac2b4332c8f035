#include "daemon/ospf_config.hpp"

#include <algorithm>
#include <cctype>

namespace l3vpn::daemon {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool listed(const std::vector<std::string>& names, const std::string& name) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return same_name(n, name); });
}

const config::InterfaceAddress* primary_address(const config::Interface& itf) {
  for (const auto& a : itf.addresses)
    if (!a.secondary) return &a;
  return nullptr;
}

std::uint32_t mask_of(std::uint8_t length) { return config::length_to_mask(length).value; }

// RFC 791's classes: the natural length of a network address.
std::uint8_t classful_length(std::uint32_t address) {
  if ((address >> 31) == 0) return 8;
  if ((address >> 30) == 2) return 16;
  return 24;
}

bool passive(const config::OspfProcess& process, const std::string& name) {
  if (process.passive_default) return !listed(process.no_passive_interfaces, name);
  return listed(process.passive_interfaces, name);
}

bool same_auth(const ospf::AuthConfig& a, const ospf::AuthConfig& b) {
  return a.au_type == b.au_type && a.password == b.password && a.crypto.key_id == b.crypto.key_id &&
         a.crypto.algorithm == b.crypto.algorithm && a.crypto.key == b.crypto.key;
}

bool same_interface(const ospf::InstanceInterface& a, const ospf::InstanceInterface& b) {
  return a.name == b.name && a.address == b.address && a.mask == b.mask && a.area_id == b.area_id &&
         a.type == b.type && a.loopback == b.loopback && a.passive == b.passive && a.cost == b.cost &&
         a.priority == b.priority && a.hello_interval == b.hello_interval && a.dead_interval == b.dead_interval &&
         a.retransmit_interval == b.retransmit_interval && a.mtu == b.mtu && same_auth(a.auth, b.auth);
}

}  // namespace

bool runs_ospf(const config::Interface& itf, const config::OspfProcess& process, std::uint32_t* area) {
  if (itf.shutdown || itf.vrf != process.vrf) return false;
  const config::InterfaceAddress* address = primary_address(itf);
  if (address == nullptr) return false;
  // The interface command wins over network statements, as in IOS.
  if (itf.ospf.process && itf.ospf.area) {
    if (*itf.ospf.process != process.id) return false;
    if (area) *area = itf.ospf.area->id;
    return true;
  }
  const std::uint32_t a = address->prefix.address.value;
  for (const auto& n : process.networks) {
    const std::uint32_t care = ~n.wildcard.value;  // wildcard bits set: don't care
    if ((a & care) == (n.address.value & care)) {
      if (area) *area = n.area.id;
      return true;
    }
  }
  return false;
}

std::uint32_t ospf_router_id(const config::Config& config, const config::OspfProcess& process) {
  if (process.router_id) return process.router_id->value;
  std::uint32_t best_loopback = 0, best_any = 0;
  for (const auto& itf : config.interfaces) {
    if (itf.shutdown || itf.vrf != process.vrf) continue;
    const config::InterfaceAddress* address = primary_address(itf);
    if (address == nullptr) continue;
    const std::uint32_t a = address->prefix.address.value;
    best_any = std::max(best_any, a);
    if (itf.is_loopback()) best_loopback = std::max(best_loopback, a);
  }
  return best_loopback != 0 ? best_loopback : best_any;
}

ospf::AuthConfig ospf_auth_config(const config::InterfaceOspf& o) {
  if (!o.authentication) return ospf::null_auth();
  switch (*o.authentication) {
    case config::OspfAuthentication::Null: return ospf::null_auth();
    case config::OspfAuthentication::Simple: {
      const auto& k = o.authentication_key;
      return ospf::simple_password_auth(
          std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(k.data()), k.size()));
    }
    case config::OspfAuthentication::MessageDigest: {
      if (o.message_digest_keys.empty())  // IOS: key ID 0, empty key, until one is configured
        return ospf::crypto_auth(0, ospf::CryptoAlgorithm::Md5, {});
      const auto& k = o.message_digest_keys.back();
      return ospf::crypto_auth(
          k.key_id, ospf::CryptoAlgorithm::Md5,
          std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(k.key.data()), k.key.size()));
    }
  }
  return ospf::null_auth();
}

std::vector<ospf::ExternalRoute> ospf_externals(const config::Config& config, const config::OspfProcess& process) {
  std::vector<ospf::ExternalRoute> out;
  const auto add = [&](const config::Ipv4Prefix& prefix, const config::Redistribution& r) {
    const config::Ipv4Prefix network = prefix.network();
    if (network.length == 0) return;  // the default route: default-information originate's
    if (!r.subnets && network.length != classful_length(network.address.value)) return;
    ospf::ExternalRoute e;
    e.prefix = network.address.value;
    e.mask = mask_of(network.length);
    e.metric = r.metric.value_or(20);
    if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
  };
  for (const auto& r : process.redistribute) {
    if (!r.route_map.empty()) continue;  // route maps are not applied yet: nothing rather than too much
    if (r.source == config::Redistribution::Source::Connected) {
      for (const auto& itf : config.interfaces) {
        if (itf.shutdown || itf.vrf != process.vrf) continue;
        if (runs_ospf(itf, process, nullptr)) continue;  // already intra-area
        for (const auto& a : itf.addresses) add(a.prefix, r);
      }
    } else if (r.source == config::Redistribution::Source::Static) {
      for (const auto& s : config.static_routes)
        if (s.vrf == process.vrf) add(s.prefix, r);
    }
  }
  if (process.default_information_originate) {
    const bool have_default = std::any_of(config.static_routes.begin(), config.static_routes.end(),
                                          [&](const auto& s) { return s.vrf == process.vrf && s.prefix.length == 0; });
    if (process.default_information_always || have_default) {
      ospf::ExternalRoute d;
      d.metric = 1;  // IOS's default metric for the originated default
      out.push_back(d);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.prefix, a.mask) < std::tie(b.prefix, b.mask);
  });
  return out;
}

ospf::InstanceConfig ospf_instance_config(const config::Config& config, const config::OspfProcess& process) {
  ospf::InstanceConfig out;
  out.router_id = ospf_router_id(config, process);
  for (const auto& itf : config.interfaces) {
    std::uint32_t area = 0;
    if (!runs_ospf(itf, process, &area)) continue;
    const config::InterfaceAddress& address = *primary_address(itf);
    ospf::InstanceInterface i;
    i.name = itf.name;
    i.address = address.prefix.address.value;
    i.mask = mask_of(address.prefix.length);
    i.area_id = area;
    i.type = itf.ospf.network == config::OspfNetworkType::PointToPoint ? ospf::NetworkType::PointToPoint
                                                                       : ospf::NetworkType::Broadcast;
    i.loopback = itf.is_loopback();
    i.passive = passive(process, itf.name);
    i.cost = itf.ospf.cost.value_or(1);
    i.hello_interval = itf.ospf.hello_interval.value_or(10);
    i.dead_interval = itf.ospf.dead_interval.value_or(4u * i.hello_interval);
    i.auth = ospf_auth_config(itf.ospf);
    out.interfaces.push_back(std::move(i));
  }
  out.externals = ospf_externals(config, process);
  return out;
}

std::vector<OspfProcessConfig> ospf_process_configs(const config::Config& config) {
  std::vector<OspfProcessConfig> out;
  for (const auto& p : config.ospf) out.push_back(OspfProcessConfig{p.id, p.vrf, ospf_instance_config(config, p)});
  return out;
}

OspfFromBgp ospf_from_bgp(const config::OspfProcess& process, const cli::RouteTableView& vrf_table,
                          const std::vector<vpn::VpnRoute>& known) {
  OspfFromBgp out;
  const config::Redistribution* bgp = nullptr;
  for (const auto& r : process.redistribute)
    if (r.source == config::Redistribution::Source::Bgp && r.route_map.empty()) bgp = &r;
  if (!bgp) return out;
  for (const cli::RouteView& route : vrf_table.routes) {
    if (route.code != 'B') continue;
    if (route.length == 0) continue;  // the default: default-information originate's business
    // The VPN route behind the table's line (a same-PE leak has no next hop).
    std::optional<vpn::OspfRouteType> type;
    std::uint32_t med = route.metric.value_or(0);
    for (const vpn::VpnRoute& k : known) {
      if (!route.next_hop || k.next_hop != *route.next_hop || k.prefix.address != route.address ||
          k.prefix.length != route.length)
        continue;
      for (const auto& c : k.attributes.extended_communities)
        if (auto t = vpn::ospf_route_type_of(c)) type = t;
      med = k.attributes.med.value_or(0);
      break;
    }
    if (type && type->route_type >= 1 && type->route_type <= 3) {
      out.summaries.push_back(ospf::SummaryRoute{route.address, mask_of(route.length), med});
      continue;
    }
    ospf::ExternalRoute e;
    e.prefix = route.address;
    e.mask = mask_of(route.length);
    if (type && (type->route_type == 5 || type->route_type == 7)) {
      e.metric = med;
      e.type2 = type->metric_type2;
    } else {
      if (!bgp->subnets && route.length != classful_length(route.address)) continue;
      e.metric = bgp->metric.value_or(1);
    }
    out.externals.push_back(e);
  }
  return out;
}

std::vector<ospf::ExternalRoute> merge_externals(std::vector<ospf::ExternalRoute> configured,
                                                 const std::vector<ospf::ExternalRoute>& bgp) {
  for (const auto& e : bgp) {
    const bool taken = std::any_of(configured.begin(), configured.end(),
                                   [&](const auto& c) { return c.prefix == e.prefix && c.mask == e.mask; });
    if (!taken) configured.push_back(e);  // a configured source wins (lower distance)
  }
  std::sort(configured.begin(), configured.end(), [](const auto& a, const auto& b) {
    return std::tie(a.prefix, a.mask) < std::tie(b.prefix, b.mask);
  });
  return configured;
}

bool same_instance_config(const ospf::InstanceConfig& a, const ospf::InstanceConfig& b) {
  return a.router_id == b.router_id && a.externals == b.externals &&
         std::equal(a.interfaces.begin(), a.interfaces.end(), b.interfaces.begin(), b.interfaces.end(),
                    same_interface);
}

}  // namespace l3vpn::daemon
