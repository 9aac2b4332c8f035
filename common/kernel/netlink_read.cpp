// NetlinkFib: opening the sockets and reading the kernel's state back through
// libnl-route caches (one dump per object type).
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/vrf.h>
#include <netlink/route/nexthop.h>
#include <netlink/route/route.h>
#include <sys/socket.h>

#include <cstring>
#include <fstream>
#include <map>

#include "kernel/netlink_fib_impl.hpp"
#include "kernel/nexthop_routes.hpp"

namespace l3vpn::kernel {

namespace {

// libnl hands back cache objects as nl_object*; each cache holds one type.
template <typename T>
T* as(nl_object* object) { return reinterpret_cast<T*>(object); }

struct CacheDeleter {
  void operator()(nl_cache* cache) const { nl_cache_free(cache); }
};
using Cache = std::unique_ptr<nl_cache, CacheDeleter>;

std::uint32_t host_order(const std::uint8_t* b) {
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3];
}

std::optional<Ipv4Address> ipv4_of(nl_addr* addr) {
  if (addr == nullptr || nl_addr_get_family(addr) != AF_INET || nl_addr_get_len(addr) != 4) return std::nullopt;
  return Ipv4Address{host_order(static_cast<const std::uint8_t*>(nl_addr_get_binary_addr(addr)))};
}

// A label stack as the kernel stores it: 4-byte entries, label in the top 20 bits.
std::vector<MplsLabel> labels_of(nl_addr* addr) {
  std::vector<MplsLabel> labels;
  if (addr == nullptr) return labels;
  const auto* b = static_cast<const std::uint8_t*>(nl_addr_get_binary_addr(addr));
  for (unsigned i = 0; i + 4 <= nl_addr_get_len(addr); i += 4) labels.push_back(host_order(b + i) >> 12);
  return labels;
}

std::optional<std::uint32_t> read_number(const std::string& path) {
  std::ifstream in(path);
  std::uint32_t value = 0;
  if (in >> value) return value;
  return std::nullopt;
}

std::string error_text(const char* what, int nl_error) {
  return std::string(what) + ": " + nl_geterror(nl_error);
}

}  // namespace

bool NetlinkFib::Impl::load_indexes(InterfaceIndexes& indexes, std::string& error) {
  nl_cache* raw = nullptr;
  if (const int err = rtnl_link_alloc_cache(sock, AF_UNSPEC, &raw); err < 0) {
    error = error_text("link dump", err);
    return false;
  }
  Cache cache(raw);
  indexes.clear();
  for (nl_object* o = nl_cache_get_first(raw); o != nullptr; o = nl_cache_get_next(o)) {
    auto* link = as<rtnl_link>(o);
    indexes[rtnl_link_get_name(link)] = rtnl_link_get_ifindex(link);
  }
  return true;
}

