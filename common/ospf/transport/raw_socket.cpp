#include "ospf/transport/raw_socket.hpp"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "bgp/transport/socket_options.hpp"
#include "ospf/transport/ip_datagram.hpp"

namespace l3vpn::ospf {
namespace {

in_addr to_in_addr(std::uint32_t host_order) {
  in_addr a{};
  a.s_addr = htonl(host_order);
  return a;
}

template <class T>
bool set_option(int fd, int level, int name, const T& value) {
  return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
}

}  // namespace

RawSocket::RawSocket(boost::asio::io_context& io, RawSocketConfig config, ReceiveHandler on_packet)
    : config_(std::move(config)), on_packet_(std::move(on_packet)), descriptor_(io) {}

RawSocket::~RawSocket() { close(); }

std::optional<std::string> RawSocket::open() {
  if (descriptor_.is_open()) return std::nullopt;
  const std::string& name = config_.interface;
  ifindex_ = ::if_nametoindex(name.c_str());
  if (ifindex_ == 0) return name + ": no such interface";
  if (!bgp::interface_has_address(name, config_.address))
    return name + ": the device does not have the configured address " + inet_ntoa(to_in_addr(config_.address)) +
           " (a configuration written for another machine?)";
  const int fd = ::socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, kOspfIpProtocol);
  if (fd < 0) return name + ": raw socket for IP protocol 89: " + std::strerror(errno);
  const auto failed = [&](const char* step) -> std::optional<std::string> {
    std::string text = name + ": " + step + ": " + std::strerror(errno);
    ::close(fd);
    return text;
  };
  if (::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name.c_str(), static_cast<socklen_t>(name.size())) != 0)
    return failed("SO_BINDTODEVICE");
  for (std::uint32_t group : {kAllSpfRouters, kAllDRouters}) {
    ip_mreqn join{};
    join.imr_multiaddr = to_in_addr(group);
    join.imr_address = to_in_addr(config_.address);
    join.imr_ifindex = static_cast<int>(ifindex_);
    if (!set_option(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, join)) return failed("IP_ADD_MEMBERSHIP");
  }
  ip_mreqn out{};
  out.imr_address = to_in_addr(config_.address);
  out.imr_ifindex = static_cast<int>(ifindex_);
  if (!set_option(fd, IPPROTO_IP, IP_MULTICAST_IF, out)) return failed("IP_MULTICAST_IF");
  // RFC 2328 A.1: multicast OSPF packets never leave the link.
  if (!set_option(fd, IPPROTO_IP, IP_MULTICAST_TTL, 1)) return failed("IP_MULTICAST_TTL");
  if (!set_option(fd, IPPROTO_IP, IP_MULTICAST_LOOP, 0)) return failed("IP_MULTICAST_LOOP");
  if (!set_option(fd, IPPROTO_IP, IP_TOS, 0xC0)) return failed("IP_TOS");
  if (!set_option(fd, IPPROTO_IP, IP_PKTINFO, 1)) return failed("IP_PKTINFO");
  boost::system::error_code error;
  descriptor_.assign(fd, error);
  if (error) {
    ::close(fd);
    return name + ": " + error.message();
  }
  wait_readable();
  return std::nullopt;
}

void RawSocket::close() {
  boost::system::error_code ignored;
  descriptor_.cancel(ignored);
  descriptor_.close(ignored);
}

void RawSocket::wait_readable() {
  descriptor_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                         [this](const boost::system::error_code& error) {
                           if (error) return;  // cancelled: closed or destroyed
                           read_all();
                           if (descriptor_.is_open()) wait_readable();
                         });
}

void RawSocket::read_all() {
  // Drain what is queued: one readiness wake-up may stand for several datagrams.
  for (int i = 0; i < 64 && descriptor_.is_open(); ++i) {
    iovec iov{buffer_.data(), buffer_.size()};
    std::array<char, CMSG_SPACE(sizeof(in_pktinfo))> control{};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    const ssize_t n = ::recvmsg(descriptor_.native_handle(), &msg, 0);
    if (n < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) ++counters_["read error"];
      return;
    }
    auto parsed = parse_ip_datagram(std::span<const std::uint8_t>(buffer_.data(), static_cast<std::size_t>(n)));
    if (auto* reason = std::get_if<IpDropReason>(&parsed)) {
      ++counters_[to_string(*reason)];
      continue;
    }
    const IpDatagram& datagram = std::get<IpDatagram>(parsed);
    if (datagram.source == config_.address) {
      ++counters_["own packet"];
      continue;
    }
    std::uint32_t destination = datagram.destination;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level != IPPROTO_IP || c->cmsg_type != IP_PKTINFO) continue;
      in_pktinfo info{};
      std::memcpy(&info, CMSG_DATA(c), sizeof info);
      // The header's destination is what OSPF checks (A.1); the ifindex only
      // confirms SO_BINDTODEVICE did its job.
      if (info.ipi_ifindex != static_cast<int>(ifindex_)) destination = 0;
    }
    if (destination == 0) {
      ++counters_["wrong interface"];
      continue;
    }
    ++counters_["received"];
    const ReceiveHandler handler = on_packet_;
    if (handler) handler(datagram.source, destination, datagram.payload);
  }
}

bool RawSocket::send(std::uint32_t destination, std::span<const std::uint8_t> packet) {
  if (!descriptor_.is_open()) {
    ++counters_["send while closed"];
    return false;
  }
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_addr = to_in_addr(destination);
  iovec iov{const_cast<std::uint8_t*>(packet.data()), packet.size()};
  // The source address and the interface, for unicast packets as well.
  std::array<char, CMSG_SPACE(sizeof(in_pktinfo))> control{};
  msghdr msg{};
  msg.msg_name = &to;
  msg.msg_namelen = sizeof to;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control.data();
  msg.msg_controllen = control.size();
  cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = IPPROTO_IP;
  c->cmsg_type = IP_PKTINFO;
  c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
  in_pktinfo info{};
  info.ipi_ifindex = static_cast<int>(ifindex_);
  info.ipi_spec_dst = to_in_addr(config_.address);
  std::memcpy(CMSG_DATA(c), &info, sizeof info);
  if (::sendmsg(descriptor_.native_handle(), &msg, 0) < 0) {
    ++counters_["send failed"];
    return false;
  }
  ++counters_["sent"];
  return true;
}

}  // namespace l3vpn::ospf
