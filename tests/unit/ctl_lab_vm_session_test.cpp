// Which live-lab commands go into the lab's VM session (ctl/lab_vm_session.hpp):
// `up` starts it where the kernel lacks VRF or MPLS, the others follow a
// running session, `down` stops it, --vm / --no-vm force either way, and a
// VM found dead is reported rather than used.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ctl/lab_vm_session.hpp"

using namespace l3vpn;
using ctl::VmRoute;

namespace {

ctl::VmRouteInput on_this_ci_kernel(const std::string& command) {
  ctl::VmRouteInput in;
  in.command = command;
  in.kernel_capable = false;  // no VRF, no MPLS: the CI's and this machine's kernel
  return in;
}

ctl::VmRouteInput with_session(const std::string& command) {
  ctl::VmRouteInput in = on_this_ci_kernel(command);
  in.session_running = true;
  return in;
}

}  // namespace

TEST_CASE("vm route: on a kernel without VRF or MPLS, up starts a session; with none running the rest stays here") {
  CHECK(ctl::decide_vm_route(on_this_ci_kernel("up")) == VmRoute::StartThenRun);
  for (const char* command : {"verify", "exec", "status", "show", "shell", "drill", "down"})
    CHECK_MESSAGE(ctl::decide_vm_route(on_this_ci_kernel(command)) == VmRoute::Local, command);
}

TEST_CASE("vm route: a lab without VRFs or MPLS (or up --no-kernel) goes up here even on such a kernel") {
  ctl::VmRouteInput in = on_this_ci_kernel("up");
  in.lab_needs_vrf_or_mpls = false;
  CHECK(ctl::decide_vm_route(in) == VmRoute::Local);
}

TEST_CASE("vm route: while the lab's session runs, every live command runs in it and down also stops it") {
  for (const char* command : {"up", "verify", "exec", "status", "show", "shell", "drill"})
    CHECK_MESSAGE(ctl::decide_vm_route(with_session(command)) == VmRoute::RunInSession, command);
  CHECK(ctl::decide_vm_route(with_session("down")) == VmRoute::RunThenStop);
}

TEST_CASE("vm route: commands that need no kernel never go to the VM; lab run keeps its own one-boot VM") {
  for (const char* command : {"check", "graph", "run", "sim"})
    CHECK_MESSAGE(ctl::decide_vm_route(with_session(command)) == VmRoute::Local, command);
}

TEST_CASE("vm route: inside the VM, or with --no-vm, everything runs here") {
  ctl::VmRouteInput guest = with_session("verify");
  guest.in_vm = true;
  CHECK(ctl::decide_vm_route(guest) == VmRoute::Local);
  ctl::VmRouteInput no_vm = on_this_ci_kernel("up");
  no_vm.no_vm = true;
  CHECK(ctl::decide_vm_route(no_vm) == VmRoute::Local);
}

TEST_CASE("vm route: --vm starts a session even on a capable kernel, and is refused where there is none to join") {
  ctl::VmRouteInput up;
  up.command = "up";
  up.kernel_capable = true;
  CHECK(ctl::decide_vm_route(up) == VmRoute::Local);
  up.force_vm = true;
  CHECK(ctl::decide_vm_route(up) == VmRoute::StartThenRun);
  ctl::VmRouteInput verify = up;
  verify.command = "verify";
  CHECK(ctl::decide_vm_route(verify) == VmRoute::NoSession);
}

TEST_CASE("vm route: a session whose VM died is cleaned and reported; up starts a new one") {
  ctl::VmRouteInput in = on_this_ci_kernel("verify");
  in.session_stale = true;
  CHECK(ctl::decide_vm_route(in) == VmRoute::CleanStale);
  in.command = "down";
  CHECK(ctl::decide_vm_route(in) == VmRoute::CleanStale);
  in.command = "up";
  CHECK(ctl::decide_vm_route(in) == VmRoute::StartThenRun);
}

TEST_CASE("vm session: the directory is the run directory's vm, and a pid that is not its qemu does not count") {
  CHECK(ctl::vm_session_dir("/run/l3vpn-lab/inter-vrf-leaking") == "/run/l3vpn-lab/inter-vrf-leaking/vm");
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("l3vpn-vm-session-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  CHECK_FALSE(ctl::vm_session_running(dir.string()));  // no qemu.pid
  // Our own pid runs, but its command line does not share this directory.
  std::ofstream(dir / "qemu.pid") << ::getpid() << "\n";
  CHECK_FALSE(ctl::vm_session_running(dir.string()));
  std::ofstream(dir / "qemu.pid") << "not a pid\n";
  CHECK_FALSE(ctl::vm_session_running(dir.string()));
  std::filesystem::remove_all(dir);
}

TEST_CASE("vm route: verify --svg FILE writes through the session's share and names the host file to fill") {
  std::vector<std::string> args{"verify", "labs/x", "--svg", "/tmp/m.svg", "--compare-sim"};
  const auto host = ctl::redirect_output_file(args, "/run/l3vpn-vm/out", "verify-7.svg");
  REQUIRE(host.has_value());
  CHECK(*host == "/tmp/m.svg");
  CHECK(args == std::vector<std::string>{"verify", "labs/x", "--svg", "/run/l3vpn-vm/out/verify-7.svg", "--compare-sim"});

  std::vector<std::string> relative{"verify", "labs/x", "--svg", "m.svg"};
  CHECK(*ctl::redirect_output_file(relative, "/g", "n.svg") == (std::filesystem::current_path() / "m.svg").string());

  std::vector<std::string> plain{"verify", "labs/x"};
  CHECK_FALSE(ctl::redirect_output_file(plain, "/g", "n.svg").has_value());
  std::vector<std::string> other{"exec", "labs/x", "R1", "--svg", "f"};  // only verify writes a picture
  CHECK_FALSE(ctl::redirect_output_file(other, "/g", "n.svg").has_value());
  CHECK(other[4] == "f");
}
