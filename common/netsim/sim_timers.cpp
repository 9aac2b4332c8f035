#include "netsim/sim_timers.hpp"

namespace l3vpn::netsim {

void SimTimers::start(const std::string& name, core::Duration after, core::TimerCallback callback) {
  forget(name);
  const core::Duration delay = after < core::Duration::zero() ? core::Duration::zero() : after;
  const core::TimePoint deadline = clock_.now() + delay;
  deadlines_[name] = deadline;
  by_deadline_.emplace(deadline, name);
  service_.start(name, deadline - clock_.now(), [this, name, callback = std::move(callback)] {
    forget(name);  // first: the callback may start its own name again
    if (callback) callback();
  });
}

bool SimTimers::cancel(const std::string& name) {
  forget(name);
  return service_.cancel(name);
}

void SimTimers::forget(const std::string& name) {
  const auto it = deadlines_.find(name);
  if (it == deadlines_.end()) return;
  by_deadline_.erase({it->second, name});
  deadlines_.erase(it);
}

std::optional<core::TimePoint> SimTimers::next_deadline() const {
  if (by_deadline_.empty()) return std::nullopt;
  return by_deadline_.begin()->first;
}

std::size_t SimTimers::advance_to(core::TimePoint t) {
  if (t <= clock_.now()) return service_.advance(core::Duration::zero());
  return service_.advance(t - clock_.now());
}

}  // namespace l3vpn::netsim
