#include "kernel/netlink_batch.hpp"

#include <linux/netlink.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

namespace l3vpn::kernel {

namespace {

constexpr int kBufferBytes = 8 << 20;
constexpr int kAckTimeoutMs = 10000;

void set_option(int fd, int level, int name, int value) {
  (void)setsockopt(fd, level, name, &value, sizeof value);  // best effort: defaults still work
}

int buffer_size(int fd, int name) {
  int value = 0;
  socklen_t size = sizeof value;
  if (getsockopt(fd, SOL_SOCKET, name, &value, &size) != 0) return 0;
  return value;
}

}  // namespace

std::optional<NetlinkBatchSocket> NetlinkBatchSocket::open(std::string& error) {
  const int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  if (fd < 0) {
    error = std::string("netlink socket: ") + std::strerror(errno);
    return std::nullopt;
  }
  set_option(fd, SOL_SOCKET, SO_SNDBUFFORCE, kBufferBytes);
  set_option(fd, SOL_SOCKET, SO_RCVBUFFORCE, kBufferBytes);
  set_option(fd, SOL_NETLINK, NETLINK_CAP_ACK, 1);
  set_option(fd, SOL_NETLINK, NETLINK_EXT_ACK, 1);
  sockaddr_nl local{};
  local.nl_family = AF_NETLINK;
  if (bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
    error = std::string("netlink bind: ") + std::strerror(errno);
    ::close(fd);
    return std::nullopt;
  }
  // The send buffer bounds one sendmsg (the kernel reports doubled sizes);
  // the receive buffer bounds how many acks (one skb each) can wait for us.
  const auto send = static_cast<std::size_t>(buffer_size(fd, SO_SNDBUF));
  const auto receive = static_cast<std::size_t>(buffer_size(fd, SO_RCVBUF));
  const std::size_t bytes = std::clamp<std::size_t>(send / 4, 16 * 1024, 1 << 20);
  const std::size_t messages = std::clamp<std::size_t>(receive / 2 / 2048, 16, 4096);
  return NetlinkBatchSocket(fd, bytes, messages);
}

NetlinkBatchSocket::NetlinkBatchSocket(NetlinkBatchSocket&& other) noexcept
    : fd_(other.fd_), max_batch_bytes_(other.max_batch_bytes_), max_batch_messages_(other.max_batch_messages_) {
  other.fd_ = -1;
}

NetlinkBatchSocket::~NetlinkBatchSocket() {
  if (fd_ >= 0) ::close(fd_);
}

NetlinkBatchSocket::Exchange NetlinkBatchSocket::exchange(const RequestBuffer& buffer,
                                                          std::uint32_t first_seq) {
  Exchange result;
  std::set<std::uint32_t> waiting;
  for (std::size_t i = 0; i < buffer.messages(); ++i) {
    waiting.insert(first_seq + static_cast<std::uint32_t>(i));
  }
  if (waiting.empty()) return result;
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  const ssize_t sent = sendto(fd_, buffer.bytes().data(), buffer.size(), 0,
                              reinterpret_cast<sockaddr*>(&kernel), sizeof kernel);
  if (sent < 0 || static_cast<std::size_t>(sent) != buffer.size()) {
    result.socket_error = std::string("netlink send: ") + std::strerror(errno);
    result.unanswered.assign(waiting.begin(), waiting.end());
    return result;
  }
  std::vector<std::uint8_t> in(256 * 1024);
  int timeout_ms = kAckTimeoutMs;
  while (!waiting.empty()) {
    pollfd readable{fd_, POLLIN, 0};
    const int ready = ::poll(&readable, 1, timeout_ms);
    if (ready == 0) {
      if (result.socket_error.empty()) result.socket_error = "netlink: no ack within 10 s";
      break;
    }
    if (ready < 0 && errno == EINTR) continue;
    const ssize_t got = recv(fd_, in.data(), in.size(), MSG_DONTWAIT);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      result.socket_error = std::string("netlink recv: ") + std::strerror(errno);
      if (errno != ENOBUFS) break;
      // ENOBUFS: some acks were dropped (the kernel ran their requests anyway).
      // Read the ones still queued, then stop waiting: the rest never come.
      timeout_ms = 0;
      continue;
    }
    const AckParse parse = parse_acks(in.data(), static_cast<std::size_t>(got));
    for (const auto& ack : parse.acks) {
      if (waiting.erase(ack.seq) != 0) result.acks.push_back(ack);
    }
    if (parse.malformed) {
      result.socket_error = "netlink recv: malformed answer";
      break;
    }
  }
  result.unanswered.assign(waiting.begin(), waiting.end());
  return result;
}

}  // namespace l3vpn::kernel
