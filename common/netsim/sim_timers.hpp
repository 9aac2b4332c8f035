// Timers in the simulated network: one ManualClock and one ManualTimerService
// shared by every node, each node's timer names kept apart by a prefix
// ("R1/hold"), and every deadline tracked so the network knows when the next
// timer falls due and can interleave timers with deliveries in time order.
//
// Pure; single-threaded. Callbacks run from advance_to(), with the clock set
// to their deadline; timers due at the same instant fire in the order they
// were started (ManualTimerService's rule).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "core/manual_clock.hpp"

namespace l3vpn::netsim {

class SimTimers {
 public:
  SimTimers() : service_(clock_) {}
  SimTimers(const SimTimers&) = delete;
  SimTimers& operator=(const SimTimers&) = delete;

  const core::ManualClock& clock() const { return clock_; }

  void start(const std::string& name, core::Duration after, core::TimerCallback callback);
  bool cancel(const std::string& name);
  bool is_running(const std::string& name) const { return deadlines_.count(name) > 0; }

  std::optional<core::TimePoint> next_deadline() const;
  // Moves the clock forward to `t` (never back), firing the timers due on the
  // way; returns how many fired.
  std::size_t advance_to(core::TimePoint t);
  std::size_t running() const { return deadlines_.size(); }

 private:
  void forget(const std::string& name);

  core::ManualClock clock_;
  core::ManualTimerService service_;
  std::map<std::string, core::TimePoint> deadlines_;
  std::set<std::pair<core::TimePoint, std::string>> by_deadline_;
};

// One node's TimerService: its names never collide with another node's.
class NodeTimerService final : public core::TimerService {
 public:
  NodeTimerService(SimTimers& timers, std::string prefix)
      : timers_(timers), prefix_(std::move(prefix)) {}

  void start(const std::string& name, core::Duration after, core::TimerCallback callback) override {
    timers_.start(prefix_ + name, after, std::move(callback));
  }
  bool cancel(const std::string& name) override { return timers_.cancel(prefix_ + name); }
  bool is_running(const std::string& name) const override {
    return timers_.is_running(prefix_ + name);
  }

 private:
  SimTimers& timers_;
  std::string prefix_;
};

}  // namespace l3vpn::netsim
