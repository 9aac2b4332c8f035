// The CLI of a simulated router: the daemons' own command registrations
// (show running-config, BGP, OSPF, MPLS/LDP, show ip route vrf) over a
// router of the lab simulator, so `l3vpnctl sim --exec 'R3: show ip route
// vrf Technique'` answers exactly what l3vpn-pe would with the same state.
// Given the lab's dataplane (sim/dataplane_fill), `ping [vrf NAME] A.B.C.D
// [source A.B.C.D]` walks echoes through it (sim/sim_ping).
// Not thread-safe; the LabSim must outlive every RouterCli made from it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "cli/command_tree.hpp"
#include "cli/show_commands.hpp"
#include "daemon/bgp_command_target.hpp"
#include "sim/fib.hpp"
#include "sim/lab_sim.hpp"

namespace l3vpn::sim {

class RouterCli {
 public:
  // `dataplane`: nullptr leaves ping out; else it must outlive this.
  explicit RouterCli(SimRouter& router, const Dataplane* dataplane = nullptr);
  RouterCli(const RouterCli&) = delete;
  RouterCli& operator=(const RouterCli&) = delete;
  ~RouterCli();

  cli::CommandResult run(std::string_view line) const { return tree_.dispatch(line); }

 private:
  class BgpTarget;
  void register_ping(const Dataplane& dataplane);

  SimRouter& router_;
  cli::ShowContext context_;
  std::unique_ptr<BgpTarget> bgp_;
  cli::CommandTree tree_;
};

}  // namespace l3vpn::sim
