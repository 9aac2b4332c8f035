// The kernel FIB edge: reads what the kernel holds (links with their VRF kind
// and table, IPv4 addresses, IPv4 routes of every table, AF_MPLS routes, the
// MPLS sysctls) and applies a reconcile.hpp plan.
//
// Devices and addresses go through libnl-route one request at a time (a few
// per node); routes go through NetlinkBatchSocket, many per sendmsg. Every
// failed operation is retried once (routes: each alone, after its batch) and,
// when it fails again, reported with what it was and the errno text plus the
// kernel's extended ack message; nothing is dropped silently. Deleting a route
// that is already gone (ESRCH/ENOENT) counts as done.
//
// RouteProgramming: each batch acked once (failures still answered one by
// one), and VPN routes through shared kernel nexthop objects
// (nexthop_routes.hpp: created before their routes, ours deleted when no
// route names them, read back as the next hop they hold).
//
// Threads: blocking calls, one thread. Needs CAP_NET_ADMIN to apply; reading
// works unprivileged. Sysctls are written under /proc/sys (sysctl_root).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "kernel/desired_state.hpp"
#include "kernel/netlink_batch_acks.hpp"
#include "kernel/reconcile.hpp"

struct nl_sock;

namespace l3vpn::kernel {

struct OperationFailure {
  std::string operation;  // describe(operation)
  int error = 0;          // errno
  std::string text;       // "No such device: Nexthop device is not up" (strerror: ext ack)
};

struct ApplyReport {
  std::size_t applied = 0;
  std::size_t retried = 0;  // operations that failed once and were tried again
  std::vector<OperationFailure> failures;
  bool ok() const { return failures.empty(); }
};

struct ReadError {
  std::string message;
};

class NetlinkFib {
 public:
  // nullptr and `error` set when the netlink sockets cannot be opened.
  static std::unique_ptr<NetlinkFib> open(std::string& error, std::string sysctl_root = "/proc/sys");
  ~NetlinkFib();
  NetlinkFib(const NetlinkFib&) = delete;
  NetlinkFib& operator=(const NetlinkFib&) = delete;

  // The kernel's state; `error` set (and a partial state) when a dump failed.
  ActualState read_state(std::optional<ReadError>& error);

  ApplyReport apply(const Plan& plan);

  // Routes per sendmsg (default: as many as fit the socket buffers).
  void set_batch_limit(std::size_t routes) { batch_limit_ = routes; }

  // How route requests go out; either way the kernel ends with the same
  // routes, read back the same, and every failed route is reported.
  struct RouteProgramming {
    AckMode acks = AckMode::EveryRequest;  // ErrorsOnly: netlink_batch_acks.hpp
    bool shared_nexthops = false;          // encap routes as "nhid N": nexthop_table.hpp
  };
  void set_route_programming(RouteProgramming programming);

 private:
  struct Impl;
  explicit NetlinkFib(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::size_t batch_limit_ = 0;
};

}  // namespace l3vpn::kernel
