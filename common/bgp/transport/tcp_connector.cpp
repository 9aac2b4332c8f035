#include "bgp/transport/tcp_connector.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include "bgp/transport/socket_options.hpp"

namespace l3vpn::bgp {

// An attempt not `done` belongs to a live connector as its current attempt
// (cancel(), a new connect() and the destructor all mark it done), so the
// completion handlers test `done` before they touch the connector.
struct TcpConnector::Attempt {
  explicit Attempt(boost::asio::io_context& io) : socket(io), timer(io) {}
  boost::asio::ip::tcp::socket socket;
  boost::asio::steady_timer timer;
  Handler handler;
  std::string target;
  bool done = false;

  // Runs the handler once, from the io_context.
  void finish(TcpConnector* owner, const std::shared_ptr<Attempt>& self, ConnectOutcome outcome) {
    if (done) return;
    done = true;
    timer.cancel();
    if (owner->attempt_ == self) owner->attempt_.reset();
    Handler h = std::move(handler);
    if (h) h(std::move(outcome));
  }
};

void TcpConnector::connect(const ConnectRequest& request, Handler handler) {
  cancel();
  auto attempt = std::make_shared<Attempt>(io_);
  attempt_ = attempt;
  attempt->handler = std::move(handler);
  const boost::asio::ip::tcp::endpoint remote(request.peer, request.port);
  attempt->target = request.peer.to_string() + ":" + std::to_string(request.port);

  const auto fail_soon = [this, attempt](boost::system::error_code error, std::string detail) {
    boost::system::error_code ignored;
    attempt->socket.close(ignored);
    boost::asio::post(io_, [this, attempt, error, detail = std::move(detail)] {
      if (attempt->done) return;  // cancelled meanwhile (maybe with the connector gone)
      attempt->finish(this, attempt, {nullptr, error, detail});
    });
  };
  boost::system::error_code error;
  attempt->socket.open(remote.protocol(), error);
  if (error) {
    fail_soon(error, "socket: " + error.message());
    return;
  }
  const int fd = attempt->socket.native_handle();
  if (auto bad = bind_to_device(fd, request.device)) {
    fail_soon(boost::asio::error::invalid_argument, *bad);
    return;
  }
  if (!request.md5_key.empty()) {
    if (auto bad = set_tcp_md5_key(fd, request.peer, request.md5_key)) {
      fail_soon(boost::asio::error::invalid_argument, *bad);
      return;
    }
  }
  if (request.source) {
    attempt->socket.bind(boost::asio::ip::tcp::endpoint(*request.source, 0), error);
    if (error) {
      fail_soon(error, "bind " + request.source->to_string() + ": " + error.message());
      return;
    }
  }
  attempt->timer.expires_after(request.timeout);
  attempt->timer.async_wait([this, attempt](const boost::system::error_code& wait_error) {
    if (wait_error || attempt->done || attempt_ != attempt) return;
    boost::system::error_code ignored;
    attempt->socket.close(ignored);
    attempt->finish(this, attempt,
                    {nullptr, boost::asio::error::timed_out,
                     "connect " + attempt->target + ": timed out"});
  });
  attempt->socket.async_connect(remote, [this, attempt](const boost::system::error_code& result) {
    if (attempt->done || attempt_ != attempt) return;  // timed out or cancelled
    if (result) {
      attempt->finish(this, attempt,
                      {nullptr, result, "connect " + attempt->target + ": " + result.message()});
      return;
    }
    attempt->finish(this, attempt, {TcpConnection::adopt(std::move(attempt->socket)), {}, {}});
  });
}

void TcpConnector::cancel() {
  if (!attempt_) return;
  const auto attempt = std::move(attempt_);
  attempt_.reset();
  attempt->done = true;
  attempt->handler = nullptr;
  attempt->timer.cancel();
  boost::system::error_code ignored;
  attempt->socket.close(ignored);
}

}  // namespace l3vpn::bgp
