#include "cli/control_client.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cli/control_protocol.hpp"

namespace l3vpn::cli {

namespace {

constexpr std::size_t kMaxReplyBytes = 16 * 1024 * 1024;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() { if (fd_ >= 0) ::close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

int remaining_ms(std::chrono::steady_clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

bool wait_for(int fd, short events, std::chrono::steady_clock::time_point deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int rc = ::poll(&p, 1, remaining_ms(deadline));
    if (rc > 0) return true;
    if (rc == 0) return false;
    if (errno != EINTR) return false;
  }
}

}  // namespace

ControlReply send_control_request(const std::string& socket_path, std::string_view line,
                                  std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const std::string where = "control socket " + socket_path;
  sockaddr_un addr{};
  if (socket_path.empty() || socket_path.size() >= sizeof addr.sun_path) {
    return {std::nullopt, where + ": path empty or too long"};
  }
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  Fd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (fd.get() < 0) return {std::nullopt, "cannot create a socket: " + std::string(std::strerror(errno))};
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    return {std::nullopt, "cannot connect to " + where + ": " + std::strerror(errno)};
  }

  const std::string request = encode_request(line);
  std::size_t sent = 0;
  while (sent < request.size()) {
    if (!wait_for(fd.get(), POLLOUT, deadline)) return {std::nullopt, where + ": timed out sending"};
    const ssize_t n = ::send(fd.get(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    // The daemon may answer and close before reading everything (a request
    // over its limit): read its answer rather than report the broken pipe.
    if (n < 0 && (errno == EPIPE || errno == ECONNRESET)) break;
    if (n < 0) return {std::nullopt, where + ": send failed: " + std::strerror(errno)};
    sent += static_cast<std::size_t>(n);
  }

  std::string reply;
  char buffer[8192];
  for (;;) {
    if (!wait_for(fd.get(), POLLIN, deadline)) return {std::nullopt, where + ": timed out waiting for the reply"};
    const ssize_t n = ::recv(fd.get(), buffer, sizeof buffer, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == ECONNRESET && !reply.empty()) break;
    if (n < 0) return {std::nullopt, where + ": receive failed: " + std::strerror(errno)};
    if (n == 0) break;
    reply.append(buffer, static_cast<std::size_t>(n));
    if (reply.size() > kMaxReplyBytes) return {std::nullopt, where + ": reply larger than 16 MiB"};
  }
  auto result = decode_reply(reply);
  if (!result) return {std::nullopt, where + ": reply without a status line (not an l3vpn daemon?)"};
  return {std::move(result), {}};
}

}  // namespace l3vpn::cli
