// The BGP transport edge on real sockets over loopback: listener, connector
// with an update-source address, message framing across odd TCP splits, a bad
// header reported as the DecodeError the session answers with, close, and
// TCP MD5 (RFC 2385). Every wait is bounded; listeners use port 0 (the kernel
// picks a free port) so parallel runs never collide.
#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bgp/codec/message.hpp"
#include "bgp/codec/open.hpp"
#include "bgp/transport/tcp_connector.hpp"
#include "bgp/transport/tcp_listener.hpp"

using namespace std::chrono_literals;
namespace asio = boost::asio;
using l3vpn::bgp::ConnectOutcome;
using l3vpn::bgp::ConnectRequest;
using l3vpn::bgp::DecodeError;
using l3vpn::bgp::ListenerConfig;
using l3vpn::bgp::MessageHeader;
using l3vpn::bgp::MessageType;
using l3vpn::bgp::TcpConnection;
using l3vpn::bgp::TcpConnector;
using l3vpn::bgp::TcpListener;
using Bytes = std::vector<std::uint8_t>;

namespace {

// Runs the io_context until `condition` holds or `timeout` passes.
template <typename Condition>
bool run_until(asio::io_context& io, Condition condition,
               std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition() && std::chrono::steady_clock::now() < deadline) {
    io.restart();
    if (io.run_for(5ms) == 0) std::this_thread::sleep_for(1ms);
  }
  return condition();
}

void run_for(asio::io_context& io, std::chrono::milliseconds d) {
  run_until(io, [] { return false; }, d);
}

asio::ip::address addr(const char* text) { return asio::ip::make_address(text); }

// What one end of a connection saw.
struct Seen {
  std::vector<Bytes> messages;
  std::vector<MessageType> types;
  std::optional<DecodeError> decode_error;
  std::optional<boost::system::error_code> closed;

  void watch(const std::shared_ptr<TcpConnection>& c) {
    c->start(
        [this](const MessageHeader& h, std::span<const std::uint8_t> m) {
          types.push_back(h.type);
          messages.emplace_back(m.begin(), m.end());
        },
        [this](const DecodeError& e) { decode_error = e; },
        [this](const boost::system::error_code& e) { closed = e; });
  }
};

// A listener on 127.0.0.1 (port 0) and the connections it accepted.
struct Server {
  asio::io_context& io;
  std::vector<std::shared_ptr<TcpConnection>> accepted;
  std::vector<std::unique_ptr<Seen>> seen;
  TcpListener listener;

  explicit Server(asio::io_context& context)
      : io(context),
        listener(context, config(), [this](std::shared_ptr<TcpConnection> c) {
          seen.push_back(std::make_unique<Seen>());
          seen.back()->watch(c);
          accepted.push_back(std::move(c));
        }) {}
  static ListenerConfig config() {
    ListenerConfig c;
    c.address = addr("127.0.0.1");
    c.port = 0;
    return c;
  }
  std::uint16_t port() const { return listener.local_endpoint().port(); }
};

ConnectRequest request_to(std::uint16_t port, const char* source = "127.0.0.2") {
  ConnectRequest r;
  r.peer = addr("127.0.0.1");
  r.port = port;
  r.source = addr(source);
  r.timeout = 5s;
  return r;
}

// Connects and waits for the outcome.
ConnectOutcome connect(asio::io_context& io, TcpConnector& connector, const ConnectRequest& r,
                       std::chrono::milliseconds timeout = 5s) {
  std::optional<ConnectOutcome> outcome;
  connector.connect(r, [&](ConnectOutcome o) { outcome = std::move(o); });
  run_until(io, [&] { return outcome.has_value(); }, timeout);
  return outcome.value_or(ConnectOutcome{nullptr, asio::error::timed_out, "no outcome"});
}

Bytes open_message() {
  return l3vpn::bgp::encode_open(
      l3vpn::bgp::make_open(65000, 90, 0x01010101, {l3vpn::bgp::kVpnv4Unicast}));
}

}  // namespace

TEST_CASE("bgp transport: connect from an update-source address and accept") {
  asio::io_context io;
  Server server(io);
  REQUIRE_FALSE(server.listener.open());
  TcpConnector connector(io);
  const auto outcome = connect(io, connector, request_to(server.port()));
  INFO(outcome.detail);
  REQUIRE(outcome.connection);
  CHECK(outcome.connection->local_endpoint().address() == addr("127.0.0.2"));
  CHECK(outcome.connection->remote_endpoint().port() == server.port());
  REQUIRE(run_until(io, [&] { return server.accepted.size() == 1; }));
  CHECK(server.accepted[0]->remote_endpoint().address() == addr("127.0.0.2"));
  CHECK_FALSE(connector.in_progress());
}

