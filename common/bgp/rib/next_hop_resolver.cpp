#include "bgp/rib/next_hop_resolver.hpp"

namespace l3vpn::bgp::rib {
namespace {

bool is_null0(const std::string& interface) {
  return interface == "Null0" || interface == "null0";
}

}  // namespace

ConnectedStaticResolver ConnectedStaticResolver::from_config(const config::Config& config) {
  std::vector<Entry> entries;
  for (const config::Interface& i : config.interfaces) {
    if (!i.vrf.empty() || i.shutdown) continue;
    for (const config::InterfaceAddress& a : i.addresses) {
      config::Ipv4Prefix network = a.prefix.network();
      entries.push_back(Entry{network.address.value, network.length, false});
    }
  }
  for (const config::StaticRoute& r : config.static_routes) {
    if (!r.vrf.empty()) continue;
    config::Ipv4Prefix network = r.prefix.network();
    entries.push_back(Entry{network.address.value, network.length, is_null0(r.interface)});
  }
  return ConnectedStaticResolver(std::move(entries));
}

const ConnectedStaticResolver::Entry* ConnectedStaticResolver::longest_match(std::uint32_t address) const {
  const Entry* best = nullptr;
  for (const Entry& e : entries_) {
    if ((address & config::length_to_mask(e.length).value) != e.address) continue;
    if (!best || e.length > best->length) best = &e;
  }
  return best;
}

std::optional<NextHopResolution> ConnectedStaticResolver::resolve(std::uint32_t next_hop) const {
  const Entry* best = longest_match(next_hop);
  if (!best) return std::nullopt;
  return NextHopResolution{!best->discard, 0, std::nullopt};
}

}  // namespace l3vpn::bgp::rib
