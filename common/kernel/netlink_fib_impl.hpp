// NetlinkFib's private state, shared by its read (netlink_read.cpp) and apply
// (netlink_apply.cpp) halves. Not for other users.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kernel/netlink_batch.hpp"
#include "kernel/netlink_fib.hpp"
#include "kernel/nexthop_table.hpp"
#include "kernel/route_message.hpp"

namespace l3vpn::kernel {

struct NetlinkFib::Impl {
  nl_sock* sock = nullptr;  // libnl: dumps, device and address requests
  std::optional<NetlinkBatchSocket> batch;  // route requests
  std::string sysctl_root;
  std::uint32_t next_seq = 1;
  NexthopTable nexthops;         // kernel nexthop objects, ours and which routes name them
  bool shared_nexthops = false;  // RouteProgramming::shared_nexthops

  // Name -> ifindex from a fresh link dump; false when the dump failed.
  bool load_indexes(InterfaceIndexes& indexes, std::string& error);
};

}  // namespace l3vpn::kernel
