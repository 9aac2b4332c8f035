#include "kernel/route_message.hpp"

#include <linux/lwtunnel.h>
#include <linux/mpls_iptunnel.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>

#include "kernel/netlink_writer.hpp"

namespace l3vpn::kernel {

namespace {

std::uint16_t request_flags(RouteRequest request) {
  const int flags = request == RouteRequest::Replace
                        ? NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE
                        : NLM_F_REQUEST | NLM_F_ACK;
  return static_cast<std::uint16_t>(flags);
}

std::optional<int> index_of(const InterfaceIndexes& indexes, const std::string& name) {
  auto it = indexes.find(name);
  if (it == indexes.end()) return std::nullopt;
  return it->second;
}

void put_encap(NetlinkWriter& w, const std::vector<MplsLabel>& push) {
  if (push.empty()) return;
  w.u16(RTA_ENCAP_TYPE, LWTUNNEL_ENCAP_MPLS);
  const auto nest = w.begin_nest(RTA_ENCAP);
  w.labels(MPLS_IPTUNNEL_DST, push);
  w.end_nest(nest);
}

// An MPLS path's swap labels (none: pop) and neighbour.
void put_mpls_hop(NetlinkWriter& w, const std::vector<MplsLabel>& out_labels, const std::optional<Ipv4Address>& via) {
  if (!out_labels.empty()) w.labels(RTA_NEWDST, out_labels);
  if (via) {
    // struct rtvia: family, then the address (network order).
    std::uint8_t bytes[2 + 4] = {};
    const std::uint16_t family = AF_INET;
    std::memcpy(bytes, &family, sizeof family);
    const std::uint32_t address = to_network_order(via->value);
    std::memcpy(bytes + 2, &address, sizeof address);
    w.attr(RTA_VIA, bytes, sizeof bytes);
  }
}

}  // namespace

std::uint32_t label_entry(MplsLabel label, bool bottom_of_stack) {
  return to_network_order((label << 12) | (bottom_of_stack ? 0x100u : 0u));
}

std::optional<EncodeError> RequestBuffer::append(RouteRequest request, const Ipv4Route& route,
                                                 const InterfaceIndexes& indexes,
                                                 std::uint32_t seq) {
  const bool replace = request == RouteRequest::Replace;
  std::vector<int> oifs;
  if (replace) {
    for (const auto& hop : route.next_hops) {
      auto index = index_of(indexes, hop.interface);
      if (!index) return EncodeError{"no interface " + hop.interface + " (" + describe(route) + ")"};
      oifs.push_back(*index);
    }
  }
  NetlinkWriter w(bytes_);
  w.header(replace ? RTM_NEWROUTE : RTM_DELROUTE, request_flags(request), seq);
  rtmsg m{};
  m.rtm_family = AF_INET;
  m.rtm_dst_len = route.prefix.length;
  m.rtm_table = static_cast<unsigned char>(route.table < 256 ? route.table : RT_TABLE_COMPAT);
  m.rtm_protocol = route.protocol;
  const bool on_link = route.type == RouteType::Unicast && !route.next_hops.empty() &&
                       std::all_of(route.next_hops.begin(), route.next_hops.end(),
                                   [](const NextHop& h) { return !h.gateway; });
  // Delete: scope NOWHERE matches any scope (as ip route del does).
  m.rtm_scope = !replace ? RT_SCOPE_NOWHERE : on_link ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
  m.rtm_type = route.type == RouteType::Blackhole     ? RTN_BLACKHOLE
               : route.type == RouteType::Unreachable ? RTN_UNREACHABLE
                                                      : RTN_UNICAST;
  w.raw(&m, sizeof m);
  w.u32(RTA_TABLE, route.table);
  if (route.prefix.length > 0) w.ipv4(RTA_DST, route.prefix.network().address);
  if (route.metric != 0) w.u32(RTA_PRIORITY, route.metric);
  if (replace && route.type == RouteType::Unicast) {
    if (route.source) w.ipv4(RTA_PREFSRC, *route.source);
    if (route.next_hops.size() == 1) {
      const auto& hop = route.next_hops.front();
      if (hop.gateway) w.ipv4(RTA_GATEWAY, *hop.gateway);
      w.u32(RTA_OIF, static_cast<std::uint32_t>(oifs.front()));
      put_encap(w, hop.push);
    } else if (route.next_hops.size() > 1) {
      const auto multipath = w.begin_nest(RTA_MULTIPATH);
      for (std::size_t i = 0; i < route.next_hops.size(); ++i) {
        const auto& hop = route.next_hops[i];
        const std::size_t at = w.offset();
        rtnexthop nh{};
        nh.rtnh_ifindex = oifs[i];
        w.raw(&nh, sizeof nh);
        if (hop.gateway) w.ipv4(RTA_GATEWAY, *hop.gateway);
        put_encap(w, hop.push);
        w.patch_u16(at, static_cast<std::uint16_t>(w.offset() - at));  // rtnh_len first
      }
      w.end_nest(multipath);
    }
  }
  w.finish();
  ++messages_;
  return std::nullopt;
}

std::optional<EncodeError> RequestBuffer::append(RouteRequest request, const MplsRoute& route,
                                                 const InterfaceIndexes& indexes,
                                                 std::uint32_t seq) {
  const bool replace = request == RouteRequest::Replace;
  std::vector<int> oifs;
  if (replace) {
    for (const MplsNextHop& hop : route.paths()) {
      auto index = index_of(indexes, hop.interface);
      if (!index) return EncodeError{"no interface " + hop.interface + " (" + describe(route) + ")"};
      oifs.push_back(*index);
    }
  }
  NetlinkWriter w(bytes_);
  w.header(replace ? RTM_NEWROUTE : RTM_DELROUTE, request_flags(request), seq);
  rtmsg m{};
  m.rtm_family = AF_MPLS;
  m.rtm_dst_len = 20;
  m.rtm_table = RT_TABLE_MAIN;
  m.rtm_protocol = route.protocol;
  m.rtm_scope = RT_SCOPE_UNIVERSE;
  m.rtm_type = RTN_UNICAST;
  w.raw(&m, sizeof m);
  w.labels(RTA_DST, {route.in_label});
  if (replace && route.more_paths.empty()) {
    put_mpls_hop(w, route.out_labels, route.via);
    w.u32(RTA_OIF, static_cast<std::uint32_t>(oifs.front()));
  } else if (replace) {
    // ECMP: one rtnexthop per path, each with its own labels and neighbour
    // (the kernel's mpls_nh_build_multi reads RTA_NEWDST and RTA_VIA there).
    const auto multipath = w.begin_nest(RTA_MULTIPATH);
    const auto paths = route.paths();
    for (std::size_t i = 0; i < paths.size(); ++i) {
      const std::size_t at = w.offset();
      rtnexthop nh{};
      nh.rtnh_ifindex = oifs[i];
      w.raw(&nh, sizeof nh);
      put_mpls_hop(w, paths[i].out_labels, paths[i].via);
      w.patch_u16(at, static_cast<std::uint16_t>(w.offset() - at));  // rtnh_len first
    }
    w.end_nest(multipath);
  }
  w.finish();
  ++messages_;
  return std::nullopt;
}

AckParse parse_acks(const std::uint8_t* bytes, std::size_t size) {
  AckParse parse;
  std::size_t at = 0;
  while (at + sizeof(nlmsghdr) <= size) {
    nlmsghdr h{};
    std::memcpy(&h, bytes + at, sizeof h);
    if (h.nlmsg_len < sizeof h || h.nlmsg_len > size - at) {
      parse.malformed = true;
      return parse;
    }
    if (h.nlmsg_type == NLMSG_ERROR) {
      if (h.nlmsg_len < sizeof h + sizeof(nlmsgerr)) {
        parse.malformed = true;
        return parse;
      }
      nlmsgerr e{};
      std::memcpy(&e, bytes + at + sizeof h, sizeof e);
      Ack ack;
      ack.seq = h.nlmsg_seq;
      ack.error = -e.error;
      // Extended ack TLVs follow the echoed request: with NETLINK_CAP_ACK only
      // its header is echoed, so they start right after struct nlmsgerr.
      std::size_t tlv = at + sizeof h + sizeof e;
      if ((h.nlmsg_flags & NLM_F_CAPPED) == 0) tlv += netlink_align4(e.msg.nlmsg_len) - sizeof(nlmsghdr);
      const std::size_t end = at + h.nlmsg_len;
      while ((h.nlmsg_flags & NLM_F_ACK_TLVS) != 0 && tlv + sizeof(nlattr) <= end) {
        nlattr a{};
        std::memcpy(&a, bytes + tlv, sizeof a);
        if (a.nla_len < sizeof a || a.nla_len > end - tlv) break;
        if (a.nla_type == NLMSGERR_ATTR_MSG) {
          const char* text = reinterpret_cast<const char*>(bytes + tlv + sizeof a);
          ack.message.assign(text, strnlen(text, a.nla_len - sizeof a));
        }
        tlv += netlink_align4(a.nla_len);
      }
      parse.acks.push_back(std::move(ack));
    }
    at += netlink_align4(h.nlmsg_len);
  }
  if (at < size) parse.malformed = true;  // trailing bytes shorter than a header
  return parse;
}

}  // namespace l3vpn::kernel