TEST_CASE("bgp transport: messages written in odd chunks arrive whole and in order") {
  asio::io_context io;
  Server server(io);
  REQUIRE_FALSE(server.listener.open());
  TcpConnector connector(io);
  const auto client = connect(io, connector, request_to(server.port())).connection;
  REQUIRE(client);
  REQUIRE(run_until(io, [&] { return server.accepted.size() == 1; }));

  const Bytes open = open_message();
  const Bytes keepalive = l3vpn::bgp::encode_keepalive();
  const Bytes big_update = l3vpn::bgp::frame(MessageType::Update, Bytes(4000, 0));
  Bytes stream;
  for (const Bytes* m : {&open, &keepalive, &big_update, &keepalive}) {
    stream.insert(stream.end(), m->begin(), m->end());
  }
  // 1, 18, 2, 37, ... bytes: splits inside the marker, the length field and bodies.
  const std::size_t sizes[] = {1, 18, 2, 37, 5, 1000, 3, 4096};
  std::size_t at = 0;
  for (std::size_t i = 0; at < stream.size(); ++i) {
    const std::size_t n = std::min(sizes[i % std::size(sizes)], stream.size() - at);
    CHECK(client->send(Bytes(stream.begin() + static_cast<std::ptrdiff_t>(at),
                             stream.begin() + static_cast<std::ptrdiff_t>(at + n))));
    at += n;
    run_for(io, 2ms);  // lets each piece reach the peer on its own
  }
  Seen& seen = *server.seen[0];
  REQUIRE(run_until(io, [&] { return seen.messages.size() == 4; }));
  CHECK(seen.types == std::vector<MessageType>{MessageType::Open, MessageType::Keepalive,
                                               MessageType::Update, MessageType::Keepalive});
  CHECK(seen.messages[0] == open);
  CHECK(seen.messages[1] == keepalive);
  CHECK(seen.messages[2] == big_update);
  CHECK_FALSE(seen.decode_error);
}

TEST_CASE("bgp transport: longer messages only after the extended message capability") {
  asio::io_context io;
  Server server(io);
  REQUIRE_FALSE(server.listener.open());
  TcpConnector connector(io);
  const auto client = connect(io, connector, request_to(server.port())).connection;
  REQUIRE(client);
  REQUIRE(run_until(io, [&] { return server.accepted.size() == 1; }));
  server.accepted[0]->set_max_message_length(l3vpn::bgp::kMaxExtendedMessageLength);
  const Bytes extended = l3vpn::bgp::frame(MessageType::Update, Bytes(10000, 7));
  client->send(extended);
  REQUIRE(run_until(io, [&] { return server.seen[0]->messages.size() == 1; }));
  CHECK(server.seen[0]->messages[0] == extended);

  // A second connection at the default 4096: the same message is a header error.
  const auto second = connect(io, connector, request_to(server.port())).connection;
  REQUIRE(second);
  REQUIRE(run_until(io, [&] { return server.accepted.size() == 2; }));
  second->send(extended);
  REQUIRE(run_until(io, [&] { return server.seen[1]->decode_error.has_value(); }));
  CHECK(server.seen[1]->decode_error->code == l3vpn::bgp::ErrorCode::MessageHeader);
  CHECK(server.seen[1]->decode_error->subcode == l3vpn::bgp::header_subcode::BadMessageLength);
}

TEST_CASE("bgp transport: a bad marker is a DecodeError; the NOTIFICATION still goes out") {
  asio::io_context io;
  Server server(io);
  REQUIRE_FALSE(server.listener.open());
  TcpConnector connector(io);
  const auto client = connect(io, connector, request_to(server.port())).connection;
  REQUIRE(client);
  Seen client_seen;
  client_seen.watch(client);
  REQUIRE(run_until(io, [&] { return server.accepted.size() == 1; }));

  Bytes bad = l3vpn::bgp::encode_keepalive();
  bad[3] = 0x00;  // the marker must be all ones
  client->send(l3vpn::bgp::encode_keepalive());
  client->send(bad);
  client->send(l3vpn::bgp::encode_keepalive());  // never read: framing is lost
  Seen& seen = *server.seen[0];
  REQUIRE(run_until(io, [&] { return seen.decode_error.has_value(); }));
  CHECK(seen.messages.size() == 1);
  CHECK(seen.decode_error->code == l3vpn::bgp::ErrorCode::MessageHeader);
  CHECK(seen.decode_error->subcode == l3vpn::bgp::header_subcode::ConnectionNotSynchronized);

  // What the session does next: send the NOTIFICATION, close.
  const auto& server_end = server.accepted[0];
  CHECK(server_end->send(l3vpn::bgp::frame(
      MessageType::Notification,
      l3vpn::bgp::encode_notification(l3vpn::bgp::to_notification(*seen.decode_error)))));
  server_end->close();
  CHECK_FALSE(server_end->is_open());
  REQUIRE(run_until(io, [&] { return client_seen.closed.has_value(); }));
  CHECK(client_seen.types == std::vector<MessageType>{MessageType::Notification});
  CHECK(*client_seen.closed == asio::error::eof);
}

