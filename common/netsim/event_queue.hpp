// The simulated network's pending events, in time order: earliest first, and
// events due at the same instant in the order they were scheduled (a sequence
// number breaks the tie), so every run of a scenario gives the same result.
//
// Pure; single-threaded; no clock of its own (the Network owns the clock).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <utility>

#include "core/clock.hpp"

namespace l3vpn::netsim {

using Action = std::function<void()>;

// What links and streams need from the network: the time, and a way to run
// something later from the event loop.
class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual core::TimePoint now() const = 0;
  // Runs `action` from the event loop `after` from now (a negative duration
  // counts as zero). Never runs it inside this call.
  virtual void schedule(core::Duration after, Action action) = 0;
};

class EventQueue {
 public:
  void push(core::TimePoint at, Action action) {
    events_.emplace(Key{at, next_sequence_++}, std::move(action));
  }
  bool empty() const { return events_.empty(); }
  std::size_t size() const { return events_.size(); }
  std::optional<core::TimePoint> next_time() const {
    if (events_.empty()) return std::nullopt;
    return events_.begin()->first.first;
  }
  // The earliest event, removed from the queue. Precondition: !empty().
  Action pop() {
    auto first = events_.begin();
    Action action = std::move(first->second);
    events_.erase(first);
    return action;
  }

 private:
  using Key = std::pair<core::TimePoint, std::uint64_t>;
  std::map<Key, Action> events_;
  std::uint64_t next_sequence_ = 0;
};

}  // namespace l3vpn::netsim
