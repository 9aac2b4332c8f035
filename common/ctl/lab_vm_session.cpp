#include "ctl/lab_vm_session.hpp"

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/lab.hpp"
#include "ctl/ctl_commands.hpp"
#include "ctl/lab_runner.hpp"
#include "ctl/lab_runner_process.hpp"

namespace l3vpn::ctl {

namespace {

namespace fs = std::filesystem;

// The commands that need the lab's kernel: those that touch its namespaces.
bool needs_live_kernel(const std::string& command) {
  static const char* const kCommands[] = {"up", "down", "verify", "exec", "status", "show", "shell", "drill"};
  return std::any_of(std::begin(kCommands), std::end(kCommands), [&](const char* c) { return command == c; });
}

// The lab folder: the first word after the command that is no option and no
// option's value.
std::string lab_directory_of(const std::vector<std::string>& args) {
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--timeout" || a == "--bin-dir" || a == "--count" || a == "--out" || a == "--svg" || a == "--hold" ||
        a == "--sample") {
      ++i;
    } else if (a.rfind("--", 0) != 0) {
      return a;
    }
  }
  return {};
}

// A lab whose routers have VRFs or MPLS interfaces cannot run on a kernel
// without them; others (plain OSPF labs) run anywhere.
bool lab_needs_vrf_or_mpls(const config::Lab& lab) {
  for (const config::LabNode& n : lab.nodes) {
    if (!n.config.vrfs.empty()) return true;
    for (const config::Interface& i : n.config.interfaces)
      if (i.mpls_ip) return true;
  }
  return false;
}

std::string self_path() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("l3vpnctl") : self.string();
}

std::vector<char*> c_argv(std::vector<std::string>& argv) {
  std::vector<char*> out;
  for (std::string& a : argv) out.push_back(a.data());
  out.push_back(nullptr);
  return out;
}

