// The daemon's OSPF configuration, translated (pure): config::Config ->
// one ospf::InstanceConfig per `router ospf N` of the global table, as IOS
// reads the same lines.
//
// Interfaces: an interface runs process N when it says `ip ospf N area A`;
//   otherwise when the first `network ADDRESS WILDCARD area A` of process N
//   (in configuration order, as IOS) matches its primary address under the
//   wildcard. Shut interfaces and interfaces without an address do not run
//   OSPF; interfaces in another VRF than the process's never do.
// Passive: `passive-interface X`, or `passive-interface default` except the
//   `no passive-interface X` ones (names compared without case).
// Loopbacks (Interface::is_loopback) are loopback /32 stubs, sending nothing.
// Cost: `ip ospf cost`, else 1. IOS derives the default from the interface
//   bandwidth and the reference bandwidth (100 Mb/s): 1 for Fast- and
//   GigabitEthernet and for loopbacks; Linux interfaces have no configured
//   bandwidth here, so 1 throughout.
// Network type: point-to-point when `ip ospf network point-to-point`, else
//   broadcast (NBMA and point-to-multipoint are not implemented by the
//   instance: they run as broadcast).
// Timers: `ip ospf hello-interval` (10) and `ip ospf dead-interval`; with only
//   the hello interval set, dead = 4 x hello, as IOS.
// Router ID (IOS): `router-id`, else the highest address of an up loopback,
//   else the highest address of an up interface (in the process's table).
// Authentication: `ip ospf authentication` with `ip ospf authentication-key`
//   (AuType 1), `ip ospf authentication message-digest` with the interface's
//   `ip ospf message-digest-key N md5 K` (AuType 2, keyed MD5; IOS sends with
//   its youngest key, the model keeps keys by ID, so the highest ID signs).
//   Area-wide `area A authentication` is not parsed yet.
// Externals (type-5): `redistribute connected|static [metric M] [subnets]`,
//   metric 20 by default, type 2. Without `subnets` IOS redistributes only
//   classful networks (A /8, B /16, C /24), so only those are taken.
//   Connected networks of interfaces that run this OSPF process are already
//   intra-area and are not redistributed. `default-information originate`:
//   0.0.0.0/0 (metric 1, type 2) when a default static route exists, or
//   always with `always`. `redistribute bgp` in a VRF process: see
//   ospf_bgp_externals. Route maps and redistribution of OSPF into OSPF are
//   not translated (ignored).
// VRF processes (`router ospf N vrf V`, PE-CE): the same rules over the
//   interfaces with `vrf forwarding V` and V's static routes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/show_ip_route.hpp"
#include "config/model.hpp"
#include "ospf/instance.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::daemon {

struct OspfProcessConfig {
  std::uint32_t process_id = 0;
  std::string vrf;  // "" for the global table; a PE-CE process's VRF
  ospf::InstanceConfig instance;
};

// Every `router ospf N [vrf V]`, in configuration order. A VRF process runs
// on that VRF's interfaces only; its externals here are the configured ones
// (connected, static, default): its BGP routes come at run time
// (ospf_bgp_externals).
std::vector<OspfProcessConfig> ospf_process_configs(const config::Config& config);
ospf::InstanceConfig ospf_instance_config(const config::Config& config, const config::OspfProcess& process);

// The pieces, for tests and for the runtime's logs.
// Whether `itf` runs `process`, and in which area (written to *area).
bool runs_ospf(const config::Interface& itf, const config::OspfProcess& process, std::uint32_t* area);
std::uint32_t ospf_router_id(const config::Config& config, const config::OspfProcess& process);
std::vector<ospf::ExternalRoute> ospf_externals(const config::Config& config, const config::OspfProcess& process);
ospf::AuthConfig ospf_auth_config(const config::InterfaceOspf& ospf);

// `redistribute bgp ASN [metric M] [subnets]` of a VRF process (PE-CE): the
// BGP routes of the VRF's table (code B, as `show ip route vrf` has them:
// imported VPN routes and routes leaked from the PE's other VRFs), as RFC
// 4577 4.2.8.1 says, every site sharing the null OSPF domain ID:
//   - a VPN route carrying an OSPF Route Type community of type 1, 2 or 3
//     (intra- or inter-area at the other site) becomes a summary-LSA (type
//     3) with the MED as metric: the far CE sees "O IA";
//   - type 5 or 7 (external there): a type-5 LSA, metric = MED, E1 or E2 as
//     the community's option bit says;
//   - any other route (redistributed connected or static at the other site,
//     a same-PE leak): a type-2 external with metric M (IOS's default for
//     BGP: 1); without `subnets` only classful networks go.
// `known`: the VPNv4 routes the table was built from (their communities).
// Nothing for a process without the line. The default route goes only with
// `default-information originate`, as for any source. Not modelled: domain
// IDs, the DN bit and the VPN route tag (loop prevention between PEs of one
// site).
struct OspfFromBgp {
  std::vector<ospf::ExternalRoute> externals;
  std::vector<ospf::SummaryRoute> summaries;
  bool operator==(const OspfFromBgp&) const = default;
};
OspfFromBgp ospf_from_bgp(const config::OspfProcess& process, const cli::RouteTableView& vrf_table,
                          const std::vector<vpn::VpnRoute>& known);
// The configured externals and the BGP ones, sorted, without duplicates.
std::vector<ospf::ExternalRoute> merge_externals(std::vector<ospf::ExternalRoute> configured,
                                                 const std::vector<ospf::ExternalRoute>& bgp);

// Field by field (the instance's structs have no ==): the runtime rebuilds
// the process only when this says the translation changed.
bool same_instance_config(const ospf::InstanceConfig& a, const ospf::InstanceConfig& b);

}  // namespace l3vpn::daemon
