// rtnetlink route requests as bytes (pure): RTM_NEWROUTE (create|replace) and
// RTM_DELROUTE for IPv4 routes (MPLS encap, ECMP, blackhole, unreachable, src)
// and AF_MPLS label routes, appended to one buffer so many requests leave in
// one sendmsg; and the kernel's answers (NLMSG_ERROR acks, with the extended
// ack text) parsed back, matched by sequence number.
//
// Why by hand and not rtnl_route_build_add_request: one libnl object, message
// and allocation per route is the cost we batch to avoid, and the bytes are
// testable here, with no kernel. Layouts: rtnetlink(7), linux/rtnetlink.h,
// linux/lwtunnel.h (RTA_ENCAP_TYPE = LWTUNNEL_ENCAP_MPLS, RTA_ENCAP nest with
// MPLS_IPTUNNEL_DST), RFC 3032 2.1 label stack entries.
//
// Devices are named; a name missing from the index map is an EncodeError and
// nothing is appended. Acks: a truncated or malformed answer ends the parse
// with `malformed` set, never reads out of bounds.
//
// Route dumps (RTM_GETROUTE answers, netlink_read) are parsed back here too,
// into the same values: RTA_MULTIPATH with each next hop's gateway and MPLS
// encap for IPv4, with each path's RTA_NEWDST / RTA_VIA for AF_MPLS, so a
// multipath route reads back as it was written and reconcile sees no change.
// The parser takes the same bytes the encoder writes (a request is a route
// message too), which is what the round-trip tests check.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kernel/desired_state.hpp"

namespace l3vpn::kernel {

using InterfaceIndexes = std::map<std::string, int, std::less<>>;

enum class RouteRequest { Replace, Delete };

struct EncodeError {
  std::string message;  // "no interface eth9 (route table 1001 10.1.0.0/24 ...)"
};

class RequestBuffer {
 public:
  // Appends one request with sequence number `seq` (NLM_F_REQUEST | NLM_F_ACK).
  std::optional<EncodeError> append(RouteRequest request, const Ipv4Route& route,
                                    const InterfaceIndexes& indexes, std::uint32_t seq);
  std::optional<EncodeError> append(RouteRequest request, const MplsRoute& route,
                                    const InterfaceIndexes& indexes, std::uint32_t seq);

  const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  std::size_t size() const { return bytes_.size(); }
  std::size_t messages() const { return messages_; }
  void clear() { bytes_.clear(); messages_ = 0; }

 private:
  std::vector<std::uint8_t> bytes_;
  std::size_t messages_ = 0;
};

// One RFC 3032 label stack entry as the kernel wants it (network order bytes):
// label << 12 | bottom-of-stack << 8, TTL 0 (the kernel sets TTL on push).
std::uint32_t label_entry(MplsLabel label, bool bottom_of_stack);

struct Ack {
  std::uint32_t seq = 0;
  int error = 0;        // 0 = done; otherwise a positive errno
  std::string message;  // NLMSGERR_ATTR_MSG, when the kernel gave one
};

struct AckParse {
  std::vector<Ack> acks;
  bool malformed = false;  // a header or length that does not fit: the rest is skipped
};

// Every NLMSG_ERROR in `bytes` (one recv's worth); other message types skipped.
AckParse parse_acks(const std::uint8_t* bytes, std::size_t size);

// ------------------------------------------------------------ route dumps

using InterfaceNames = std::map<int, std::string>;  // ifindex -> name

// A route that names a nexthop object (RTA_NH_ID) rather than holding its own.
struct RouteNexthopId {
  RouteKey key;
  std::uint8_t protocol = 0;
  std::uint32_t nexthop_id = 0;
  bool operator==(const RouteNexthopId&) const = default;
};

struct RouteDump {
  std::vector<Ipv4Route> routes;       // unicast, blackhole, unreachable; not table local
  std::vector<RouteNexthopId> nexthop_ids;  // the routes above that name a nexthop object
  std::vector<MplsRoute> mpls_routes;  // with at least one path
  bool done = false;                   // NLMSG_DONE seen: the dump is complete
  int error = 0;                       // an NLMSG_ERROR in the dump (positive errno)
  std::size_t skipped = 0;             // route messages of kinds we do not model
  bool malformed = false;              // a length that does not fit: the rest is skipped
};

// Adds the RTM_NEWROUTE messages in `bytes` (one recv's worth) to `dump`.
// Interface indexes missing from `names` give an empty interface name.
void parse_route_dump(const std::uint8_t* bytes, std::size_t size, const InterfaceNames& names, RouteDump& dump);

}  // namespace l3vpn::kernel
