// NetlinkFib: opening the sockets and reading the kernel's state back: links
// and addresses through libnl-route caches, IPv4 and MPLS routes through our
// own RTM_GETROUTE dumps parsed by parse_route_dump (route_message.hpp), which
// reads every path of a multipath route with its MPLS encap or swap labels.
// A dump runs on a socket of its own, opened and closed per read (every sync:
// seconds apart); a failed send or receive, an error in the dump or a
// malformed answer is a ReadError, never a partial state taken for complete.
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netlink/addr.h>
#include <netlink/cache.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/vrf.h>
#include <sys/socket.h>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include "kernel/netlink_fib_impl.hpp"
#include "kernel/nexthop_routes.hpp"
#include "kernel/route_message.hpp"

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

std::optional<std::uint32_t> read_number(const std::string& path) {
  std::ifstream in(path);
  std::uint32_t value = 0;
  if (in >> value) return value;
  return std::nullopt;
}

std::string error_text(const char* what, int nl_error) {
  return std::string(what) + ": " + nl_geterror(nl_error);
}

// A NETLINK_ROUTE socket closed when it goes out of scope.
class DumpSocket {
 public:
  DumpSocket() : fd_(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE)) {}
  ~DumpSocket() {
    if (fd_ >= 0) ::close(fd_);
  }
  DumpSocket(const DumpSocket&) = delete;
  DumpSocket& operator=(const DumpSocket&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

// Every route of `family` (AF_INET: all tables; AF_MPLS) into `dump`.
std::optional<std::string> dump_routes(unsigned char family, const InterfaceNames& names, RouteDump& dump) {
  const std::string what = family == AF_MPLS ? "mpls route dump" : "route dump";
  DumpSocket sock;
  if (sock.fd() < 0) return what + ": socket: " + std::strerror(errno);
  struct {
    nlmsghdr header;
    rtmsg message;
  } request{};
  request.header.nlmsg_len = sizeof request;
  request.header.nlmsg_type = RTM_GETROUTE;
  request.header.nlmsg_flags = static_cast<std::uint16_t>(NLM_F_REQUEST | NLM_F_DUMP);
  request.header.nlmsg_seq = 1;
  request.message.rtm_family = family;
  if (::send(sock.fd(), &request, sizeof request, 0) != static_cast<ssize_t>(sizeof request))
    return what + ": send: " + std::strerror(errno);
  // The kernel fills each dump datagram up to 32 KiB (netlink_recvmsg caps
  // max_recvmsg_len there); a larger buffer never truncates one.
  std::vector<std::uint8_t> buffer(64 * 1024);
  while (!dump.done) {
    iovec io{buffer.data(), buffer.size()};
    msghdr header{};
    header.msg_iov = &io;
    header.msg_iovlen = 1;
    const ssize_t got = ::recvmsg(sock.fd(), &header, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return what + ": recv: " + (got < 0 ? std::strerror(errno) : "end of stream");
    if ((header.msg_flags & MSG_TRUNC) != 0) return what + ": a datagram larger than 64 KiB";
    parse_route_dump(buffer.data(), static_cast<std::size_t>(got), names, dump);
    if (dump.malformed) return what + ": malformed answer";
    if (dump.error != 0) return what + ": " + std::strerror(dump.error);
  }
  return std::nullopt;
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

  RouteDump ipv4;
  if (auto failed = dump_routes(AF_INET, names, ipv4)) {
    error = ReadError{*failed};
    return state;
  }
  state.routes = std::move(ipv4.routes);
  // Nexthop objects ("nhid N" routes, RouteProgramming::shared_nexthops).
  if (auto failed = read_nexthop_objects(*impl_->batch, impl_->next_seq, names, ipv4.nexthop_ids, state.routes,
                                         impl_->nexthops)) {
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
  RouteDump mpls_dump;
  if (auto failed = dump_routes(AF_MPLS, names, mpls_dump)) {
    error = ReadError{*failed};
    return state;
  }
  state.mpls_routes = std::move(mpls_dump.mpls_routes);
  return state;
}

}  // namespace l3vpn::kernel
