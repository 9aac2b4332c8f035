// A daemon's OSPF (edge code, Asio): one ospf::Instance per `router ospf N`
// (global table) and per `router ospf N vrf V` (PE-CE, on V's interfaces:
// each raw socket is bound to its interface, which Linux has enslaved to the
// VRF device), a raw IP-89 socket per OSPF interface that sends
// (not loopback, not passive), an Asio timer service per process, the system
// clock; the instances' actions carried out here.
//
// Threads: everything on the io_context's thread. Sockets and timers call in
//   from the io_context only, never from inside an instance call, so the
//   instances are never re-entered.
// Configuration: apply() at start and after every accepted reload. A process
//   whose translation (daemon/ospf_config) is unchanged keeps running, its
//   adjacencies untouched; a changed one is torn down and built again (its
//   neighbors see it restart); a removed one stops.
// Routes: on_routes_changed runs after a global process's instance says
//   RoutesChanged, and after a rebuild (LDP takes its FECs from routes());
//   on_vrf_routes_changed after a VRF process's (the VRF tables and the VPN
//   export take vrf_igp_routes() / vrf_ospf_routes()).
// Redistribution of BGP into a VRF process: redistribute_bgp() with the VRF
//   tables; the process's externals change only when the result does.
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
#include "daemon/device_names.hpp"
#include "daemon/ospf_config.hpp"
#include "ospf/instance.hpp"
#include "ospf/transport/raw_socket.hpp"
#include "vpn/vrf_export.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::daemon {

class OspfRuntime {
 public:
  struct Process {
    explicit Process(boost::asio::io_context& io) : timers(io) {}
    std::uint32_t id = 0;
    std::string vrf;                                 // "" for the global table
    config::OspfProcess process;                     // as configured
    ospf::InstanceConfig config;                     // its translation (configured externals)
    OspfFromBgp from_bgp;                            // redistributed from BGP (VRF processes)
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
  // Linux device names of configured interfaces (--interface-map: IOS names
  // such as GigabitEthernet0/0 are not Linux names). The raw sockets bind to
  // the device; the instance keeps the config names. Unmapped: the config
  // name. Applies to processes built after the call.
  void set_device_names(DeviceNames names) { device_names_ = std::move(names); }
  // Every process stopped: sockets closed, timers cancelled, instances gone.
  void stop();

  bool active() const { return !processes_.empty(); }
  const std::vector<std::unique_ptr<Process>>& processes() const { return processes_; }
  // The global processes' routes, concatenated.
  std::vector<ospf::SpfRoute> routes() const;
  // The VRF processes' routes: as the VRF tables and the VPN export take them.
  vpn::VrfIgpRoutes vrf_igp_routes() const;
  vpn::VrfOspfRoutes vrf_ospf_routes() const;
  bool redistributes_bgp() const;
  // Counts the processes built so far: a rebuilt process needs its BGP routes again.
  std::uint64_t builds() const { return builds_; }
  // `redistribute bgp` of the VRF processes, from the VRF tables and the
  // VPNv4 routes they were built from.
  void redistribute_bgp(const std::vector<cli::RouteTableView>& vrf_tables, const std::vector<vpn::VpnRoute>& known);
  // The link of config interface `name` went down or came up (the kernel's
  // link monitor): every process running on it is told; the others ignore it.
  void interface_link(const std::string& name, bool up);
  const core::Clock& clock() const { return clock_; }

  std::function<void()> on_routes_changed;
  std::function<void()> on_vrf_routes_changed;

 private:
  void build(Process& p);
  void execute(Process& p, std::vector<ospf::InstanceAction> actions);
  void routes_changed(const Process& p);

  boost::asio::io_context& io_;
  const core::Clock& clock_;
  const core::Logger& log_;
  std::vector<std::unique_ptr<Process>> processes_;
  std::uint64_t builds_ = 0;
  DeviceNames device_names_;
};

}  // namespace l3vpn::daemon
