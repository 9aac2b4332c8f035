// The link monitor edge: a NETLINK_ROUTE socket joined to RTNLGRP_LINK and
// RTNLGRP_IPV4_IFADDR, read without blocking; events decoded by
// link_events.hpp.
//
// Threads: one; fd() is for the daemon's event loop (wait readable, then
// poll()). Limits: the kernel drops notifications when the socket buffer is
// full (ENOBUFS); poll() then sets `overflowed` and the owner must read the
// links and addresses again (NetlinkFib::read_state) instead of trusting the
// events. Malformed messages are counted, never fatal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kernel/link_events.hpp"

namespace l3vpn::kernel {

class LinkMonitor {
 public:
  static std::optional<LinkMonitor> open(std::string& error);
  LinkMonitor(LinkMonitor&& other) noexcept;
  LinkMonitor& operator=(LinkMonitor&&) = delete;
  LinkMonitor(const LinkMonitor&) = delete;
  ~LinkMonitor();

  int fd() const { return fd_; }

  struct Poll {
    std::vector<MonitorEvent> events;
    std::size_t malformed = 0;
    bool overflowed = false;  // events were lost: resynchronise
    std::string error;        // a read error other than "nothing more"
  };
  // Everything queued now; an empty result when nothing is.
  Poll poll();

 private:
  explicit LinkMonitor(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace l3vpn::kernel
