// Kernel nexthop objects (RTM_NEWNEXTHOP, Linux >= 5.3) as bytes (pure): the
// requests that create and delete them and that point a route at one
// (RTA_NH_ID), the dump requests, and the dump answers parsed back.
//
// Why: a route with its own next hop and "encap mpls" makes the kernel build
// and compare a lightweight-tunnel state per route (fib_create_info); many
// VPN routes share one (VPN label, transport label, via, dev), so one nexthop
// object holding that encap is built once and each route only names its id.
// `ip route show vrf V` then shows "nhid N"; `ip nexthop show` the object.
//
// Layouts: linux/nexthop.h (struct nhmsg, NHA_ID, NHA_OIF, NHA_GATEWAY,
// NHA_ENCAP_TYPE, NHA_ENCAP), linux/rtnetlink.h (RTA_NH_ID), rtnetlink(7).
// Integers are host order, addresses network order, as everywhere in
// rtnetlink. Decoders read through wire::ByteReader and return nullopt for
// a message that is not of their kind or does not fit; never read past it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kernel/desired_state.hpp"
#include "kernel/route_message.hpp"

namespace l3vpn::kernel {

using InterfaceNames = std::map<int, std::string>;  // ifindex -> name (as route_message.hpp)

// A nexthop object as the kernel holds it. Only a single gateway+device
// nexthop (encap or not) resolves to a NextHop; groups, blackholes and IPv6
// ones are kept with `resolvable` false (never ours, never used for ours).
struct KernelNexthop {
  std::uint32_t id = 0;
  std::uint8_t protocol = 0;
  NextHop hop;
  bool resolvable = false;
  bool operator==(const KernelNexthop&) const = default;
};

// Requests appended to `out`, NLM_F_REQUEST | NLM_F_ACK, sequence number `seq`.
// RTM_NEWNEXTHOP with NLM_F_CREATE | NLM_F_EXCL: a new id never replaces
// someone else's object. EncodeError when the device is not in `indexes` or
// the hop has no gateway (nothing is appended then).
std::optional<EncodeError> append_new_nexthop(std::vector<std::uint8_t>& out, std::uint32_t id,
                                              const NextHop& hop, const InterfaceIndexes& indexes,
                                              std::uint32_t seq);
void append_delete_nexthop(std::vector<std::uint8_t>& out, std::uint32_t id, std::uint32_t seq);
// RTM_NEWROUTE (create | replace) of `route` (unicast) through nexthop `id`:
// the route's key, protocol, preferred source and RTA_NH_ID; its next_hops
// are what the object holds and are not encoded.
void append_route_via_nexthop(std::vector<std::uint8_t>& out, const Ipv4Route& route, std::uint32_t id,
                              std::uint32_t seq);

// The NLM_F_DUMP request for every nexthop object (the routes naming them
// come with the route dump: RouteDump::nexthop_ids).
std::vector<std::uint8_t> nexthop_dump_request(std::uint32_t seq);

// One whole netlink message of a dump. `names`: ifindex -> device name.
std::optional<KernelNexthop> parse_nexthop(std::span<const std::uint8_t> message, const InterfaceNames& names);
// An IPv4 route message carrying RTA_NH_ID; nullopt for any other.
std::optional<RouteNexthopId> parse_route_nexthop_id(std::span<const std::uint8_t> message);

}  // namespace l3vpn::kernel
