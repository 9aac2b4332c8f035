// Time as the protocol code sees it: a Clock that says what time it is, and a
// TimerService that calls back after a duration. Protocol code takes both by
// reference, so tests drive it with ManualClock/ManualTimerService
// (core/manual_clock.hpp) and daemons with SystemClock/AsioTimerService.
//
// Timers are one-shot and named: starting a name that is already running
// replaces it (the old callback never runs). Callbacks run on the thread that
// drives the service (the daemon's io_context thread, or the test calling
// advance()); a callback may start or cancel timers, its own name included.
#pragma once

#include <chrono>
#include <functional>
#include <string>

namespace l3vpn::core {

using SteadyClock = std::chrono::steady_clock;
using TimePoint = SteadyClock::time_point;
using Duration = SteadyClock::duration;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

// The real monotonic clock.
class SystemClock final : public Clock {
 public:
  TimePoint now() const override;
};

using TimerCallback = std::function<void()>;

class TimerService {
 public:
  virtual ~TimerService() = default;
  // Starts (or restarts) the timer `name`: `callback` runs once, `after` from now.
  virtual void start(const std::string& name, Duration after, TimerCallback callback) = 0;
  // Stops the timer; true when it was running. Its callback will not run.
  virtual bool cancel(const std::string& name) = 0;
  virtual bool is_running(const std::string& name) const = 0;
};

// "1 day, 2 hours, 3 minutes, 4 seconds": leading zero units left out.
std::string format_uptime(Duration elapsed);

}  // namespace l3vpn::core
