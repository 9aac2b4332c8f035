// What a node's config and simulated FIB mean for the Linux kernel: the same
// inputs the simulator shows (common/sim/fib.hpp) turned into a DesiredState,
// so the simulator and the kernel get one computation.
//
//   config   VRFs -> VRF devices (table ids: explicit, else first_vrf_table
//            upwards in the model's order, by VRF name); LoopbackN -> a dummy device (in its
//            VRF); other interfaces -> enslaved to their VRF; IPv4 addresses;
//            `mpls ip` -> net.mpls.conf.IF.input; `mpls label range` max + 1
//            (IOS default 100000 + 1) -> net.mpls.platform_labels.
//   NodeFib  Via -> route (encap mpls for the labels, implicit null dropped);
//            Discard -> blackhole; ViaVrf -> route out the other VRF's device;
//            Receive/Attached -> nothing (the kernel makes its own local and
//            connected routes from the addresses). LFIB: Swap -> "as OUT via",
//            Pop -> via without "as", PopAndLookup -> "dev VRF",
//            PopToNextHop -> via the CE. Equal-cost paths (ECMP) of a route
//            or a label become one next hop each (RTA_MULTIPATH).
//   VRFs     every VRF table also gets `unreachable default metric
//            4278198272` (isolation: no fall-through to the main table, the
//            router answers ICMP unreachable as IOS does); the routes of a
//            VRF with `kernel source-interface IF` carry IF's address as src.
//
// IOS names (GigabitEthernet0/0) are not Linux names: `interfaces` maps them.
// A name that is already a valid Linux name is used as is; LoopbackN becomes
// "loopN" unless mapped. Anything that cannot be translated (no mapping, a VRF
// name too long for a device, a leak into the global table) is an error in
// the result; the rest is still translated.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "config/model.hpp"
#include "kernel/desired_state.hpp"
#include "sim/fib.hpp"

namespace l3vpn::kernel {

struct KernelNames {
  std::map<std::string, std::string, std::less<>> interfaces;   // config name -> Linux name
  std::map<std::string, std::uint32_t, std::less<>> vrf_tables;  // VRF -> table, when fixed
  std::uint32_t first_vrf_table = 1001;
};

struct Translation {
  DesiredState state;
  std::vector<std::string> errors;
  // VRF -> the address of its `kernel source-interface` (RTA_PREFSRC of every
  // route add_fib_routes puts in that VRF's table).
  std::map<std::string, Ipv4Address, std::less<>> vrf_sources;
};

// The metric of the `unreachable default` every VRF table gets (the
// Linux VRF documentation's 4278198272 = 0xff0000ff: below any real route),
// so that a lookup missing in the VRF's table stops there (ICMP destination
// unreachable, code 1 from Linux) instead of falling through to the main
// table. kernel/vrf_rules.hpp is the other half (the local table's rule).
inline constexpr std::uint32_t kVrfUnreachableMetric = 4278198272u;

// A valid Linux interface name: 1-15 bytes, no '/', ':' or whitespace, not "." / "..".
bool valid_linux_name(std::string_view name);

Translation desired_from_config(const config::Config& config, const KernelNames& names);

// Adds the routes of every table and the LFIB of `fib` to `translation`
// (whose VRF devices give the table ids).
void add_fib_routes(const sim::NodeFib& fib, const KernelNames& names, Translation& translation);

}  // namespace l3vpn::kernel
