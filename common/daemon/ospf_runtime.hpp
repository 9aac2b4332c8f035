// A daemon's OSPF (edge code, Asio): one ospf::Instance per `router ospf N`
// of the global table, a raw IP-89 socket per OSPF interface that sends
// (not loopback, not passive), an Asio timer service per process, the system
// clock; the instances' actions carried out here.
//
// Threads: everything on the io_context's thread. Sockets and timers call in
//   from the io_context only, never from inside an instance call, so the
//   instances are never re-entered.
// Configuration: apply() at start and after every accepted reload. A process
//   whose translation (daemon/ospf_config) is unchanged keeps running, its
//   adjacencies untouched; a changed one is torn down and built again (its
//   neighbors see it restart); a removed one stops. VRF (PE-CE) processes are
//   not run yet (logged once per apply).
// Routes: on_routes_changed runs after an instance says RoutesChanged, and
//   after a rebuild (LDP takes its FECs from routes()).
// Failure: an interface whose socket cannot be opened (no such device, no
//   CAP_NET_RAW) is logged as an error and left out of the sockets; its
//   packets are dropped (counted) and the other interfaces run. Packets that
//   cannot be sent are counted by the socket.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/model.hpp"
#include "core/asio_timer_service.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "daemon/ospf_config.hpp"
#include "ospf/instance.hpp"
#include "ospf/transport/raw_socket.hpp"

namespace l3vpn::daemon {

class OspfRuntime {
 public:
  struct Process {
    explicit Process(boost::asio::io_context& io) : timers(io) {}
    std::uint32_t id = 0;
    ospf::InstanceConfig config;
    core::AsioTimerService timers;  // per process: timer names are per instance
    std::unique_ptr<ospf::Instance> instance;
    std::map<std::string, std::unique_ptr<ospf::RawSocket>> sockets;  // by interface
    std::uint64_t packets_without_socket = 0;
  };

  OspfRuntime(boost::asio::io_context& io, const core::Clock& clock, const core::Logger& log);
  ~OspfRuntime();
  OspfRuntime(const OspfRuntime&) = delete;
  OspfRuntime& operator=(const OspfRuntime&) = delete;

  void apply(const config::Config& config);
  // Every process stopped: sockets closed, timers cancelled, instances gone.
  void stop();

  bool active() const { return !processes_.empty(); }
  const std::vector<std::unique_ptr<Process>>& processes() const { return processes_; }
  // Every process's routes, concatenated (one global table today).
  std::vector<ospf::SpfRoute> routes() const;
  const core::Clock& clock() const { return clock_; }

  std::function<void()> on_routes_changed;

 private:
  void build(Process& p);
  void execute(Process& p, std::vector<ospf::InstanceAction> actions);
  void routes_changed();

  boost::asio::io_context& io_;
  const core::Clock& clock_;
  const core::Logger& log_;
  std::vector<std::unique_ptr<Process>> processes_;
};

}  // namespace l3vpn::daemon