// Runs `argv` with our stdin, stdout and stderr and waits; Ctrl-C reaches the
// child (run-in-vm cancels the guest's command) while we wait for it.
int run_attached(std::vector<std::string> argv, std::ostream& out, std::ostream& err) {
  out.flush();
  err.flush();
  std::vector<char*> args = c_argv(argv);
  const pid_t pid = ::fork();
  if (pid < 0) {
    err << "l3vpnctl: lab: cannot fork to run " << argv[0] << "\n";
    return kExitCliError;
  }
  if (pid == 0) {
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  struct sigaction ignore {};
  ignore.sa_handler = SIG_IGN;
  struct sigaction old_int {}, old_term {};
  ::sigaction(SIGINT, &ignore, &old_int);
  ::sigaction(SIGTERM, &ignore, &old_term);
  int raw = 0;
  while (::waitpid(pid, &raw, 0) < 0 && errno == EINTR) {
  }
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  if (WIFEXITED(raw)) return WEXITSTATUS(raw);
  return WIFSIGNALED(raw) ? 128 + WTERMSIG(raw) : kExitCliError;
}

// How long a command may run in the VM before run-in-vm cancels it: an
// interactive shell a day, anything else an hour (a hung command must not
// hold the caller forever; `up` and `drill` have timeouts of their own).
std::string job_timeout(const std::string& command) { return command == "shell" ? "86400" : "3600"; }

std::vector<std::string> job_argv(const std::string& run_in_vm, const std::string& session,
                                  const std::vector<std::string>& args) {
  std::vector<std::string> argv{run_in_vm, "--session", session, "--timeout", job_timeout(args[0])};
  if (args[0] == "shell") argv.push_back("--stdin");
  argv.insert(argv.end(), {"--", self_path(), "lab"});
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace

std::optional<std::string> redirect_output_file(std::vector<std::string>& args, const std::string& guest_out,
                                                const std::string& name) {
  if (args.empty() || args[0] != "verify") return std::nullopt;
  for (std::size_t i = 1; i + 1 < args.size(); ++i) {
    if (args[i] != "--svg") continue;
    std::string host = std::filesystem::absolute(args[i + 1]).string();
    args[i + 1] = guest_out + "/" + name;
    return host;
  }
  return std::nullopt;
}

VmRoute decide_vm_route(const VmRouteInput& in) {
  if (in.in_vm || in.no_vm || !needs_live_kernel(in.command)) return VmRoute::Local;
  if (in.session_running) return in.command == "down" ? VmRoute::RunThenStop : VmRoute::RunInSession;
  // `up` over a dead VM starts a new one (run-in-vm --start cleans the old
  // directory); any other command reports the death of the lab's VM.
  if (in.command == "up") {
    const bool kernel_lacks = !in.kernel_capable && in.lab_needs_vrf_or_mpls;
    return in.force_vm || in.session_stale || kernel_lacks ? VmRoute::StartThenRun : VmRoute::Local;
  }
  if (in.session_stale) return VmRoute::CleanStale;
  return in.force_vm ? VmRoute::NoSession : VmRoute::Local;
}

std::string vm_session_dir(const std::string& run_dir) { return run_dir + "/vm"; }

bool vm_session_running(const std::string& directory) {
  std::ifstream in(directory + "/qemu.pid");
  long pid = 0;
  if (!(in >> pid) || pid <= 0) return false;
  // run-in-vm gives the guest the session directory as its share "xfer".
  return process_matches(static_cast<pid_t>(pid), "path=" + directory + ",mount_tag=xfer");
}

std::string find_run_in_vm(const std::string& lab_directory) {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("L3VPN_RUN_IN_VM"); env != nullptr && *env != '\0') candidates.emplace_back(env);
  std::error_code ec;
  const fs::path lab = fs::weakly_canonical(fs::absolute(lab_directory), ec);
  if (!ec) candidates.push_back(lab.parent_path() / "vm" / "run-in-vm");
  // A build tree inside the source tree (build-x/labs/l3vpnctl): look upwards.
  for (fs::path p = fs::path(self_path()).parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path())
    candidates.push_back(p / "labs" / "vm" / "run-in-vm");
  for (const fs::path& c : candidates)
    if (::access(c.c_str(), X_OK) == 0) return c.string();
  return {};
}

bool kernel_has_vrf_and_mpls() {
  // mpls_router does not load itself on demand: its sysctls tell. A VRF
  // device loads `vrf`; /sys/module/vrf says it is there (built in or loaded).
  return fs::exists("/proc/sys/net/mpls/platform_labels") && fs::exists("/sys/module/vrf");
}

std::optional<int> route_lab_command_to_vm(std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) return std::nullopt;
  VmRouteInput in;
  in.command = args[0];
  if (in.command != "run") {  // `lab run` reads --vm and --no-vm itself
    in.force_vm = std::count(args.begin(), args.end(), "--vm") > 0;
    in.no_vm = std::count(args.begin(), args.end(), "--no-vm") > 0;
    args.erase(std::remove_if(args.begin(), args.end(), [](const std::string& a) { return a == "--vm" || a == "--no-vm"; }),
               args.end());
  }
  in.in_vm = std::getenv("L3VPN_IN_VM") != nullptr;
  if (in.in_vm || in.no_vm || !needs_live_kernel(in.command)) return std::nullopt;

  const std::string directory = lab_directory_of(args);
  if (directory.empty()) return std::nullopt;  // the command prints its usage
  const config::LabLoadResult loaded = config::load_lab(directory);
  std::ostringstream ignored;  // the command itself reports a lab that does not load
  const std::optional<LabPlan> plan = loaded.ok() ? load_lab_plan(directory, ignored) : std::nullopt;
  if (!plan) return std::nullopt;
  const std::string session = vm_session_dir(plan->run_dir);
  in.session_running = vm_session_running(session);
  in.session_stale = !in.session_running && fs::exists(session + "/session");
  in.kernel_capable = kernel_has_vrf_and_mpls();
  in.lab_needs_vrf_or_mpls =
      lab_needs_vrf_or_mpls(loaded.lab) && std::count(args.begin(), args.end(), "--no-kernel") == 0;

  const VmRoute route = decide_vm_route(in);
  if (route == VmRoute::Local) return std::nullopt;
  if (route == VmRoute::NoSession) {
    err << "l3vpnctl: lab " << in.command << " --vm: lab " << plan->lab << " has no VM session (" << session
        << "); bring it up with `l3vpnctl lab up " << directory << " --vm`\n";
    return kExitCliError;
  }
  const std::string run_in_vm = find_run_in_vm(directory);
  if (run_in_vm.empty()) {
    err << "l3vpnctl: lab " << in.command << ": labs/vm/run-in-vm (the VM sandbox) is not found next to "
        << directory << " nor above " << self_path() << "; set L3VPN_RUN_IN_VM, or run on a kernel with vrf and "
        << "mpls_router (--no-vm)\n";
    return kExitCliError;
  }
  switch (route) {
    case VmRoute::StartThenRun: {
      out << "lab " << plan->lab << ": "
          << (in.force_vm ? std::string("--vm")
                          : in.session_stale ? std::string("its VM had stopped") : std::string("this kernel has no VRF or MPLS"))
          << ": starting a VM session in " << session << "\n";
      const int started = run_attached({run_in_vm, "--session", session, "--start"}, out, err);
      if (started != kExitOk) {
        err << "l3vpnctl: lab up: the VM session did not start (run-in-vm exit " << started << ")\n";
        return started;
      }
      const int up = run_attached(job_argv(run_in_vm, session, args), out, err);
      if (up != kExitOk)
        err << "(the lab's VM session stays: `l3vpnctl lab down " << directory << "` stops it)\n";
      return up;
    }
    case VmRoute::RunInSession: {
      // The guest's / is the host's, read-only under a throw-away overlay: a
      // file written there is lost, so it comes back through the share.
      const std::string name = "verify-" + std::to_string(::getpid()) + ".svg";
      if (const auto host_file = redirect_output_file(args, "/run/l3vpn-vm/out", name)) {
        const int status = run_attached(job_argv(run_in_vm, session, args), out, err);
        const std::filesystem::path shared = std::filesystem::path(session) / "out" / name;
        std::error_code ec;
        std::filesystem::copy_file(shared, *host_file, std::filesystem::copy_options::overwrite_existing, ec);
        if (ec) {
          err << "l3vpnctl: lab verify: the picture did not come back from the VM (" << shared.string() << " -> "
              << *host_file << ": " << ec.message() << ")\n";
        } else {
          out << "picture: " << *host_file << "\n";
        }
        std::filesystem::remove(shared, ec);
        return status;
      }
      out.flush();
      err.flush();
      std::vector<std::string> argv = job_argv(run_in_vm, session, args);
      std::vector<char*> c = c_argv(argv);
      ::execv(c[0], c.data());
      err << "l3vpnctl: lab " << in.command << ": cannot start " << run_in_vm << "\n";
      return kExitCliError;
    }
    case VmRoute::RunThenStop: {
      const int down = run_attached(job_argv(run_in_vm, session, args), out, err);
      const int stopped = run_attached({run_in_vm, "--session", session, "--stop"}, out, err);
      out << "lab " << plan->lab << ": VM session " << (stopped == kExitOk ? "stopped" : "NOT stopped") << "\n";
      return down != kExitOk ? down : stopped;
    }
    case VmRoute::CleanStale: {
      run_attached({run_in_vm, "--session", session, "--stop"}, out, err);
      if (in.command == "down") {
        out << "lab " << plan->lab << ": its VM had stopped, taking the lab with it; nothing left to remove\n";
        return kExitOk;
      }
      err << "l3vpnctl: lab " << in.command << ": lab " << plan->lab
          << " ran in a VM that has stopped (the lab went with it); `l3vpnctl lab up " << directory
          << "` starts it again\n";
      return kExitCliError;
    }
    case VmRoute::Local:
    case VmRoute::NoSession:
      break;
  }
  return std::nullopt;
}

}  // namespace l3vpn::ctl