NetlinkFib::NetlinkFib(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

NetlinkFib::~NetlinkFib() {
  if (impl_ && impl_->sock != nullptr) nl_socket_free(impl_->sock);
}

std::unique_ptr<NetlinkFib> NetlinkFib::open(std::string& error, std::string sysctl_root) {
  auto impl = std::make_unique<Impl>();
  impl->sysctl_root = std::move(sysctl_root);
  impl->sock = nl_socket_alloc();
  if (impl->sock == nullptr) {
    error = "libnl: out of memory";
    return nullptr;
  }
  std::unique_ptr<NetlinkFib> fib(new NetlinkFib(std::move(impl)));
  if (const int err = nl_connect(fib->impl_->sock, NETLINK_ROUTE); err < 0) {
    error = error_text("netlink connect", err);
    return nullptr;
  }
  auto batch = NetlinkBatchSocket::open(error);
  if (!batch) return nullptr;
  fib->impl_->batch.emplace(std::move(*batch));
  return fib;
}

ActualState NetlinkFib::read_state(std::optional<ReadError>& error) {
  ActualState state;
  nl_sock* sock = impl_->sock;
  std::map<int, std::string> names;

  nl_cache* raw = nullptr;
  if (const int err = rtnl_link_alloc_cache(sock, AF_UNSPEC, &raw); err < 0) {
    error = ReadError{error_text("link dump", err)};
    return state;
  }
  Cache links(raw);
  for (nl_object* o = nl_cache_get_first(raw); o != nullptr; o = nl_cache_get_next(o)) {
    auto* link = as<rtnl_link>(o);
    names[rtnl_link_get_ifindex(link)] = rtnl_link_get_name(link);
  }
  for (nl_object* o = nl_cache_get_first(raw); o != nullptr; o = nl_cache_get_next(o)) {
    auto* link = as<rtnl_link>(o);
    KernelLink k;
    k.name = rtnl_link_get_name(link);
    if (const char* kind = rtnl_link_get_type(link)) k.kind = kind;
    if (rtnl_link_is_vrf(link)) (void)rtnl_link_vrf_get_tableid(link, &k.vrf_table);
    if (const int master = rtnl_link_get_master(link); master > 0 && names.contains(master)) {
      k.master = names[master];
    }
    if (const char* alias = rtnl_link_get_ifalias(link)) k.alias = alias;
    k.up = (rtnl_link_get_flags(link) & IFF_UP) != 0;
    state.links.push_back(std::move(k));
  }

  raw = nullptr;
  if (const int err = rtnl_addr_alloc_cache(sock, &raw); err < 0) {
    error = ReadError{error_text("address dump", err)};
    return state;
  }
  Cache addresses(raw);
  for (nl_object* o = nl_cache_get_first(raw); o != nullptr; o = nl_cache_get_next(o)) {
    auto* addr = as<rtnl_addr>(o);
    if (rtnl_addr_get_family(addr) != AF_INET) continue;
    const auto local = ipv4_of(rtnl_addr_get_local(addr));
    if (!local || !names.contains(rtnl_addr_get_ifindex(addr))) continue;
    state.addresses.push_back(
        {names[rtnl_addr_get_ifindex(addr)],
         Ipv4Prefix{*local, static_cast<std::uint8_t>(rtnl_addr_get_prefixlen(addr))}});
  }

  raw = nullptr;
  if (const int err = rtnl_route_alloc_cache(sock, AF_INET, 0, &raw); err < 0) {
    error = ReadError{error_text("route dump", err)};
    return state;
  }
  Cache routes(raw);
  for (nl_object* o = nl_cache_get_first(raw); o != nullptr; o = nl_cache_get_next(o)) {
    auto* r = as<rtnl_route>(o);
    if (rtnl_route_get_family(r) != AF_INET || rtnl_route_get_table(r) == kLocalTable) continue;
    Ipv4Route route;
    switch (rtnl_route_get_type(r)) {
      case RTN_UNICAST: route.type = RouteType::Unicast; break;
      case RTN_BLACKHOLE: route.type = RouteType::Blackhole; break;
      case RTN_UNREACHABLE: route.type = RouteType::Unreachable; break;
      default: continue;  // broadcast, local, multicast...: the kernel's own
    }
    route.table = rtnl_route_get_table(r);
    nl_addr* dst = rtnl_route_get_dst(r);
    const auto network = ipv4_of(dst);
    route.prefix = Ipv4Prefix{network.value_or(Ipv4Address{}),
                              static_cast<std::uint8_t>(dst ? nl_addr_get_prefixlen(dst) : 0)};
    route.metric = rtnl_route_get_priority(r);
    route.protocol = rtnl_route_get_protocol(r);
    route.source = ipv4_of(rtnl_route_get_pref_src(r));
    for (int i = 0; i < rtnl_route_get_nnexthops(r); ++i) {
      rtnl_nexthop* nh = rtnl_route_nexthop_n(r, i);
      NextHop hop;
      hop.gateway = ipv4_of(rtnl_route_nh_get_gateway(nh));
      if (auto it = names.find(rtnl_route_nh_get_ifindex(nh)); it != names.end()) hop.interface = it->second;
      hop.push = labels_of(rtnl_route_nh_get_encap_mpls_dst(nh));
      route.next_hops.push_back(std::move(hop));
    }
    state.routes.push_back(std::move(route));
  }
  // Nexthop objects ("nhid N" routes, RouteProgramming::shared_nexthops).
  if (auto failed = read_nexthop_objects(*impl_->batch, impl_->next_seq, names, state.routes, impl_->nexthops)) {
    error = ReadError{*failed};
    return state;
  }

  const std::string mpls = impl_->sysctl_root + "/net/mpls";
  state.platform_labels = read_number(mpls + "/platform_labels");
  if (auto forward = read_number(impl_->sysctl_root + "/net/ipv4/ip_forward")) state.ip_forward = *forward == 1;
  state.mpls_available = state.platform_labels.has_value();
  if (!state.mpls_available) return state;
  for (const auto& [index, name] : names) {
    if (read_number(mpls + "/conf/" + name + "/input").value_or(0) == 1) {
      state.mpls_input_interfaces.push_back(name);
    }
  }
  raw = nullptr;
  if (const int err = rtnl_route_alloc_cache(sock, AF_MPLS, 0, &raw); err < 0) {
    error = ReadError{error_text("mpls route dump", err)};
    return state;
  }
  Cache mpls_routes(raw);
  for (nl_object* o = nl_cache_get_first(raw); o != nullptr; o = nl_cache_get_next(o)) {
    auto* r = as<rtnl_route>(o);
    if (rtnl_route_get_family(r) != AF_MPLS || rtnl_route_get_nnexthops(r) < 1) continue;
    const auto in = labels_of(rtnl_route_get_dst(r));
    if (in.size() != 1) continue;
    MplsRoute route;
    route.in_label = in.front();
    route.protocol = rtnl_route_get_protocol(r);
    rtnl_nexthop* nh = rtnl_route_nexthop_n(r, 0);  // one path per label here
    route.out_labels = labels_of(rtnl_route_nh_get_newdst(nh));
    route.via = ipv4_of(rtnl_route_nh_get_via(nh));
    if (auto it = names.find(rtnl_route_nh_get_ifindex(nh)); it != names.end()) route.interface = it->second;
    state.mpls_routes.push_back(std::move(route));
  }
  return state;
}

}  // namespace l3vpn::kernel
