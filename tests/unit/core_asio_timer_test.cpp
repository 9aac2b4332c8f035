#include <doctest/doctest.h>

#include <boost/asio/io_context.hpp>
#include <string>
#include <vector>

#include "core/asio_timer_service.hpp"

using namespace std::chrono_literals;

// The real timer service on an io_context, with durations of a few milliseconds.
TEST_CASE("asio timers: order, cancel, restart") {
  boost::asio::io_context io;
  l3vpn::core::AsioTimerService timers(io);
  std::vector<std::string> fired;
  timers.start("late", 30ms, [&] { fired.push_back("late"); });
  timers.start("early", 1ms, [&] { fired.push_back("early"); });
  timers.start("cancelled", 2ms, [&] { fired.push_back("cancelled"); });
  timers.start("restarted", 1ms, [&] { fired.push_back("restarted-old"); });
  timers.start("restarted", 10ms, [&] {
    fired.push_back("restarted");
    CHECK_FALSE(timers.is_running("restarted"));
  });
  CHECK(timers.cancel("cancelled"));
  CHECK(timers.is_running("late"));
  io.run_for(std::chrono::seconds(5));
  CHECK(fired == std::vector<std::string>{"early", "restarted", "late"});
  CHECK_FALSE(timers.is_running("late"));
}
