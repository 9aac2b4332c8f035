// A clock and timers that move only when a test says so.
//
// ManualTimerService::advance(d) moves the clock forward by d, firing every
// timer that falls due on the way in deadline order (equal deadlines: in the
// order they were started), with the clock set to each timer's deadline while
// its callback runs. Timers started by a callback fire in the same advance()
// if they fall due before its end. Deterministic; single-threaded; no I/O.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/clock.hpp"

namespace l3vpn::core {

class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start = TimePoint{} + std::chrono::hours(1)) : now_(start) {}
  TimePoint now() const override { return now_; }
  void set(TimePoint t) { now_ = t; }
  void advance(Duration d) { now_ += d; }

 private:
  TimePoint now_;
};

class ManualTimerService final : public TimerService {
 public:
  explicit ManualTimerService(ManualClock& clock) : clock_(clock) {}

  void start(const std::string& name, Duration after, TimerCallback callback) override;
  bool cancel(const std::string& name) override;
  bool is_running(const std::string& name) const override;

  // Moves time forward, firing due timers; returns how many fired.
  std::size_t advance(Duration d);
  std::size_t pending() const { return timers_.size(); }

 private:
  struct Pending {
    TimePoint deadline;
    std::uint64_t sequence = 0;
    TimerCallback callback;
  };
  ManualClock& clock_;
  std::map<std::string, Pending> timers_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace l3vpn::core
