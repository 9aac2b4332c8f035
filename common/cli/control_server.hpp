// The daemon's control socket (edge code, Asio): a Unix-domain stream socket
// serving the protocol of cli/control_protocol.hpp.
//
// Threads: runs on the daemon's single io_context thread; the handler is
//   called on it, one request at a time, and must not block.
// Limits: requests up to kMaxRequestBytes (a longer one is answered
//   "error" + "% Request too long ..." and closed); at most 64 connections at
//   once (more are closed at accept and logged); a client has 10 seconds to
//   send its line before it is disconnected.
// Socket file: mode 0600 (chmod after bind). At open(), a stale socket file
//   left by a dead daemon is removed; if a live daemon answers on the path, or
//   the path is not a socket, open() refuses with an error naming the path.
//   close() (and the destructor) stop accepting and remove the socket file.
// Failure: open() returns an error message instead of throwing; an accept error is logged and accepting
//   resumes after 100 ms; a handler that throws is answered "error" +
//   "% Internal error: ..." and logged; errors on one connection close that connection only and are logged at debug level.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cli/command_result.hpp"
#include "core/log.hpp"

namespace l3vpn::cli {

class ControlServer {
 public:
  using Handler = std::function<CommandResult(std::string_view line)>;

  ControlServer(boost::asio::io_context& io, std::string path, Handler handler,
                const core::Logger& log);
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  // Binds and starts accepting; an error message when it cannot.
  std::optional<std::string> open();
  void close();
  const std::string& path() const { return path_; }

 private:
  class Session;
  void accept_next();

  std::string path_;
  std::shared_ptr<const Handler> handler_;
  const core::Logger& log_;
  boost::asio::local::stream_protocol::acceptor acceptor_;
  std::shared_ptr<std::size_t> active_sessions_;
  boost::asio::steady_timer retry_timer_;
  bool open_ = false;
};

}  // namespace l3vpn::cli
