#include "core/manual_clock.hpp"

#include <utility>

namespace l3vpn::core {

void ManualTimerService::start(const std::string& name, Duration after, TimerCallback callback) {
  timers_[name] = Pending{clock_.now() + after, next_sequence_++, std::move(callback)};
}

bool ManualTimerService::cancel(const std::string& name) { return timers_.erase(name) > 0; }

bool ManualTimerService::is_running(const std::string& name) const {
  return timers_.count(name) > 0;
}

std::size_t ManualTimerService::advance(Duration d) {
  const TimePoint end = clock_.now() + d;
  std::size_t fired = 0;
  for (;;) {
    auto due = timers_.end();
    for (auto it = timers_.begin(); it != timers_.end(); ++it) {
      if (it->second.deadline > end) continue;
      if (due == timers_.end() || it->second.deadline < due->second.deadline ||
          (it->second.deadline == due->second.deadline &&
           it->second.sequence < due->second.sequence)) {
        due = it;
      }
    }
    if (due == timers_.end()) break;
    Pending fire = std::move(due->second);
    timers_.erase(due);
    if (fire.deadline > clock_.now()) clock_.set(fire.deadline);
    ++fired;
    if (fire.callback) fire.callback();
  }
  clock_.set(end);
  return fired;
}

}  // namespace l3vpn::core
