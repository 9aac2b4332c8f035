// The in-process network: nodes, datagram segments and byte streams on one
// manual clock, run as a discrete-event simulation. It runs whole labs in one
// process (l3vpnctl sim) and every protocol scenario test; it knows nothing
// of any protocol. Engines are driven by the callbacks of Interface,
// StreamEndpoint and the node's timers, all from this loop.
//
// Time: one ManualClock and ManualTimerService (through SimTimers), moved
// only by run_until_idle() and advance(). Events - deliveries and timer
// expiries - run in time order; at one instant, due timers fire first, then
// deliveries in the order they were scheduled. Same inputs, same run.
// Threads: single-threaded; not thread-safe. Nothing here blocks or sleeps.
// Limits: run_until_idle() stops at max_events or max_time and says what is
// left pending, so a chatty protocol (keepalives forever) cannot hang a test.
// Failure: programming errors (a duplicate node or segment name) throw
// std::invalid_argument; everything on the wire is counted, never thrown.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "netsim/event_queue.hpp"
#include "netsim/node.hpp"
#include "netsim/segment.hpp"
#include "netsim/sim_timers.hpp"
#include "netsim/stream_table.hpp"

namespace l3vpn::netsim {

struct RunLimits {
  std::size_t max_events = 1'000'000;
  // Simulated time from the start of the run; a run stopped by it leaves the
  // clock at the limit.
  std::optional<core::Duration> max_time;
};

enum class StopReason { Idle, MaxEvents, MaxTime };
const char* to_string(StopReason reason);

struct RunResult {
  std::size_t events = 0;   // deliveries run and timers fired
  StopReason stopped = StopReason::Idle;
  std::size_t pending = 0;  // events queued and timers running when it stopped
  bool idle() const { return stopped == StopReason::Idle; }
};

class Network final : public Scheduler {
 public:
  Network() = default;
  Network(const Network&) = delete;
  Network& operator=(const Network&) = delete;

  core::TimePoint now() const override { return timers_.clock().now(); }
  void schedule(core::Duration after, Action action) override;
  const core::Clock& clock() const { return timers_.clock(); }

  Node& add_node(std::string name);
  Node* find_node(std::string_view name);
  Segment& add_segment(std::string name,
                       core::Duration latency = std::chrono::milliseconds(1));
  Segment* find_segment(std::string_view name);
  // Down: datagrams in flight on it are lost and streams over it fail.
  void set_link_up(Segment& segment, bool up);

  bool listen(const Node& node, Ipv4Address address, std::uint16_t port, AcceptHandler handler) {
    return streams_.listen(node, address, port, std::move(handler));
  }
  bool stop_listening(const Node& node, Ipv4Address address, std::uint16_t port) {
    return streams_.stop_listening(node, address, port);
  }
  void connect(const Node& from, Ipv4Address from_address, const Node& to, Ipv4Address to_address,
               std::uint16_t port, ConnectHandler handler, StreamOptions options = {}) {
    streams_.connect(from, from_address, to, to_address, port, std::move(handler),
                     std::move(options));
  }
  std::size_t open_connections() { return streams_.open_connections(); }

  // Runs events until none is left, or a limit is reached.
  RunResult run_until_idle(RunLimits limits = {});
  // Runs the events due within `d`, then leaves the clock exactly `d` later
  // (unless max_events stopped it first).
  RunResult advance(core::Duration d, std::size_t max_events = RunLimits{}.max_events);
  std::size_t pending() const { return queue_.size() + timers_.running(); }

 private:
  RunResult run(std::optional<core::TimePoint> until, std::size_t max_events);

  SimTimers timers_;
  EventQueue queue_;
  std::map<std::string, std::unique_ptr<Node>, std::less<>> nodes_;
  std::map<std::string, std::unique_ptr<Segment>, std::less<>> segments_;
  StreamTable streams_{*this};
};

}  // namespace l3vpn::netsim
