#include "kernel/nexthop_message.hpp"

#include <linux/lwtunnel.h>
#include <linux/mpls_iptunnel.h>
#include <linux/netlink.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include "kernel/netlink_writer.hpp"
#include "wire/byte_reader.hpp"

namespace l3vpn::kernel {

namespace {


// One message appended to `out`: the shared writer with its header written.
NetlinkWriter message(std::vector<std::uint8_t>& out, std::uint16_t type, std::uint16_t flags, std::uint32_t seq) {
  NetlinkWriter w(out);
  w.header(type, flags, seq);
  return w;
}

constexpr auto kRequestAck = static_cast<std::uint16_t>(NLM_F_REQUEST | NLM_F_ACK);

template <typename T>
std::optional<T> host_value(wire::ByteReader& reader) {
  const auto bytes = reader.bytes(sizeof(T));
  if (!bytes) return std::nullopt;
  T value{};
  std::memcpy(&value, bytes->data(), sizeof value);
  return value;
}

std::uint32_t from_network(std::span<const std::uint8_t> b) {
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
}

// The message's header and fixed part; the reader is left on the attributes.
template <typename Fixed>
std::optional<std::pair<nlmsghdr, Fixed>> open_message(std::span<const std::uint8_t> message,
                                                       std::uint16_t type, wire::ByteReader& attributes) {
  wire::ByteReader reader(message);
  const auto header = host_value<nlmsghdr>(reader);
  if (!header || header->nlmsg_type != type || header->nlmsg_len != message.size()) return std::nullopt;
  const auto fixed = host_value<Fixed>(reader);
  if (!fixed || !reader.skip(netlink_align4(sizeof(Fixed)) - sizeof(Fixed))) return std::nullopt;
  attributes = reader;
  return std::pair{*header, *fixed};
}

// Calls visit(type, payload reader) for each attribute; false when one does not fit.
template <typename Visit>
bool for_each_attribute(wire::ByteReader reader, Visit visit) {
  while (reader.remaining() >= sizeof(rtattr)) {
    const auto a = host_value<rtattr>(reader);
    if (!a || a->rta_len < sizeof(rtattr)) return false;
    auto payload = reader.sub(a->rta_len - sizeof(rtattr));
    if (!payload) return false;
    visit(static_cast<std::uint16_t>(a->rta_type & NLA_TYPE_MASK), *payload);
    const std::size_t pad = std::min(reader.remaining(), netlink_align4(a->rta_len) - a->rta_len);
    if (!reader.skip(pad)) return false;
  }
  return true;
}

}  // namespace

std::optional<EncodeError> append_new_nexthop(std::vector<std::uint8_t>& out, std::uint32_t id,
                                              const NextHop& hop, const InterfaceIndexes& indexes,
                                              std::uint32_t seq) {
  const auto index = indexes.find(hop.interface);
  if (index == indexes.end()) return EncodeError{"no interface " + hop.interface + " (nexthop " + std::to_string(id) + ")"};
  if (!hop.gateway) return EncodeError{"nexthop " + std::to_string(id) + " without a gateway"};
  NetlinkWriter m = message(out, RTM_NEWNEXTHOP, static_cast<std::uint16_t>(kRequestAck | NLM_F_CREATE | NLM_F_EXCL), seq);
  nhmsg n{};
  n.nh_family = AF_INET;
  n.nh_protocol = kRouteProtocol;
  m.raw(&n, sizeof n);
  m.u32(NHA_ID, id);
  m.u32(NHA_OIF, static_cast<std::uint32_t>(index->second));
  m.ipv4(NHA_GATEWAY, *hop.gateway);
  if (!hop.push.empty()) {
    m.u16(NHA_ENCAP_TYPE, LWTUNNEL_ENCAP_MPLS);
    // The nexthop family validates strictly: a nest must say it is one.
    const auto nest = m.begin_nest(static_cast<std::uint16_t>(NHA_ENCAP | NLA_F_NESTED));
    m.labels(MPLS_IPTUNNEL_DST, hop.push);
    m.end_nest(nest);
  }
  m.finish();
  return std::nullopt;
}

void append_delete_nexthop(std::vector<std::uint8_t>& out, std::uint32_t id, std::uint32_t seq) {
  NetlinkWriter m = message(out, RTM_DELNEXTHOP, kRequestAck, seq);
  nhmsg n{};
  n.nh_family = AF_UNSPEC;
  m.raw(&n, sizeof n);
  m.u32(NHA_ID, id);
  m.finish();
}

void append_route_via_nexthop(std::vector<std::uint8_t>& out, const Ipv4Route& route, std::uint32_t id,
                              std::uint32_t seq) {
  NetlinkWriter m = message(out, RTM_NEWROUTE, static_cast<std::uint16_t>(kRequestAck | NLM_F_CREATE | NLM_F_REPLACE), seq);
  rtmsg r{};
  r.rtm_family = AF_INET;
  r.rtm_dst_len = route.prefix.length;
  r.rtm_table = static_cast<unsigned char>(route.table < 256 ? route.table : RT_TABLE_COMPAT);
  r.rtm_protocol = route.protocol;
  r.rtm_scope = RT_SCOPE_UNIVERSE;
  r.rtm_type = RTN_UNICAST;
  m.raw(&r, sizeof r);
  m.u32(RTA_TABLE, route.table);
  if (route.prefix.length > 0) m.ipv4(RTA_DST, route.prefix.network().address);
  if (route.metric != 0) m.u32(RTA_PRIORITY, route.metric);
  if (route.source) m.ipv4(RTA_PREFSRC, *route.source);
  m.u32(RTA_NH_ID, id);
  m.finish();
}

std::vector<std::uint8_t> nexthop_dump_request(std::uint32_t seq) {
  std::vector<std::uint8_t> out;
  NetlinkWriter m = message(out, RTM_GETNEXTHOP, static_cast<std::uint16_t>(NLM_F_REQUEST | NLM_F_DUMP), seq);
  nhmsg n{};
  n.nh_family = AF_UNSPEC;
  m.raw(&n, sizeof n);
  m.finish();
  return out;
}

std::optional<KernelNexthop> parse_nexthop(std::span<const std::uint8_t> message, const InterfaceNames& names) {
  wire::ByteReader attributes({});
  const auto opened = open_message<nhmsg>(message, RTM_NEWNEXTHOP, attributes);
  if (!opened) return std::nullopt;
  KernelNexthop nexthop;
  nexthop.protocol = opened->second.nh_protocol;
  bool has_id = false;
  bool has_oif = false;
  bool special = false;  // group, blackhole, fdb: not a single path
  bool bad_value = false;
  const bool fits = for_each_attribute(attributes, [&](std::uint16_t type, wire::ByteReader value) {
    switch (type) {
      case NHA_ID:
        if (auto id = host_value<std::uint32_t>(value)) { nexthop.id = *id; has_id = true; } else { bad_value = true; }
        break;
      case NHA_OIF:
        if (auto oif = host_value<std::uint32_t>(value)) {
          has_oif = true;
          if (auto it = names.find(static_cast<int>(*oif)); it != names.end()) nexthop.hop.interface = it->second;
        } else {
          bad_value = true;
        }
        break;
      case NHA_GATEWAY:
        if (value.remaining() == 4) nexthop.hop.gateway = Ipv4Address{from_network(value.rest())};
        else special = true;  // IPv6 gateway
        break;
      case NHA_ENCAP:
        (void)for_each_attribute(value, [&](std::uint16_t inner, wire::ByteReader labels) {
          if (inner != MPLS_IPTUNNEL_DST) return;
          while (labels.remaining() >= 4) nexthop.hop.push.push_back(from_network(*labels.bytes(4)) >> 12);
        });
        break;
      case NHA_GROUP:
      case NHA_BLACKHOLE:
      case NHA_FDB:
        special = true;
        break;
      default:
        break;
    }
  });
  if (!fits || bad_value || !has_id) return std::nullopt;
  nexthop.resolvable = !special && has_oif && !nexthop.hop.interface.empty();
  return nexthop;
}

std::optional<RouteNexthopId> parse_route_nexthop_id(std::span<const std::uint8_t> message) {
  wire::ByteReader attributes({});
  const auto opened = open_message<rtmsg>(message, RTM_NEWROUTE, attributes);
  if (!opened || opened->second.rtm_family != AF_INET || opened->second.rtm_dst_len > 32) return std::nullopt;
  const rtmsg& r = opened->second;
  RouteNexthopId found;
  found.protocol = r.rtm_protocol;
  found.key.table = r.rtm_table;
  Ipv4Address destination{};
  bool bad_value = false;
  const bool fits = for_each_attribute(attributes, [&](std::uint16_t type, wire::ByteReader value) {
    std::optional<std::uint32_t> number;
    if (type == RTA_TABLE || type == RTA_PRIORITY || type == RTA_NH_ID) {
      number = host_value<std::uint32_t>(value);
      if (!number) { bad_value = true; return; }
    }
    switch (type) {
      case RTA_TABLE: found.key.table = *number; break;
      case RTA_PRIORITY: found.key.metric = *number; break;
      case RTA_NH_ID: found.nexthop_id = *number; break;
      case RTA_DST:
        if (value.remaining() == 4) destination = Ipv4Address{from_network(value.rest())};
        else bad_value = true;
        break;
      default: break;
    }
  });
  if (!fits || bad_value || found.nexthop_id == 0) return std::nullopt;
  found.key.prefix = Ipv4Prefix{destination, r.rtm_dst_len};
  return found;
}

}  // namespace l3vpn::kernel
