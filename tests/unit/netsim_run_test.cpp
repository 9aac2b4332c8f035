// The simulated network's event loop: time order, tie-breaking, timers
// interleaved with deliveries, and the limits that keep a run bounded.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "netsim/network.hpp"

using namespace std::chrono_literals;
using l3vpn::netsim::Network;
using l3vpn::netsim::RunLimits;
using l3vpn::netsim::StopReason;

TEST_CASE("netsim run: events in time order, ties in scheduling order") {
  Network net;
  const auto start = net.now();
  std::vector<std::string> ran;
  net.schedule(5ms, [&] { ran.push_back("5ms-a"); });
  net.schedule(1ms, [&] { ran.push_back("1ms"); });
  net.schedule(5ms, [&] { ran.push_back("5ms-b"); });
  net.schedule(0ms, [&] {
    ran.push_back("0ms");
    net.schedule(5ms, [&] { ran.push_back("5ms-c"); });  // due with a and b, scheduled later
  });
  CHECK(ran.empty());  // nothing runs inside schedule()
  const auto result = net.run_until_idle();
  CHECK(result.idle());
  CHECK(result.events == 5);
  CHECK(result.pending == 0);
  CHECK(ran == std::vector<std::string>{"0ms", "1ms", "5ms-a", "5ms-b", "5ms-c"});
  CHECK(net.now() - start == 5ms);
}

TEST_CASE("netsim run: node timers interleave with deliveries and keep their names apart") {
  Network net;
  auto& r1 = net.add_node("R1");
  auto& r2 = net.add_node("R2");
  const auto start = net.now();
  std::vector<std::string> ran;
  r1.timers().start("hold", 3ms, [&] {
    ran.push_back("R1 hold");
    net.schedule(1ms, [&] { ran.push_back("sent by R1 hold"); });  // at 4 ms, before R2's timer
  });
  r2.timers().start("hold", 10ms, [&] { ran.push_back("R2 hold"); });
  net.schedule(3ms, [&] { ran.push_back("delivery at 3ms"); });
  CHECK(r1.timers().is_running("hold"));
  CHECK(r2.timers().is_running("hold"));
  CHECK(net.pending() == 3);

  const auto result = net.run_until_idle();
  CHECK(result.idle());
  CHECK(result.events == 4);
  // At one instant timers fire before deliveries.
  CHECK(ran == std::vector<std::string>{"R1 hold", "delivery at 3ms", "sent by R1 hold",
                                       "R2 hold"});
  CHECK(net.now() - start == 10ms);
  CHECK(r1.clock().now() == net.now());
}

TEST_CASE("netsim run: a cancelled or restarted timer does not fire") {
  Network net;
  auto& r1 = net.add_node("R1");
  int fired = 0;
  r1.timers().start("keepalive", 1ms, [&] { fired += 100; });
  r1.timers().start("keepalive", 2ms, [&] { fired += 1; });
  r1.timers().start("connect-retry", 1ms, [&] { fired += 1000; });
  CHECK(r1.timers().cancel("connect-retry"));
  CHECK(net.run_until_idle().idle());
  CHECK(fired == 1);
}

TEST_CASE("netsim run: a periodic timer is capped by max_events and max_time") {
  Network net;
  auto& r1 = net.add_node("R1");
  int ticks = 0;
  std::function<void()> tick = [&] {
    ++ticks;
    r1.timers().start("keepalive", 1s, tick);
  };
  r1.timers().start("keepalive", 1s, tick);

  const auto start = net.now();
  RunLimits limits;
  limits.max_events = 10;
  const auto by_events = net.run_until_idle(limits);
  CHECK(by_events.stopped == StopReason::MaxEvents);
  CHECK_FALSE(by_events.idle());
  CHECK(by_events.events == 10);
  CHECK(by_events.pending == 1);
  CHECK(ticks == 10);
  CHECK(net.now() - start == 10s);

  limits.max_events = 1000;
  limits.max_time = 5500ms;
  const auto by_time = net.run_until_idle(limits);
  CHECK(by_time.stopped == StopReason::MaxTime);
  CHECK(by_time.events == 5);
  CHECK(by_time.pending == 1);
  CHECK(net.now() - start == 15500ms);  // left at the limit
}

TEST_CASE("netsim advance: runs what falls due and leaves the clock at the end") {
  Network net;
  const auto start = net.now();
  int ran = 0;
  net.schedule(2ms, [&] { ++ran; });
  net.schedule(8ms, [&] { ++ran; });
  auto result = net.advance(5ms);
  CHECK(ran == 1);
  CHECK(result.stopped == StopReason::MaxTime);
  CHECK(result.pending == 1);
  CHECK(net.now() - start == 5ms);
  result = net.advance(10ms);
  CHECK(ran == 2);
  CHECK(result.idle());
  CHECK(net.now() - start == 15ms);
}

TEST_CASE("netsim network: names are unique") {
  Network net;
  net.add_node("R1");
  net.add_segment("lan");
  CHECK_THROWS_AS(net.add_node("R1"), std::invalid_argument);
  CHECK_THROWS_AS(net.add_segment("lan"), std::invalid_argument);
  CHECK(net.find_node("R1") != nullptr);
  CHECK(net.find_node("R9") == nullptr);
  CHECK(net.find_segment("lan") != nullptr);
}
