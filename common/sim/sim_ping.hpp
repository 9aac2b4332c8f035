// `ping [vrf NAME] A.B.C.D [source A.B.C.D]` on a simulated router: five ICMP
// echoes walked through the lab's in-memory dataplane (sim/packet_walk), each
// needing its reply, printed as IOS prints a ping ("!!!!!", "Success rate is
// 100 percent (5/5), round-trip min/avg/max = 3/3/3 ms"). The dataplane is
// deterministic, so the five echoes all succeed or all fail; the round trip
// is the simulated one: 1 ms per link crossed (the netsim default latency).
//
// Source: `source` when given, else the primary address of the first
// interface of the router in that VRF (config order, not shut), as a PE with
// only a loopback in the VRF does. The destination's owner is the node whose
// table holds it as one of its own addresses (a Receive route).
// Pure over the dataplane and the router's config.
#pragma once

#include <optional>
#include <string>

#include "cli/command_result.hpp"
#include "config/model.hpp"
#include "sim/fib.hpp"

namespace l3vpn::sim {

cli::CommandResult sim_ping(const Dataplane& dataplane, const std::string& node, const config::Config& config,
                            const std::string& vrf, config::Ipv4Address destination,
                            std::optional<config::Ipv4Address> source);

}  // namespace l3vpn::sim
