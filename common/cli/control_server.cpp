#include "cli/control_server.hpp"

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <cerrno>
#include <cstring>
#include <exception>

#include "cli/control_protocol.hpp"

namespace l3vpn::cli {

namespace {

constexpr std::size_t kMaxSessions = 64;
constexpr auto kRequestTimeout = std::chrono::seconds(10);

enum class SocketProbe { Absent, Stale, Live, NotSocket, Error };

SocketProbe probe_socket(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return errno == ENOENT ? SocketProbe::Absent : SocketProbe::Error;
  if (!S_ISSOCK(st.st_mode)) return SocketProbe::NotSocket;
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return SocketProbe::Error;
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  const int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr);
  ::close(fd);
  return rc == 0 ? SocketProbe::Live : SocketProbe::Stale;
}

}  // namespace

class ControlServer::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::local::stream_protocol::socket socket, std::shared_ptr<const Handler> handler,
          const core::Logger& log, std::shared_ptr<std::size_t> counter)
      : socket_(std::move(socket)), timer_(socket_.get_executor()), buffer_(kMaxRequestBytes),
        handler_(std::move(handler)), log_(log), counter_(std::move(counter)) {
    ++*counter_;
  }
  ~Session() { --*counter_; }

  void start() {
    auto self = shared_from_this();
    timer_.expires_after(kRequestTimeout);
    timer_.async_wait([self](const boost::system::error_code& ec) {
      if (ec) return;
      self->log_.debug("control: client sent no request within 10 seconds, closing");
      boost::system::error_code ignored;
      self->socket_.close(ignored);
    });
    boost::asio::async_read_until(
        socket_, buffer_, '\n', [self](const boost::system::error_code& ec, std::size_t n) {
          self->on_read(ec, n);
        });
  }

 private:
  void on_read(const boost::system::error_code& ec, std::size_t length) {
    timer_.cancel();
    CommandResult result;
    if (ec == boost::asio::error::not_found) {
      result = CommandResult::failure("% Request too long (more than " +
                                      std::to_string(kMaxRequestBytes) + " bytes)\n");
    } else if (ec && !(ec == boost::asio::error::eof && buffer_.size() > 0)) {
      log_.debug("control: read failed: " + ec.message());
      return;
    } else {
      const std::size_t take = ec ? buffer_.size() : length;
      std::string line(boost::asio::buffers_begin(buffer_.data()),
                       boost::asio::buffers_begin(buffer_.data()) + static_cast<std::ptrdiff_t>(take));
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      log_.debug("control: request \"" + line + "\"");
      try {
        result = (*handler_)(line);
      } catch (const std::exception& e) {
        log_.error("control: command \"" + line + "\" failed: " + e.what());
        result = CommandResult::failure(std::string("% Internal error: ") + e.what() + "\n");
      }
    }
    reply_ = encode_reply(result);
    auto self = shared_from_this();
    boost::asio::async_write(socket_, boost::asio::buffer(reply_),
                             [self](const boost::system::error_code& write_error, std::size_t) {
                               if (write_error) {
                                 self->log_.debug("control: write failed: " + write_error.message());
                               }
                               boost::system::error_code ignored;
                               self->socket_.shutdown(
                                   boost::asio::local::stream_protocol::socket::shutdown_both, ignored);
                               self->socket_.close(ignored);
                             });
  }

  boost::asio::local::stream_protocol::socket socket_;
  boost::asio::steady_timer timer_;
  boost::asio::streambuf buffer_;
  std::string reply_;
  std::shared_ptr<const Handler> handler_;
  const core::Logger& log_;
  std::shared_ptr<std::size_t> counter_;
};

ControlServer::ControlServer(boost::asio::io_context& io, std::string path, Handler handler,
                             const core::Logger& log)
    : path_(std::move(path)),
      handler_(std::make_shared<const Handler>(std::move(handler))),
      log_(log),
      acceptor_(io),
      active_sessions_(std::make_shared<std::size_t>(0)), retry_timer_(io) {}

ControlServer::~ControlServer() { close(); }

std::optional<std::string> ControlServer::open() {
  if (path_.empty()) return "control socket path is empty";
  if (path_.size() >= sizeof(sockaddr_un{}.sun_path)) {
    return "control socket path " + path_ + " is too long (at most " +
           std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) + " bytes)";
  }
  switch (probe_socket(path_)) {
    case SocketProbe::Live:
      return "control socket " + path_ + " is in use by a running daemon";
    case SocketProbe::NotSocket:
      return "control socket path " + path_ + " exists and is not a socket";
    case SocketProbe::Error:
      return "cannot inspect control socket path " + path_ + ": " + std::strerror(errno);
    case SocketProbe::Stale:
      log_.info("removing stale control socket " + path_);
      ::unlink(path_.c_str());
      break;
    case SocketProbe::Absent: break;
  }
  boost::system::error_code ec;
  const boost::asio::local::stream_protocol::endpoint endpoint(path_);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (ec) return "cannot bind control socket " + path_ + ": " + ec.message();
  open_ = true;
  if (::chmod(path_.c_str(), 0600) != 0) {
    const std::string error = std::strerror(errno);
    close();
    return "cannot set mode 0600 on control socket " + path_ + ": " + error;
  }
  acceptor_.listen(boost::asio::socket_base::max_listen_connections, ec);
  if (ec) {
    close();
    return "cannot listen on control socket " + path_ + ": " + ec.message();
  }
  accept_next();
  return std::nullopt;
}

void ControlServer::close() {
  if (!open_) return;
  open_ = false;
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  retry_timer_.cancel();
  ::unlink(path_.c_str());
}

void ControlServer::accept_next() {
  acceptor_.async_accept([this](const boost::system::error_code& ec,
                                boost::asio::local::stream_protocol::socket socket) {
    if (ec == boost::asio::error::operation_aborted || !open_) return;
    if (ec) {
      log_.warning("control: accept failed: " + ec.message());
      retry_timer_.expires_after(std::chrono::milliseconds(100));
      retry_timer_.async_wait([this](const boost::system::error_code& wait_error) {
        if (!wait_error && open_) accept_next();
      });
      return;
    }
    if (*active_sessions_ >= kMaxSessions) {
      log_.warning("control: too many connections, refusing one");
    } else {
      std::make_shared<Session>(std::move(socket), handler_, log_, active_sessions_)->start();
    }
    accept_next();
  });
}

}  // namespace l3vpn::cli
