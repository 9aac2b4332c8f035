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
    : fd_(other.fd_),
      max_batch_bytes_(other.max_batch_bytes_),
      max_batch_messages_(other.max_batch_messages_),
      ack_mode_(other.ack_mode_) {
  other.fd_ = -1;
}

NetlinkBatchSocket::~NetlinkBatchSocket() {
  if (fd_ >= 0) ::close(fd_);
}

NetlinkBatchSocket::Exchange NetlinkBatchSocket::exchange(const RequestBuffer& buffer,
                                                          std::uint32_t first_seq) {
  return exchange(buffer.bytes(), buffer.messages(), first_seq);
}

NetlinkBatchSocket::Exchange NetlinkBatchSocket::exchange(std::vector<std::uint8_t> bytes, std::size_t messages,
                                                          std::uint32_t first_seq) {
  Exchange result;
  if (messages == 0) return result;
  // Malformed bytes keep every ack (and then fail at the kernel, one by one).
  const AckMode mode = ack_mode_ == AckMode::ErrorsOnly && ack_last_only(bytes) ? AckMode::ErrorsOnly
                                                                                : AckMode::EveryRequest;
  std::set<std::uint32_t> waiting;  // EveryRequest: all; ErrorsOnly: the last one
  for (std::size_t i = mode == AckMode::ErrorsOnly ? messages - 1 : 0; i < messages; ++i) {
    waiting.insert(first_seq + static_cast<std::uint32_t>(i));
  }
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  const ssize_t sent = sendto(fd_, bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&kernel),
                              sizeof kernel);
  if (sent < 0 || static_cast<std::size_t>(sent) != bytes.size()) {
    result.socket_error = std::string("netlink send: ") + std::strerror(errno);
    result.unanswered = settle_batch(mode, first_seq, messages, {}, true).unanswered;
    return result;
  }
  std::vector<Ack> answered;
  bool lost = false;
  std::vector<std::uint8_t> in(256 * 1024);
  int timeout_ms = kAckTimeoutMs;
  while (!waiting.empty()) {
    pollfd readable{fd_, POLLIN, 0};
    const int ready = ::poll(&readable, 1, timeout_ms);
    if (ready == 0) {
      if (result.socket_error.empty()) result.socket_error = "netlink: no ack within 10 s";
      lost = true;
      break;
    }
    if (ready < 0 && errno == EINTR) continue;
    const ssize_t got = recv(fd_, in.data(), in.size(), MSG_DONTWAIT);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      result.socket_error = std::string("netlink recv: ") + std::strerror(errno);
      lost = true;
      if (errno != ENOBUFS) break;
      // ENOBUFS: some answers were dropped (the kernel ran their requests anyway).
      // Read the ones still queued, then stop waiting: the rest never come.
      timeout_ms = 0;
      continue;
    }
    const AckParse parse = parse_acks(in.data(), static_cast<std::size_t>(got));
    for (const auto& ack : parse.acks) {
      if (ack.seq - first_seq >= messages) continue;  // a late answer to an earlier batch
      waiting.erase(ack.seq);
      answered.push_back(ack);
    }
    if (parse.malformed) {
      result.socket_error = "netlink recv: malformed answer";
      lost = true;
      break;
    }
  }
  BatchAnswers settled = settle_batch(mode, first_seq, messages, answered, lost);
  result.acks = std::move(settled.acks);
  result.unanswered = std::move(settled.unanswered);
  return result;
}

NetlinkBatchSocket::Dump NetlinkBatchSocket::dump(const std::vector<std::uint8_t>& request) {
  Dump result;
  nlmsghdr head{};
  if (request.size() < sizeof head) {
    result.error = "netlink dump: request shorter than a header";
    return result;
  }
  std::memcpy(&head, request.data(), sizeof head);
  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  const ssize_t sent = sendto(fd_, request.data(), request.size(), 0, reinterpret_cast<sockaddr*>(&kernel),
                              sizeof kernel);
  if (sent < 0 || static_cast<std::size_t>(sent) != request.size()) {
    result.error = std::string("netlink dump send: ") + std::strerror(errno);
    return result;
  }
  std::vector<std::uint8_t> in(256 * 1024);
  for (;;) {
    pollfd readable{fd_, POLLIN, 0};
    const int ready = ::poll(&readable, 1, kAckTimeoutMs);
    if (ready == 0) {
      result.error = "netlink dump: no answer within 10 s";
      return result;
    }
    if (ready < 0 && errno == EINTR) continue;
    const ssize_t got = recv(fd_, in.data(), in.size(), MSG_DONTWAIT);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      result.error = std::string("netlink dump recv: ") + std::strerror(errno);
      return result;  // ENOBUFS too: a dump with a hole is no dump
    }
    std::size_t at = 0;
    const auto size = static_cast<std::size_t>(got);
    while (at + sizeof(nlmsghdr) <= size) {
      nlmsghdr h{};
      std::memcpy(&h, in.data() + at, sizeof h);
      if (h.nlmsg_len < sizeof h || h.nlmsg_len > size - at) {
        result.error = "netlink dump: malformed answer";
        return result;
      }
      if (h.nlmsg_seq == head.nlmsg_seq) {
        if (h.nlmsg_type == NLMSG_DONE) return result;
        if (h.nlmsg_type == NLMSG_ERROR) {
          const AckParse parse = parse_acks(in.data() + at, h.nlmsg_len);
          result.kernel_error = parse.acks.empty() ? EIO : parse.acks.front().error;
          result.error = std::string("netlink dump: ") + std::strerror(result.kernel_error);
          return result;
        }
        result.messages.emplace_back(in.begin() + static_cast<std::ptrdiff_t>(at),
                                     in.begin() + static_cast<std::ptrdiff_t>(at + h.nlmsg_len));
      }
      at += NLMSG_ALIGN(h.nlmsg_len);
    }
  }
}

}  // namespace l3vpn::kernel
