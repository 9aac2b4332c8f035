// A daemon's kernel dataplane (edge code: netlink, Asio), on with --kernel.
//
// What it programs: the config's VRF devices, dummy loopbacks, enslavements,
// addresses and MPLS sysctls (kernel::desired_from_config), and the routes of
// the FIB the daemon computes exactly as the simulator does (the FibSource,
// daemon/daemon_fib.hpp, translated by kernel::add_fib_routes): OSPF routes,
// statics, [LSP, VPN] encap routes in the VRF tables, LDP swap/pop and the
// VPN labels' pop-into-VRF in the MPLS table. Every route carries protocol
// kernel::kRouteProtocol (248), every created device the alias "l3vpn".
//
// Life:
//   start()          opens netlink; reconciles the config's devices with an
//                    empty FIB (stale routes of ours removed, unless
//                    keep_fib: then routes a previous --keep-fib run left are
//                    kept for `stale_hold` so forwarding goes on while the
//                    protocols converge); opens the link monitor.
//   request_sync()   after a protocol change: one sync within `debounce`,
//                    however many requests arrive meanwhile. A sync
//                    computes the FIB, reads the kernel, plans
//                    (kernel::plan_reconcile) and applies. Also every
//                    `resync` (someone else may have deleted our routes).
//   stop()           SIGTERM: every route and device of ours removed
//                    (kernel::plan_cleanup), unless keep_fib.
// Admin state and forwarding: start() brings the config's interfaces up
//   and sets net.ipv4.ip_forward; a `shutdown` interface is held down on
//   every sync; one is brought up again by the sync after the reload that
//   lifts its `shutdown`, never behind an operator's `ip link set down`.
// Link monitor: a link's state (IFF_UP and carrier) changing calls on_link
//   with its config name, and syncs: the interface leaves the FIB's
//   interfaces (its connected routes and what resolved over it go).
//
// Threads: the io_context's only; netlink calls block (a few ms per sync on a
// lab's tables). Failure: never throws. Netlink that cannot be opened, a
// failed read, each failed operation (with errno text) and each planning
// problem are logged (a repeated identical failure once) and counted; the
// daemon's protocols run on regardless.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "config/model.hpp"
#include "core/log.hpp"
#include "daemon/kernel_views.hpp"
#include "kernel/from_config.hpp"
#include "kernel/link_monitor.hpp"
#include "kernel/netlink_fib.hpp"
#include "sim/fib.hpp"

namespace l3vpn::daemon {

struct KernelOptions {
  bool enabled = false;  // --kernel
  bool keep_fib = false;  // --keep-fib
  // Shared nexthop objects and errors-only acks (off: --inline-nexthops).
  // tests/bench/bench_kernel_routes measures both.
  bool nexthop_objects = false;
  InterfaceMap interfaces;  // --interface-map
  std::chrono::milliseconds debounce{200};
  std::chrono::seconds resync{10};
  std::chrono::seconds stale_hold{60};
};

struct KernelCounters {
  std::uint64_t syncs = 0;           // plans computed
  std::uint64_t applied = 0;         // operations the kernel accepted
  std::uint64_t failures = 0;        // operations it refused (after the retry)
  std::uint64_t problems = 0;        // planning problems (foreign routes...)
  std::uint64_t read_errors = 0;
  std::uint64_t link_events = 0;
  std::size_t routes = 0;            // desired IPv4 routes at the last sync
  std::size_t mpls_routes = 0;       // desired MPLS routes at the last sync
};

class KernelRuntime {
 public:
  // The FIB to program, given the config names of the interfaces that are down.
  using FibSource = std::function<sim::NodeFib(const std::set<std::string, std::less<>>& down)>;

  KernelRuntime(boost::asio::io_context& io, const core::Logger& log, KernelOptions options, FibSource source);
  ~KernelRuntime();
  KernelRuntime(const KernelRuntime&) = delete;
  KernelRuntime& operator=(const KernelRuntime&) = delete;

  bool enabled() const { return options_.enabled; }
  // Opened and programming (false when off or netlink could not be opened).
  bool active() const { return fib_ != nullptr && running_; }

  void start(const config::Config& config);
  void set_config(const config::Config& config);  // an accepted reload
  void request_sync();
  void stop();

  // Called with the config name of an interface whose link went down or up.
  std::function<void(const std::string& name, bool up)> on_link;

  // For the show commands (also without --kernel: reading needs no privilege).
  std::optional<kernel::ActualState> read(std::string& error);
  // The desired state now (the FIB computed afresh), with translation errors.
  kernel::Translation desired() const;
  const KernelCounters& counters() const { return counters_; }
  const KernelOptions& options() const { return options_; }

 private:
  kernel::KernelNames names() const;
  std::set<std::string, std::less<>> down_interfaces() const;
  bool ensure_open();
  void sync();
  void apply(const kernel::Plan& plan, const char* what);
  void schedule_resync();
  void watch_links();
  void on_link_events();
  void log_once(const std::string& message);

  boost::asio::io_context& io_;
  const core::Logger& log_;
  KernelOptions options_;
  FibSource source_;
  config::Config config_;
  std::unique_ptr<kernel::NetlinkFib> fib_;
  std::optional<kernel::LinkMonitor> monitor_;
  std::unique_ptr<boost::asio::posix::stream_descriptor> monitor_socket_;
  boost::asio::steady_timer debounce_timer_;
  boost::asio::steady_timer resync_timer_;
  bool running_ = false;
  bool sync_pending_ = false;
  std::chrono::steady_clock::time_point hold_stale_until_{};
  std::set<std::string> lifted_shutdown_;  // Linux names a reload took out of `shutdown`
  std::map<std::string, bool, std::less<>> link_up_;  // Linux name -> last state seen
  std::set<std::string> logged_;  // failures already logged (until they clear)
  KernelCounters counters_;
};

}  // namespace l3vpn::daemon
