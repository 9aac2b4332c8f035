#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/manual_clock.hpp"

using namespace std::chrono_literals;
using l3vpn::core::ManualClock;
using l3vpn::core::ManualTimerService;

TEST_CASE("manual timers fire in deadline order, ties in start order") {
  ManualClock clock;
  ManualTimerService timers(clock);
  std::vector<std::string> fired;
  const auto start = clock.now();
  timers.start("c", 30s, [&] { fired.push_back("c"); });
  timers.start("a", 10s, [&] { fired.push_back("a"); });
  timers.start("b1", 20s, [&] { fired.push_back("b1"); });
  timers.start("b2", 20s, [&] { fired.push_back("b2"); });
  CHECK(timers.advance(9s) == 0);
  CHECK(fired.empty());
  CHECK(timers.advance(11s) == 3);
  CHECK(fired == std::vector<std::string>{"a", "b1", "b2"});
  CHECK(clock.now() == start + 20s);
  CHECK(timers.is_running("c"));
  CHECK(timers.advance(10s) == 1);
  CHECK(fired.back() == "c");
  CHECK(timers.pending() == 0);
}

TEST_CASE("the clock reads each timer's deadline while its callback runs") {
  ManualClock clock;
  ManualTimerService timers(clock);
  const auto start = clock.now();
  std::vector<l3vpn::core::TimePoint> seen;
  timers.start("x", 5s, [&] { seen.push_back(clock.now()); });
  timers.start("y", 7s, [&] { seen.push_back(clock.now()); });
  timers.advance(60s);
  REQUIRE(seen.size() == 2);
  CHECK(seen[0] == start + 5s);
  CHECK(seen[1] == start + 7s);
  CHECK(clock.now() == start + 60s);
}

TEST_CASE("cancel and restart") {
  ManualClock clock;
  ManualTimerService timers(clock);
  int hold = 0;
  int other = 0;
  timers.start("hold", 10s, [&] { ++hold; });
  timers.start("other", 10s, [&] { ++other; });
  CHECK(timers.cancel("other"));
  CHECK_FALSE(timers.cancel("other"));
  CHECK_FALSE(timers.is_running("other"));
  timers.advance(5s);
  timers.start("hold", 10s, [&] { hold += 100; });  // restart replaces the callback
  timers.advance(9s);
  CHECK(hold == 0);
  timers.advance(1s);
  CHECK(hold == 100);
  CHECK(other == 0);
}

TEST_CASE("a callback may start a timer that falls due in the same advance") {
  ManualClock clock;
  ManualTimerService timers(clock);
  std::vector<std::string> fired;
  timers.start("keepalive", 10s, [&] {
    fired.push_back("keepalive");
    timers.start("keepalive", 10s, [&] { fired.push_back("keepalive-2"); });
  });
  timers.start("hold", 15s, [&] { fired.push_back("hold"); });
  CHECK(timers.advance(25s) == 3);
  CHECK(fired == std::vector<std::string>{"keepalive", "hold", "keepalive-2"});
}

TEST_CASE("a callback may cancel another due timer") {
  ManualClock clock;
  ManualTimerService timers(clock);
  int b = 0;
  timers.start("a", 1s, [&] { timers.cancel("b"); });
  timers.start("b", 2s, [&] { ++b; });
  timers.advance(5s);
  CHECK(b == 0);
}

TEST_CASE("uptime text") {
  using l3vpn::core::format_uptime;
  CHECK(format_uptime(0s) == "0 seconds");
  CHECK(format_uptime(1s) == "1 second");
  CHECK(format_uptime(61s) == "1 minute, 1 second");
  CHECK(format_uptime(3600s) == "1 hour, 0 minutes, 0 seconds");
  CHECK(format_uptime(2 * 86400s + 3 * 3600s + 4 * 60s + 5s) ==
        "2 days, 3 hours, 4 minutes, 5 seconds");
}

