// One running daemon: its configuration, control socket and signal handling,
// on one single-threaded io_context (edge code, Asio).
//
// Threads: everything runs on the thread calling run(). Signals: SIGTERM and
// SIGINT stop the io_context (run() returns 0, the socket file is removed);
// SIGHUP reloads the configuration file: one with parse or role errors is
// refused, each error logged, and the configuration in force stays; a good
// one replaces it. Failure: run() returns 1 when the control socket cannot be
// opened (the reason is logged); it never throws for bad input.
//
// BGP (roles pe and rr, with `router bgp`): a BgpRuntime on the same
// io_context, started with the daemon and applied again after each accepted
// reload (a changed `router bgp` resets the sessions, an unchanged one keeps
// them). On SIGTERM/SIGINT every session is stopped with a Cease, and the
// daemon exits once those are written (at most 1 s later).
//
// OSPF (every role) and LDP (roles p and pe) run on the same io_context:
// started OSPF, then LDP, then BGP, and applied in that order after each
// accepted reload; stopped in reverse. LDP takes its FECs from OSPF's routes
// after every OSPF route change. One vpn::LabelAllocator, owned here, gives
// BGP's VRF labels and LDP's FEC labels; its range follows `mpls label range`.
// --no-protocols (run_protocols false) runs none of them.
//
// Kernel (--kernel, daemon/kernel_runtime.hpp): started before the protocols
// (VRF devices and enslavements exist before OSPF binds to interfaces); synced
// after OSPF route, LDP LFIB and VRF OSPF changes, and when a BGP table's
// version moved (on the one-second poll); link changes go to OSPF. Cleaned up
// at SIGTERM/SIGINT unless --keep-fib.
//
// PE-CE OSPF (role pe, `router ospf N vrf V`): the VRF processes' routes go
// to BGP (VRF tables and VPN export) after each of their changes; once a
// second, when the BGP table or the OSPF processes changed, the VRF tables'
// BGP routes go to the processes that `redistribute bgp`.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "cli/command_tree.hpp"
#include "cli/control_server.hpp"
#include "cli/show_commands.hpp"
#include "config/parser.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "daemon/bgp_runtime.hpp"
#include "daemon/kernel_runtime.hpp"
#include "daemon/ldp_runtime.hpp"
#include "daemon/ospf_runtime.hpp"
#include "daemon/vrf_bgp_runtime.hpp"
#include "vpn/label_allocator.hpp"

namespace l3vpn::daemon {

struct DaemonSetup {
  std::string name;  // "l3vpn-pe"
  config::Role role = config::Role::ProviderEdge;
  std::string config_file;
  std::string node_name;  // hostname when the config has none, also on reload
  std::string socket_path;
  config::Config config;  // already loaded and checked
  std::uint16_t bgp_port = 179;  // BGP's TCP port: listened on and connected to
  bool run_protocols = true;     // false with --no-protocols
  KernelOptions kernel{};        // --kernel, --keep-fib, --interface-map
};

class Daemon {
 public:
  Daemon(DaemonSetup setup, const core::Clock& clock, const core::Logger& log);
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  int run();

 private:
  void wait_for_signal();
  void on_signal(int signal_number);
  void reload();
  bool runs_bgp() const;
  bool runs_ospf() const;
  bool runs_ldp() const;
  void apply_protocols();
  void feed_ldp();
  void feed_bgp();
  void feed_vrf_ospf();
  void redistribute_bgp_into_ospf();
  void schedule_redistribution();
  // PE-CE BGP glue, on the same one-second poll: CE routes into the VRF
  // export, the VRF tables' routes to the CEs (daemon/vrf_bgp_runtime.hpp).
  void sync_vrf_bgp();
  void sync_kernel_after_bgp();
  void stop_after_flush(std::chrono::steady_clock::time_point deadline);

  boost::asio::io_context io_;
  const core::Logger& log_;
  std::string socket_path_;
  std::string node_name_;
  bool run_protocols_ = true;
  cli::ShowContext context_;
  cli::CommandTree tree_;
  cli::ControlServer server_;
  boost::asio::signal_set signals_;
  vpn::LabelAllocator labels_;
  OspfRuntime ospf_;
  LdpRuntime ldp_;
  BgpRuntime bgp_;
  VrfBgpRuntime vrf_bgp_;  // a PE's speakers for its CE neighbors
  KernelRuntime kernel_;   // --kernel: the FIB programmed into Linux
  std::uint64_t kernel_bgp_version_ = 0;  // BGP tables' versions the kernel last synced for
  boost::asio::steady_timer stop_timer_;
  boost::asio::steady_timer redistribute_timer_;
  std::uint64_t redistributed_version_ = 0, redistributed_builds_ = 0;
};

}  // namespace l3vpn::daemon
