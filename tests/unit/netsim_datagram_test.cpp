// Datagram segments of the simulated network: latency, delivery to every
// other interface (multicast), unicast by address, and link down/up.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "netsim/network.hpp"

using namespace std::chrono_literals;
using l3vpn::config::Ipv4Address;
using l3vpn::netsim::Datagram;
using l3vpn::netsim::Interface;
using l3vpn::netsim::Network;

namespace {

Ipv4Address ip(const char* text) { return *Ipv4Address::parse(text); }

struct Received {
  std::string at;
  std::string from;
  std::vector<std::uint8_t> bytes;
  std::chrono::nanoseconds when;
};

void record(Interface& iface, std::vector<Received>& log, const Network& net,
            l3vpn::core::TimePoint start) {
  iface.on_receive([&log, &net, start, at = iface.node().name()](const Datagram& d) {
    log.push_back({at, d.from_node + "/" + d.from_interface, d.bytes, net.now() - start});
  });
}

}  // namespace

TEST_CASE("netsim datagram: a send reaches every other interface after the latency") {
  Network net;
  auto& lan = net.add_segment("lan", 3ms);
  auto& r1 = lan.attach(net.add_node("R1"), "eth0", ip("10.0.0.1"));
  auto& r2 = lan.attach(net.add_node("R2"), "eth0", ip("10.0.0.2"));
  auto& r3 = lan.attach(net.add_node("R3"), "eth1", ip("10.0.0.3"));
  const auto start = net.now();
  std::vector<Received> log;
  record(r1, log, net, start);
  record(r2, log, net, start);
  record(r3, log, net, start);

  const std::vector<std::uint8_t> hello{1, 2, 3};
  r1.send(hello);
  net.advance(2ms);
  CHECK(log.empty());
  net.run_until_idle();
  REQUIRE(log.size() == 2);  // not back to the sender
  CHECK(log[0].at == "R2");
  CHECK(log[1].at == "R3");
  for (const auto& r : log) {
    CHECK(r.from == "R1/eth0");
    CHECK(r.bytes == hello);
    CHECK(r.when == 3ms);
  }
  CHECK(lan.delivered() == 2);
  CHECK(lan.dropped() == 0);
}

TEST_CASE("netsim datagram: send_to reaches only the addressed interface") {
  Network net;
  auto& lan = net.add_segment("lan");
  auto& r1 = lan.attach(net.add_node("R1"), "eth0", ip("10.0.0.1"));
  auto& r2 = lan.attach(net.add_node("R2"), "eth0", ip("10.0.0.2"));
  auto& r3 = lan.attach(net.add_node("R3"), "eth0", ip("10.0.0.3"));
  std::vector<Received> log;
  record(r2, log, net, net.now());
  record(r3, log, net, net.now());
  Ipv4Address source{};
  std::optional<Ipv4Address> destination;
  r3.on_receive([&](const Datagram& d) {
    source = d.source;
    destination = d.destination;
    log.push_back({"R3", d.from_node, d.bytes, {}});
  });
  r1.send_to(ip("10.0.0.3"), std::vector<std::uint8_t>{9});
  r1.send_to(ip("10.0.0.99"), std::vector<std::uint8_t>{8});  // nobody: dropped
  net.run_until_idle();
  REQUIRE(log.size() == 1);
  CHECK(log[0].at == "R3");
  CHECK(source == ip("10.0.0.1"));
  CHECK(destination == ip("10.0.0.3"));
  CHECK(lan.dropped() == 1);
}

TEST_CASE("netsim datagram: sends from one interface keep their order") {
  Network net;
  auto& link = net.add_segment("R1-R2", 1ms);
  auto& r1 = link.attach(net.add_node("R1"), "eth0", ip("10.1.0.1"));
  auto& r2 = link.attach(net.add_node("R2"), "eth0", ip("10.1.0.2"));
  std::vector<std::uint8_t> seen;
  r2.on_receive([&](const Datagram& d) { seen.push_back(d.bytes.at(0)); });
  for (std::uint8_t i = 0; i < 10; ++i) r1.send(std::vector<std::uint8_t>{i});
  net.run_until_idle();
  CHECK(seen == std::vector<std::uint8_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("netsim datagram: link down drops what is in flight and tells the interfaces") {
  Network net;
  auto& link = net.add_segment("R1-R2", 5ms);
  auto& r1 = link.attach(net.add_node("R1"), "eth0", ip("10.1.0.1"));
  auto& r2 = link.attach(net.add_node("R2"), "eth0", ip("10.1.0.2"));
  int received = 0;
  std::vector<bool> r1_states, r2_states;
  r2.on_receive([&](const Datagram&) { ++received; });
  r1.on_link_state([&](bool up) { r1_states.push_back(up); });
  r2.on_link_state([&](bool up) { r2_states.push_back(up); });

  r1.send(std::vector<std::uint8_t>{1});
  net.advance(2ms);
  net.set_link_up(link, false);
  CHECK_FALSE(r1.is_up());
  r1.send(std::vector<std::uint8_t>{2});  // sent while down
  net.run_until_idle();
  CHECK(received == 0);
  CHECK(link.dropped() == 2);
  CHECK(r1_states == std::vector<bool>{false});
  CHECK(r2_states == std::vector<bool>{false});

  net.set_link_up(link, true);
  r1.send(std::vector<std::uint8_t>{3});
  net.run_until_idle();
  CHECK(received == 1);
  CHECK(r2_states == std::vector<bool>{false, true});
}

TEST_CASE("netsim: two protocols on one link each get their own datagrams; both hear the link go down") {
  Network net;
  l3vpn::netsim::Node& n1 = net.add_node("R1");
  l3vpn::netsim::Node& n2 = net.add_node("R2");
  l3vpn::netsim::Segment& link = net.add_segment("R1-R2");
  Interface& r1 = link.attach(n1, "eth0", ip("10.0.0.1"));
  Interface& r2 = link.attach(n2, "eth0", ip("10.0.0.2"));
  std::vector<std::string> seen;
  r2.on_receive(89, [&](const Datagram& d) { seen.push_back("ospf " + std::to_string(d.bytes.at(0))); });
  r2.on_receive(646, [&](const Datagram& d) { seen.push_back("ldp " + std::to_string(d.bytes.at(0))); });
  std::vector<std::string> link_events;
  r2.on_link_state(89, [&](bool up) { link_events.push_back(up ? "ospf up" : "ospf down"); });
  r2.on_link_state(646, [&](bool up) { link_events.push_back(up ? "ldp up" : "ldp down"); });
  r1.send(std::vector<std::uint8_t>{1}, 89);
  r1.send(std::vector<std::uint8_t>{2}, 646);
  r1.send_to(ip("10.0.0.2"), std::vector<std::uint8_t>{3}, 17);  // nobody listens for 17
  net.run_until_idle();
  CHECK(seen == std::vector<std::string>{"ospf 1", "ldp 2"});
  CHECK(link.dropped() == 1);
  net.set_link_up(link, false);
  net.run_until_idle();
  CHECK(link_events == std::vector<std::string>{"ospf down", "ldp down"});
}
