// Byte streams of the simulated network: connect/accept, in-order delivery
// cut into pieces by the chunking option, EOF, refused connects, link down.
#include <doctest/doctest.h>

#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include "netsim/network.hpp"

using namespace std::chrono_literals;
using l3vpn::config::Ipv4Address;
using l3vpn::netsim::Chunking;
using l3vpn::netsim::CloseReason;
using l3vpn::netsim::ConnectError;
using l3vpn::netsim::ConnectResult;
using l3vpn::netsim::Network;
using l3vpn::netsim::StreamEndpoint;
using l3vpn::netsim::StreamOptions;

namespace {

Ipv4Address ip(const char* text) { return *Ipv4Address::parse(text); }

// Two routers with loopbacks 1.1.1.1 and 2.2.2.2; R2 listens on 179.
struct TwoRouters {
  Network net;
  l3vpn::netsim::Node& r1 = net.add_node("R1");
  l3vpn::netsim::Node& r2 = net.add_node("R2");
  std::shared_ptr<StreamEndpoint> client;
  std::shared_ptr<StreamEndpoint> server;
  std::optional<ConnectError> error;
  std::vector<std::uint8_t> server_got;
  std::vector<std::size_t> server_pieces;
  std::vector<CloseReason> client_closed, server_closed;

  TwoRouters() {
    net.listen(r2, ip("2.2.2.2"), 179, [this](std::shared_ptr<StreamEndpoint> s) {
      server = s;
      s->on_data([this](std::span<const std::uint8_t> bytes) {
        server_got.insert(server_got.end(), bytes.begin(), bytes.end());
        server_pieces.push_back(bytes.size());
      });
      s->on_close([this](CloseReason r) { server_closed.push_back(r); });
    });
  }
  void connect(StreamOptions options = {}, const char* to = "2.2.2.2") {
    net.connect(r1, ip("1.1.1.1"), r2, ip(to), 179, [this](ConnectResult r) {
      client = r.stream;
      error = r.error;
      if (client) client->on_close([this](CloseReason reason) { client_closed.push_back(reason); });
    }, std::move(options));
  }
};

StreamOptions options(std::chrono::nanoseconds latency, Chunking chunking = {},
                      std::vector<const l3vpn::netsim::Segment*> path = {}) {
  StreamOptions o;
  o.latency = latency;
  o.chunking = std::move(chunking);
  o.path = std::move(path);
  return o;
}

std::vector<std::uint8_t> counting(std::size_t n, std::uint8_t from = 0) {
  std::vector<std::uint8_t> v(n);
  std::iota(v.begin(), v.end(), from);
  return v;
}

}  // namespace

TEST_CASE("netsim stream: connect takes one round trip; both ends know their addresses") {
  TwoRouters lab;
  const auto start = lab.net.now();
  lab.connect(options(4ms));
  lab.net.advance(4ms);
  CHECK(lab.server != nullptr);  // the SYN arrived: accepted
  CHECK(lab.client == nullptr);
  lab.net.run_until_idle();
  REQUIRE(lab.client != nullptr);
  CHECK_FALSE(lab.error);
  CHECK(lab.net.now() - start == 8ms);
  CHECK(lab.client->remote() == lab.server->local());
  CHECK(lab.server->remote() == lab.client->local());
  CHECK(lab.client->local().node == "R1");
  CHECK(lab.client->local().address == ip("1.1.1.1"));
  CHECK(lab.client->local().port >= 49152);
  CHECK(lab.server->local().port == 179);
  CHECK(lab.net.open_connections() == 1);
}

TEST_CASE("netsim stream: bytes arrive in order, after the latency, cut by the chunking") {
  TwoRouters lab;
  lab.connect(options(2ms, Chunking::pattern({1, 5, 3})));
  lab.net.run_until_idle();
  REQUIRE(lab.client);
  const auto sent_at = lab.net.now();
  CHECK(lab.client->write(counting(10, 0)));
  CHECK(lab.client->write(counting(10, 10)));  // same instant: coalesced with the first
  lab.net.advance(1ms);
  CHECK(lab.server_got.empty());
  lab.net.run_until_idle();
  CHECK(lab.net.now() - sent_at == 2ms);
  CHECK(lab.server_got == counting(20));
  // 20 bytes: 1, 5, 3, 1, 5, 3, 1, 1 - cut across the write boundary.
  CHECK(lab.server_pieces == std::vector<std::size_t>{1, 5, 3, 1, 5, 3, 1, 1});
  CHECK(lab.client->bytes_written() == 20);
  CHECK(lab.server->bytes_read() == 20);
}

