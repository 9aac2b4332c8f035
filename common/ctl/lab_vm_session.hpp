// Live-lab commands inside a persistent VM (`labs/vm/run-in-vm --session`),
// for a host kernel without VRF devices or MPLS forwarding (or with --vm).
//
// `lab up` of a lab with VRFs or MPLS on such a kernel boots a VM session whose directory is
// RUN_DIR/vm (the lab's run directory on this host) and runs `lab up` in it;
// while that VM runs, `lab verify`, `exec`, `status`, `show`, `shell` and
// `drill` of the same lab run in it too, and `lab down` runs `down` in it,
// then powers the VM off and removes the directory. Each command inside is
// this same l3vpnctl (the guest sees the host's files) with L3VPN_IN_VM set,
// so it runs there as on a capable kernel. `--vm` forces the VM (and is an
// error for a command with no session to go to), `--no-vm` forbids it; both
// are taken out of the arguments. `lab run` keeps its own one-boot VM
// (lab_runner.cpp); check, graph and sim never need the kernel.
//
// decide_vm_route is the pure part; route_lab_command_to_vm runs it against
// this host (kernel features, the session's qemu pid) and executes it.
// Edge code: fork/exec/wait of run-in-vm. Threads: one. Never throws.
// Failure: run-in-vm's own messages and statuses (124 a timeout, 125 the
// sandbox failed; a VM found dead is reported and its directory cleaned).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace l3vpn::ctl {

enum class VmRoute {
  Local,            // run here, as before
  StartThenRun,     // boot the lab's session, then run the command in it
  RunInSession,     // run the command in the running session
  RunThenStop,      // `down`: run it in the session, then stop the session
  CleanStale,       // the session's VM died: report, clean its directory, fail
  NoSession,        // --vm, but no session to run in: fail with a hint
};

struct VmRouteInput {
  std::string command;          // what follows "lab": up, down, verify...
  bool force_vm = false;        // --vm
  bool no_vm = false;           // --no-vm
  bool in_vm = false;           // L3VPN_IN_VM: we are the guest already
  bool kernel_capable = false;  // this kernel has VRF and MPLS
  bool lab_needs_vrf_or_mpls = true;  // a router has VRFs or `mpls ip` (and no --no-kernel)
  bool session_running = false; // the lab's session VM runs
  bool session_stale = false;   // its directory is there, its VM is not
};

VmRoute decide_vm_route(const VmRouteInput& input);

// `args`: what follows "lab". Returns the exit status when the command went
// to (or was refused by) the VM session, nullopt when it is to run here; in
// that case `args` has lost its --vm/--no-vm words.
std::optional<int> route_lab_command_to_vm(std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// A file the command writes on the host (`verify --svg FILE`) goes through
// the session's share: `args`' FILE becomes GUEST_OUT/NAME (the guest's view
// of SESSION/out) and the host file to fill from SESSION/out/NAME is
// returned; nothing when the command writes no file.
std::optional<std::string> redirect_output_file(std::vector<std::string>& args, const std::string& guest_out,
                                                const std::string& name);

// The lab's session directory: RUN_DIR/vm.
std::string vm_session_dir(const std::string& run_dir);

// True when the session in `directory` runs: its qemu.pid names a live
// process whose command line shares `directory` with the guest.
bool vm_session_running(const std::string& directory);

// labs/vm/run-in-vm: $L3VPN_RUN_IN_VM, else next to the lab's folder
// (LABDIR/../vm), else in a source tree above this program; empty if none.
std::string find_run_in_vm(const std::string& lab_directory);

// This kernel has what the live dataplane needs: MPLS forwarding
// (net.mpls sysctls) and VRF devices (the vrf module).
bool kernel_has_vrf_and_mpls();

}  // namespace l3vpn::ctl
