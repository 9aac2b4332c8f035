#include "kernel/netlink_batch.hpp"

#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>

namespace l3vpn::kernel {

namespace {

constexpr int kBufferBytes = 8 << 20;

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
  // The send buffer bounds one sendmsg; an ack with an extended message is at
  // most ~100 bytes for a ~100-byte request, so half the receive buffer in
  // requests leaves room for every ack (the kernel reports doubled sizes).
  const int send = buffer_size(fd, SO_SNDBUF);
  const int receive = buffer_size(fd, SO_RCVBUF);
  const auto limit = static_cast<std::size_t>(std::min(send, receive) / 4);
  return NetlinkBatchSocket(fd, std::max<std::size_t>(limit, 16 * 1024));
}

NetlinkBatchSocket::NetlinkBatchSocket(NetlinkBatchSocket&& other) noexcept
    : fd_(other.fd_), max_batch_bytes_(other.max_batch_bytes_) {
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
  while (!waiting.empty()) {
    const ssize_t got = recv(fd_, in.data(), in.size(), 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      // ENOBUFS: acks were dropped; the kernel has run every request anyway,
      // the ones without an answer are retried by the caller.
      result.socket_error = std::string("netlink recv: ") + std::strerror(errno);
      break;
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