TEST_CASE("netsim stream: seeded chunking is deterministic and keeps every byte") {
  const auto run = [] {
    TwoRouters lab;
    lab.connect(options(1ms, Chunking::seeded(42, 7)));
    lab.net.run_until_idle();
    for (int i = 0; i < 5; ++i) {
      lab.client->write(counting(50, static_cast<std::uint8_t>(i * 50)));
      lab.net.advance(100us);  // writes at different instants
    }
    lab.net.run_until_idle();
    CHECK(lab.server_got == counting(250));
    for (std::size_t piece : lab.server_pieces) CHECK((piece >= 1 && piece <= 7));
    return lab.server_pieces;
  };
  const auto first = run();
  CHECK(first.size() > 250 / 7);
  CHECK(first == run());
}

TEST_CASE("netsim stream: the client is connected before the server's first bytes arrive") {
  Network net;
  auto& r1 = net.add_node("R1");
  auto& r2 = net.add_node("R2");
  std::vector<std::string> client_saw;
  net.listen(r2, ip("2.2.2.2"), 179, [](std::shared_ptr<StreamEndpoint> s) {
    s->write(counting(2));  // at once, in the accept handler
  });
  std::shared_ptr<StreamEndpoint> client;
  net.connect(r1, ip("1.1.1.1"), r2, ip("2.2.2.2"), 179, [&](ConnectResult r) {
    client = r.stream;
    client_saw.push_back("connected");
    client->on_data([&](std::span<const std::uint8_t> b) {
      client_saw.push_back("data " + std::to_string(b.size()));
    });
  });
  net.run_until_idle();
  CHECK(client_saw == std::vector<std::string>{"connected", "data 2"});
}

TEST_CASE("netsim stream: data waits for a late on_data handler") {
  Network net;
  auto& r1 = net.add_node("R1");
  auto& r2 = net.add_node("R2");
  std::shared_ptr<StreamEndpoint> server, client;
  // On 0.0.0.0: any address of R2.
  net.listen(r2, Ipv4Address{}, 646, [&](std::shared_ptr<StreamEndpoint> s) { server = s; });
  net.connect(r1, ip("1.1.1.1"), r2, ip("2.2.2.2"), 646,
              [&](ConnectResult r) { client = r.stream; });
  net.run_until_idle();
  REQUIRE(client);
  client->write(counting(4));
  net.run_until_idle();
  std::vector<std::uint8_t> got;
  server->on_data([&](std::span<const std::uint8_t> b) { got.assign(b.begin(), b.end()); });
  net.run_until_idle();
  CHECK(got == counting(4));
}

TEST_CASE("netsim stream: close delivers the bytes in flight, then EOF") {
  TwoRouters lab;
  lab.connect();
  lab.net.run_until_idle();
  REQUIRE(lab.client);
  lab.client->write(counting(3));
  lab.client->close();
  CHECK_FALSE(lab.client->is_open());
  CHECK_FALSE(lab.client->write(counting(1)));
  CHECK(lab.server->is_open());
  lab.net.run_until_idle();
  CHECK(lab.server_got == counting(3));
  CHECK(lab.server_closed == std::vector<CloseReason>{CloseReason::PeerClosed});
  CHECK_FALSE(lab.server->is_open());
  CHECK(lab.client_closed.empty());  // the closer is not told
  CHECK(lab.net.open_connections() == 0);
}

TEST_CASE("netsim stream: connect with no listener is refused after a round trip") {
  TwoRouters lab;
  const auto start = lab.net.now();
  lab.connect(options(3ms), "2.2.2.99");
  lab.net.run_until_idle();
  CHECK(lab.client == nullptr);
  CHECK(lab.error == ConnectError::Refused);
  CHECK(lab.net.now() - start == 6ms);
  CHECK(lab.server == nullptr);

  CHECK(lab.net.stop_listening(lab.r2, ip("2.2.2.2"), 179));
  lab.error.reset();
  lab.connect();
  lab.net.run_until_idle();
  CHECK(lab.error == ConnectError::Refused);
}

TEST_CASE("netsim stream: a link on the path going down fails both ends, losing bytes in flight") {
  TwoRouters lab;
  auto& link = lab.net.add_segment("R1-R2");
  lab.connect(options(5ms, {}, {&link}));
  lab.net.run_until_idle();
  REQUIRE(lab.client);
  lab.client->write(counting(8));
  lab.net.advance(1ms);
  lab.net.set_link_up(link, false);
  lab.net.run_until_idle();
  CHECK(lab.server_got.empty());
  CHECK(lab.client_closed == std::vector<CloseReason>{CloseReason::LinkDown});
  CHECK(lab.server_closed == std::vector<CloseReason>{CloseReason::LinkDown});
  CHECK_FALSE(lab.client->write(counting(1)));
  CHECK(lab.net.open_connections() == 0);

  // While the link is down a new connection cannot be made.
  lab.client.reset();
  lab.connect(options(1ms, {}, {&link}));
  lab.net.run_until_idle();
  CHECK(lab.client == nullptr);
  CHECK(lab.error == ConnectError::Unreachable);

  lab.net.set_link_up(link, true);
  lab.connect(options(1ms, {}, {&link}));
  lab.net.run_until_idle();
  CHECK(lab.client != nullptr);
}
