#include "netsim/network.hpp"

#include <stdexcept>

namespace l3vpn::netsim {

const char* to_string(StopReason reason) {
  switch (reason) {
    case StopReason::Idle: return "idle";
    case StopReason::MaxEvents: return "event limit reached";
    case StopReason::MaxTime: return "time limit reached";
  }
  return "?";
}

void Network::schedule(core::Duration after, Action action) {
  queue_.push(now() + (after < core::Duration::zero() ? core::Duration::zero() : after),
              std::move(action));
}

Node& Network::add_node(std::string name) {
  if (nodes_.count(name) > 0) throw std::invalid_argument("netsim: duplicate node " + name);
  auto node = std::make_unique<Node>(name, timers_);
  Node& ref = *node;
  nodes_.emplace(std::move(name), std::move(node));
  return ref;
}

Node* Network::find_node(std::string_view name) {
  const auto it = nodes_.find(name);
  return it == nodes_.end() ? nullptr : it->second.get();
}

Segment& Network::add_segment(std::string name, core::Duration latency) {
  if (segments_.count(name) > 0) throw std::invalid_argument("netsim: duplicate segment " + name);
  auto segment = std::make_unique<Segment>(*this, name, latency);
  Segment& ref = *segment;
  segments_.emplace(std::move(name), std::move(segment));
  return ref;
}

Segment* Network::find_segment(std::string_view name) {
  const auto it = segments_.find(name);
  return it == segments_.end() ? nullptr : it->second.get();
}

void Network::set_link_up(Segment& segment, bool up) {
  segment.set_up(up);
  if (!up) streams_.fail_over(segment);
}

// A run stopped by max_time leaves the clock at the limit.
RunResult Network::run_until_idle(RunLimits limits) {
  std::optional<core::TimePoint> until;
  if (limits.max_time) until = now() + *limits.max_time;
  return run(until, limits.max_events);
}

RunResult Network::advance(core::Duration d, std::size_t max_events) {
  const core::TimePoint end = now() + d;
  RunResult result = run(end, max_events);
  if (result.stopped == StopReason::Idle) timers_.advance_to(end);
  return result;
}

RunResult Network::run(std::optional<core::TimePoint> until, std::size_t max_events) {
  RunResult result;
  for (;;) {
    const auto next_delivery = queue_.next_time();
    const auto next_timer = timers_.next_deadline();
    if (!next_delivery && !next_timer) {
      result.stopped = StopReason::Idle;
      break;
    }
    const bool timer_first = next_timer && (!next_delivery || *next_timer <= *next_delivery);
    const core::TimePoint next = timer_first ? *next_timer : *next_delivery;
    if (until && next > *until) {
      result.stopped = StopReason::MaxTime;
      timers_.advance_to(*until);  // nothing falls due on the way
      break;
    }
    if (result.events >= max_events) {
      result.stopped = StopReason::MaxEvents;
      break;
    }
    if (timer_first) {
      result.events += timers_.advance_to(next);
      continue;
    }
    timers_.advance_to(next);  // moves the clock; no timer is due before `next`
    Action action = queue_.pop();
    ++result.events;
    if (action) action();
  }
  result.pending = pending();
  return result;
}

}  // namespace l3vpn::netsim
