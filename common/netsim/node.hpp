// A router in the simulated network: a name, the network's clock, and timers
// whose names are its own. Protocol engines on the node take clock() and
// timers() as their injected time; interfaces and streams are attached
// through Segment and Network.
#pragma once

#include <string>

#include "core/clock.hpp"
#include "netsim/sim_timers.hpp"

namespace l3vpn::netsim {

class Node {
 public:
  Node(std::string name, SimTimers& timers)
      : name_(std::move(name)), timers_(timers, name_ + "/"), clock_(timers.clock()) {}
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  const std::string& name() const { return name_; }
  const core::Clock& clock() const { return clock_; }
  core::TimerService& timers() { return timers_; }

 private:
  std::string name_;
  NodeTimerService timers_;
  const core::Clock& clock_;
};

}  // namespace l3vpn::netsim
