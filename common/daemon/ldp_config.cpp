#include "daemon/ldp_config.hpp"

#include <algorithm>

namespace l3vpn::daemon {
namespace {

bool usable(const config::Interface& itf) { return !itf.shutdown && itf.vrf.empty() && !itf.addresses.empty(); }

}  // namespace

std::uint32_t ldp_router_id(const config::Config& config) {
  if (!config.mpls.ldp_router_id_interface.empty()) {
    const config::Interface* itf = config.find_interface(config.mpls.ldp_router_id_interface);
    if (itf != nullptr && usable(*itf)) return itf->addresses.front().prefix.address.value;
  }
  std::uint32_t best_loopback = 0, best_any = 0;
  for (const auto& itf : config.interfaces) {
    if (!usable(itf)) continue;
    const std::uint32_t a = itf.addresses.front().prefix.address.value;
    best_any = std::max(best_any, a);
    if (itf.is_loopback()) best_loopback = std::max(best_loopback, a);
  }
  return best_loopback != 0 ? best_loopback : best_any;
}

std::optional<ldp::InstanceConfig> ldp_instance_config(const config::Config& config) {
  const std::uint32_t lsr_id = ldp_router_id(config);
  if (lsr_id == 0) return std::nullopt;
  ldp::InstanceConfig out;
  out.local = ldp::LdpId{lsr_id, 0};
  out.transport_address = lsr_id;
  if (config.mpls.ldp_hello_interval) out.hello_interval = *config.mpls.ldp_hello_interval;
  if (config.mpls.ldp_hello_holdtime) out.hello_hold_time = *config.mpls.ldp_hello_holdtime;
  for (const auto& itf : config.interfaces) {
    if (!usable(itf)) continue;
    if (itf.mpls_ip && !itf.is_loopback()) out.interfaces.push_back(itf.name);
    for (const auto& a : itf.addresses) out.local_addresses.push_back(a.prefix.address.value);
  }
  std::sort(out.local_addresses.begin(), out.local_addresses.end());
  out.local_addresses.erase(std::unique(out.local_addresses.begin(), out.local_addresses.end()),
                            out.local_addresses.end());
  for (const auto& p : config.mpls.ldp_passwords) out.passwords[p.neighbor.value] = p.password;
  out.fecs = ldp::FecSelection::from_config(config);
  return out;
}

std::vector<std::uint32_t> local_loopback_addresses(const config::Config& config) {
  std::vector<std::uint32_t> out;
  for (const auto& itf : config.interfaces)
    if (usable(itf) && itf.is_loopback())
      for (const auto& a : itf.addresses)
        if (a.prefix.length == 32) out.push_back(a.prefix.address.value);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<ldp::IgpRoute> ldp_igp_routes(const std::vector<ospf::SpfRoute>& ospf_routes,
                                          const std::vector<std::uint32_t>& local_loopbacks) {
  std::vector<ldp::IgpRoute> out;
  for (std::uint32_t a : local_loopbacks) {
    ldp::IgpRoute r;
    r.fec = ldp::Fec::of(a, 32);
    r.local = true;
    out.push_back(r);
  }
  for (const auto& route : ospf_routes) {
    if (route.next_hops.empty()) continue;
    const bool host = route.mask == 0xFFFFFFFFu;
    if (host && std::binary_search(local_loopbacks.begin(), local_loopbacks.end(), route.prefix)) continue;
    const ospf::SpfNextHop& hop = route.next_hops.front();
    ldp::IgpRoute r;
    r.fec = ldp::Fec::of(route.prefix, static_cast<std::uint8_t>(route.prefix_length()));
    if (hop.address == 0) {
      if (host) continue;  // a link's /32 or one of ours: only our loopbacks (above) count
      r.local = true;      // one of our connected subnets: implicit null
    } else {
      r.next_hop = hop.address;
      r.interface = hop.interface;
    }
    out.push_back(r);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.fec < b.fec; });
  return out;
}

bool same_ldp_config(const ldp::InstanceConfig& a, const ldp::InstanceConfig& b) {
  return a.local == b.local && a.transport_address == b.transport_address && a.hello_interval == b.hello_interval &&
         a.hello_hold_time == b.hello_hold_time && a.keepalive_time == b.keepalive_time &&
         a.max_pdu_length == b.max_pdu_length && a.interfaces == b.interfaces &&
         a.local_addresses == b.local_addresses && a.passwords == b.passwords;  // fecs: changed in place
}

}  // namespace l3vpn::daemon