TEST_CASE("bgp transport: close is seen by the peer after the queued messages") {
  asio::io_context io;
  Server server(io);
  REQUIRE_FALSE(server.listener.open());
  TcpConnector connector(io);
  const auto client = connect(io, connector, request_to(server.port())).connection;
  REQUIRE(client);
  REQUIRE(run_until(io, [&] { return server.accepted.size() == 1; }));
  for (int i = 0; i < 20; ++i) client->send(l3vpn::bgp::encode_keepalive());
  client->close();
  CHECK_FALSE(client->send(l3vpn::bgp::encode_keepalive()));
  Seen& seen = *server.seen[0];
  REQUIRE(run_until(io, [&] { return seen.closed.has_value(); }));
  CHECK(seen.messages.size() == 20);
  CHECK(*seen.closed == asio::error::eof);
  CHECK_FALSE(server.accepted[0]->is_open());
}

TEST_CASE("bgp transport: connect errors name the step that failed") {
  asio::io_context io;
  TcpConnector connector(io);
  SUBCASE("nobody listening: refused") {
    Server server(io);
    REQUIRE_FALSE(server.listener.open());
    const std::uint16_t port = server.port();
    server.listener.close();
    const auto outcome = connect(io, connector, request_to(port));
    CHECK_FALSE(outcome.connection);
    CHECK(outcome.error == asio::error::connection_refused);
    CHECK(outcome.detail.find("connect 127.0.0.1:") == 0);
  }
  SUBCASE("a source address this host does not have") {
    auto r = request_to(1, "192.0.2.77");
    const auto outcome = connect(io, connector, r);
    CHECK_FALSE(outcome.connection);
    CHECK(outcome.detail.find("bind 192.0.2.77") == 0);
  }
  SUBCASE("a listener on a port in use") {
    Server first(io);
    REQUIRE_FALSE(first.listener.open());
    ListenerConfig c = Server::config();
    c.port = first.port();
    TcpListener second(io, c, [](std::shared_ptr<TcpConnection>) {});
    const auto error = second.open();
    REQUIRE(error);
    CHECK(error->find("bind") != std::string::npos);
  }
}

TEST_CASE("bgp transport: TCP MD5 (RFC 2385)") {
  asio::io_context io;
  Server server(io);
  TcpConnector connector(io);

  CHECK(server.listener.set_peer_key(addr("127.0.0.3"), std::string(81, 'k')).has_value());
  if (const auto refused = server.listener.set_peer_key(addr("127.0.0.3"), "s3cret")) {
    // A kernel without CONFIG_TCP_MD5SIG: the error path must say so.
    MESSAGE("kernel refused TCP_MD5SIG: " << *refused);
    CHECK(refused->find("TCP_MD5SIG") != std::string::npos);
    auto r = request_to(1, "127.0.0.3");
    r.md5_key = "s3cret";
    const auto outcome = connect(io, connector, r);
    CHECK_FALSE(outcome.connection);
    CHECK(outcome.detail.find("TCP_MD5SIG") != std::string::npos);
    return;
  }
  REQUIRE_FALSE(server.listener.open());

  SUBCASE("same key on both sides: connected, messages flow") {
    auto r = request_to(server.port(), "127.0.0.3");
    r.md5_key = "s3cret";
    const auto outcome = connect(io, connector, r);
    INFO(outcome.detail);
    REQUIRE(outcome.connection);
    REQUIRE(run_until(io, [&] { return server.accepted.size() == 1; }));
    outcome.connection->send(open_message());
    REQUIRE(run_until(io, [&] { return server.seen[0]->messages.size() == 1; }));
    CHECK(server.seen[0]->messages[0] == open_message());
  }
  SUBCASE("a different key: no connection within 2 s") {
    auto r = request_to(server.port(), "127.0.0.3");
    r.md5_key = "wrong";
    r.timeout = 2s;
    const auto outcome = connect(io, connector, r, 4s);
    CHECK_FALSE(outcome.connection);
    CHECK(outcome.error == asio::error::timed_out);
    CHECK(server.accepted.empty());
  }
  SUBCASE("no key from a peer that has one: no connection") {
    auto r = request_to(server.port(), "127.0.0.3");
    r.timeout = 1s;
    const auto outcome = connect(io, connector, r, 3s);
    CHECK_FALSE(outcome.connection);
    CHECK(server.accepted.empty());
  }
  SUBCASE("a peer without a key configured still connects unsigned") {
    const auto outcome = connect(io, connector, request_to(server.port(), "127.0.0.4"));
    CHECK(outcome.connection);
  }
}
