// Route dumps parsed back into Ipv4Route / MplsRoute (see route_message.hpp).
// Every read is bounded by the enclosing message, attribute or next hop; a
// length that does not fit marks the dump malformed and stops the parse
// there, it never reads past `size`.
#include <linux/lwtunnel.h>
#include <linux/mpls_iptunnel.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>
#include <span>

#include "kernel/route_message.hpp"

namespace l3vpn::kernel {

namespace {

constexpr std::size_t align4(std::size_t n) { return (n + 3u) & ~std::size_t{3}; }

using Bytes = std::span<const std::uint8_t>;

std::uint32_t network_u32(Bytes b) {
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
}

template <typename T>
std::optional<T> host_value(Bytes b) {
  if (b.size() < sizeof(T)) return std::nullopt;
  T value{};
  std::memcpy(&value, b.data(), sizeof value);
  return value;
}

std::optional<Ipv4Address> ipv4_of(Bytes b) {
  if (b.size() != 4) return std::nullopt;
  return Ipv4Address{network_u32(b)};
}

// RFC 3032 label stack entries: label in the top 20 bits of each 4 bytes.
std::vector<MplsLabel> labels_of(Bytes b) {
  std::vector<MplsLabel> labels;
  for (std::size_t i = 0; i + 4 <= b.size(); i += 4) labels.push_back(network_u32(b.subspan(i, 4)) >> 12);
  return labels;
}

// struct rtvia: a 2-byte family, then the address. Only IPv4 neighbours here.
std::optional<Ipv4Address> via_of(Bytes b) {
  const auto family = host_value<std::uint16_t>(b);
  if (!family || *family != AF_INET) return std::nullopt;
  return ipv4_of(b.subspan(2));
}

// The rtattrs of `b` by type (the last one of a type wins; nested and
// byte-order flags masked off). False when a length does not fit.
using Attributes = std::map<std::uint16_t, Bytes>;
bool attributes_of(Bytes b, Attributes& out) {
  std::size_t at = 0;
  while (at + sizeof(rtattr) <= b.size()) {
    rtattr a{};
    std::memcpy(&a, b.data() + at, sizeof a);
    if (a.rta_len < sizeof a || a.rta_len > b.size() - at) return false;
    out[static_cast<std::uint16_t>(a.rta_type & NLA_TYPE_MASK)] = b.subspan(at + sizeof a, a.rta_len - sizeof a);
    at += align4(a.rta_len);
  }
  return true;
}

std::optional<Bytes> get(const Attributes& attributes, std::uint16_t type) {
  auto it = attributes.find(type);
  if (it == attributes.end()) return std::nullopt;
  return it->second;
}

std::string name_of(const InterfaceNames& names, int index) {
  auto it = names.find(index);
  return it == names.end() ? std::string() : it->second;
}

// lwtunnel MPLS encap of a next hop: the labels it pushes (none without one).
bool encap_labels(const Attributes& a, std::vector<MplsLabel>& push) {
  const auto type = get(a, RTA_ENCAP_TYPE);
  const auto encap = get(a, RTA_ENCAP);
  if (!type || !encap || host_value<std::uint16_t>(*type) != LWTUNNEL_ENCAP_MPLS) return true;
  Attributes inner;
  if (!attributes_of(*encap, inner)) return false;
  if (auto dst = get(inner, MPLS_IPTUNNEL_DST)) push = labels_of(*dst);
  return true;
}

// Each rtnexthop of an RTA_MULTIPATH with its attributes: f(ifindex, attributes).
template <typename F>
bool for_each_next_hop(Bytes b, F f) {
  std::size_t at = 0;
  while (at + sizeof(rtnexthop) <= b.size()) {
    rtnexthop nh{};
    std::memcpy(&nh, b.data() + at, sizeof nh);
    if (nh.rtnh_len < sizeof nh || nh.rtnh_len > b.size() - at) return false;
    Attributes a;
    if (!attributes_of(b.subspan(at + sizeof nh, nh.rtnh_len - sizeof nh), a)) return false;
    if (!f(nh.rtnh_ifindex, a)) return false;
    at += align4(nh.rtnh_len);
  }
  return true;
}

// One RTM_NEWROUTE of family AF_INET. False: malformed.
bool parse_ipv4(const rtmsg& m, const Attributes& a, const InterfaceNames& names, RouteDump& dump) {
  Ipv4Route route;
  switch (m.rtm_type) {
    case RTN_UNICAST: route.type = RouteType::Unicast; break;
    case RTN_BLACKHOLE: route.type = RouteType::Blackhole; break;
    case RTN_UNREACHABLE: route.type = RouteType::Unreachable; break;
    default: ++dump.skipped; return true;  // local, broadcast, multicast...: the kernel's own
  }
  if (m.rtm_dst_len > 32) {  // not an IPv4 prefix: nothing the kernel sends for AF_INET
    ++dump.skipped;
    return true;
  }
  route.table = m.rtm_table;
  if (auto table = get(a, RTA_TABLE)) route.table = host_value<std::uint32_t>(*table).value_or(route.table);
  if (route.table == kLocalTable) {
    ++dump.skipped;
    return true;
  }
  route.protocol = m.rtm_protocol;
  const auto dst = get(a, RTA_DST);
  route.prefix = Ipv4Prefix{dst ? ipv4_of(*dst).value_or(Ipv4Address{}) : Ipv4Address{}, m.rtm_dst_len};
  if (auto metric = get(a, RTA_PRIORITY)) route.metric = host_value<std::uint32_t>(*metric).value_or(0);
  if (auto source = get(a, RTA_PREFSRC)) route.source = ipv4_of(*source);
  const auto oif = get(a, RTA_OIF);
  const auto gateway = get(a, RTA_GATEWAY);
  if (auto multipath = get(a, RTA_MULTIPATH)) {
    const bool ok = for_each_next_hop(*multipath, [&](int index, const Attributes& h) {
      NextHop hop;
      hop.interface = name_of(names, index);
      if (auto via = get(h, RTA_GATEWAY)) hop.gateway = ipv4_of(*via);
      if (!encap_labels(h, hop.push)) return false;
      route.next_hops.push_back(std::move(hop));
      return true;
    });
    if (!ok) return false;
  } else if (oif || gateway) {
    NextHop hop;
    if (oif) hop.interface = name_of(names, host_value<std::int32_t>(*oif).value_or(0));
    if (gateway) hop.gateway = ipv4_of(*gateway);
    if (!encap_labels(a, hop.push)) return false;
    route.next_hops.push_back(std::move(hop));
  }
  if (auto id = get(a, RTA_NH_ID)) {
    if (auto number = host_value<std::uint32_t>(*id)) dump.nexthop_ids.push_back({route.key(), route.protocol, *number});
  }
  dump.routes.push_back(std::move(route));
  return true;
}

// One RTM_NEWROUTE of family AF_MPLS. False: malformed.
bool parse_mpls(const rtmsg& m, const Attributes& a, const InterfaceNames& names, RouteDump& dump) {
  const auto dst = get(a, RTA_DST);
  const auto in = dst ? labels_of(*dst) : std::vector<MplsLabel>{};
  if (in.size() != 1) {
    ++dump.skipped;
    return true;
  }
  std::vector<MplsNextHop> paths;
  if (auto multipath = get(a, RTA_MULTIPATH)) {
    const bool ok = for_each_next_hop(*multipath, [&](int index, const Attributes& h) {
      MplsNextHop hop;
      hop.interface = name_of(names, index);
      if (auto newdst = get(h, RTA_NEWDST)) hop.out_labels = labels_of(*newdst);
      if (auto via = get(h, RTA_VIA)) hop.via = via_of(*via);
      paths.push_back(std::move(hop));
      return true;
    });
    if (!ok) return false;
  } else if (auto oif = get(a, RTA_OIF)) {
    MplsNextHop hop;
    hop.interface = name_of(names, host_value<std::int32_t>(*oif).value_or(0));
    if (auto newdst = get(a, RTA_NEWDST)) hop.out_labels = labels_of(*newdst);
    if (auto via = get(a, RTA_VIA)) hop.via = via_of(*via);
    paths.push_back(std::move(hop));
  }
  if (paths.empty()) {
    ++dump.skipped;
    return true;
  }
  MplsRoute route;
  route.in_label = in.front();
  route.protocol = m.rtm_protocol;
  route.set_paths(std::move(paths));
  dump.mpls_routes.push_back(std::move(route));
  return true;
}

}  // namespace

void parse_route_dump(const std::uint8_t* bytes, std::size_t size, const InterfaceNames& names, RouteDump& dump) {
  std::size_t at = 0;
  while (at + sizeof(nlmsghdr) <= size) {
    nlmsghdr h{};
    std::memcpy(&h, bytes + at, sizeof h);
    if (h.nlmsg_len < sizeof h || h.nlmsg_len > size - at) {
      dump.malformed = true;
      return;
    }
    const Bytes body(bytes + at + sizeof h, h.nlmsg_len - sizeof h);
    if (h.nlmsg_type == NLMSG_DONE) {
      dump.done = true;
    } else if (h.nlmsg_type == NLMSG_ERROR) {
      const auto e = host_value<nlmsgerr>(body);
      if (!e) {
        dump.malformed = true;
        return;
      }
      if (e->error != 0) dump.error = -e->error;
    } else if (h.nlmsg_type == RTM_NEWROUTE) {
      const auto m = host_value<rtmsg>(body);
      Attributes a;
      if (!m || !attributes_of(body.subspan(align4(sizeof(rtmsg))), a)) {
        dump.malformed = true;
        return;
      }
      const bool ok = m->rtm_family == AF_INET   ? parse_ipv4(*m, a, names, dump)
                      : m->rtm_family == AF_MPLS ? parse_mpls(*m, a, names, dump)
                                                 : (++dump.skipped, true);
      if (!ok) {
        dump.malformed = true;
        return;
      }
    }
    at += align4(h.nlmsg_len);
  }
  if (at < size) dump.malformed = true;  // trailing bytes shorter than a header
}

}  // namespace l3vpn::kernel
