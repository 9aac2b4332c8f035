// `l3vpnctl lab drill LABDIR NODE:INTERFACE [--timeout S] [--hold S] [--sample N]`:
// a failure drill on a lab that `lab up` brought up.
//
//   1. the simulator, with that link down (both ends shut), says which cells
//      of the matrix go through it: those lab.yaml expects to reach and that
//      it cannot reach any more ("must fail");
//   2. the whole matrix is measured (ping, as `lab verify`) and must be as
//      lab.yaml expects, else the drill does not start (exit 1);
//   3. `ip link set DEV down` on the node's device for INTERFACE; probing
//      rounds (one ping per cell, in parallel) of the must-fail cells not
//      failed yet plus --sample others (default 4) until each must-fail cell
//      has failed; --hold S more seconds of rounds (default 0);
//   4. `ip link set DEV up`; rounds of the cells not back plus the sample,
//      then a full round to confirm, until the whole matrix is as expected;
//   5. prints the report (lab_drill_timeline.hpp): time to fail, time to
//      recover (seconds, 0.1 s resolution; a probe's send time, so within
//      one round), and every cell that changed.
// --timeout S (default 120) bounds each of the two waits. Exit 0 when the
// failure showed as predicted and the matrix came back; 1 otherwise (the
// link is brought up again in every case); 2 usage.
//
// Edge code: runs ip and ping (fork/exec), the simulator in process. Needs
// root and the lab up. Threads: one. Never throws.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace l3vpn::ctl {

// `args`: what follows "lab" ("drill" first).
int lab_drill_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace l3vpn::ctl
