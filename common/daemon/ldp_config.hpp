// The daemon's LDP configuration, translated (pure): config::Config ->
// ldp::InstanceConfig, as IOS reads the same lines; and the OSPF routes ->
// the IGP table LDP binds labels for.
//
// Interfaces: `mpls ip` on an interface of the global table that is not
//   shut and has an address.
// LSR ID (IOS): the address of `mpls ldp router-id IF` when IF has one, else
//   the highest loopback address, else the highest interface address (global
//   table, not shut). The transport address is the LSR ID, as IOS does.
// Hellos: `mpls ldp discovery hello interval S` (5) and `... holdtime S`
//   (15). Passwords: `mpls ldp neighbor X password P` (X: the peer's LSR ID).
// Local addresses: every address of every global-table interface not shut,
//   sorted, for the Address message.
// FECs: "mpls ldp label" / " allocate global host-routes|prefix-list NAME"
//   (ldp::FecSelection; not configured: host routes).
// No LSR ID (no address at all): nothing, LDP does not run.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "config/model.hpp"
#include "ldp/instance.hpp"
#include "ospf/spf.hpp"

namespace l3vpn::daemon {

std::optional<ldp::InstanceConfig> ldp_instance_config(const config::Config& config);
std::uint32_t ldp_router_id(const config::Config& config);

// The IGP table LDP picks its FECs from (ldp::FecSelection): every OSPF
// route with a next hop (its first one, next hop address and interface), our
// own loopbacks' /32s flagged local (implicit null), from `local_loopbacks`,
// and the subnets OSPF reaches directly (no next-hop address) flagged local:
// they are ours. A /32 without a next-hop address is one of ours or a link's:
// only the loopbacks count.
std::vector<ldp::IgpRoute> ldp_igp_routes(const std::vector<ospf::SpfRoute>& ospf_routes,
                                          const std::vector<std::uint32_t>& local_loopbacks);
// The /32 addresses of the global-table loopbacks (not shut).
std::vector<std::uint32_t> local_loopback_addresses(const config::Config& config);

// Equal but for `fecs`, which a running instance takes without a restart
// (ldp::Instance::set_fec_selection).
bool same_ldp_config(const ldp::InstanceConfig& a, const ldp::InstanceConfig& b);

}  // namespace l3vpn::daemon
