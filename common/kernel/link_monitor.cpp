#include "kernel/link_monitor.hpp"

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace l3vpn::kernel {

std::optional<LinkMonitor> LinkMonitor::open(std::string& error) {
  const int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
  if (fd < 0) {
    error = std::string("netlink socket: ") + std::strerror(errno);
    return std::nullopt;
  }
  const int buffer = 1 << 20;
  (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);  // larger when allowed
  sockaddr_nl local{};
  local.nl_family = AF_NETLINK;
  local.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR;
  if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    error = std::string("netlink bind: ") + std::strerror(errno);
    ::close(fd);
    return std::nullopt;
  }
  return LinkMonitor(fd);
}

LinkMonitor::LinkMonitor(LinkMonitor&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

LinkMonitor::~LinkMonitor() {
  if (fd_ >= 0) ::close(fd_);
}

LinkMonitor::Poll LinkMonitor::poll() {
  Poll result;
  std::vector<std::uint8_t> in(64 * 1024);
  for (;;) {
    const ssize_t got = recv(fd_, in.data(), in.size(), 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      if (errno == ENOBUFS) {
        result.overflowed = true;
        continue;
      }
      if (errno != EAGAIN && errno != EWOULDBLOCK) result.error = std::strerror(errno);
      return result;
    }
    auto parse = decode_monitor_events(in.data(), static_cast<std::size_t>(got));
    result.malformed += parse.malformed;
    for (auto& event : parse.events) result.events.push_back(std::move(event));
  }
}

}  // namespace l3vpn::kernel
