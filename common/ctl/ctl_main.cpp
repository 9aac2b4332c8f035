#include "ctl/ctl_main.hpp"

#include <unistd.h>

#include <csignal>
#include <exception>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "ctl/ctl_commands.hpp"
#include "ctl/lab_drill.hpp"
#include "ctl/lab_graph_command.hpp"
#include "ctl/lab_runner.hpp"
#include "ctl/lab_shell.hpp"
#include "ctl/lab_show.hpp"
#include "ctl/lab_vm_session.hpp"
#include "ctl/shell.hpp"
#include "ctl/sim_command.hpp"

namespace l3vpn::ctl {

namespace {

const char* const kUsage =
    "Usage: l3vpnctl COMMAND ...\n"
    "\n"
    "Commands:\n"
    "  exec SOCKET \"LINE\"             run one CLI line on a daemon and print the answer\n"
    "                                 (exit 0 success, 1 CLI error, 2 daemon unreachable)\n"
    "  shell SOCKET                   interactive CLI on a daemon (? for help, exit to leave)\n"
    "  check -f FILE --role ROLE      check a configuration for a role (pe, p, rr, host)\n"
    "                                 and print its running-config\n"
    "  lab check LABDIR               check a lab: lab.yaml and every node's configuration\n"
    "  lab show LABDIR [--nodes]      nodes, links and the expected reachability matrix\n"
    "                                 (--nodes: one 'NAME KIND CONFIG' line per node)\n"
    "  lab up LABDIR [--timeout S] [--no-kernel] [--bin-dir DIR]\n"
    "                                 run the lab live: a network namespace per node, veth\n"
    "                                 links, the daemons; wait until converged (needs root)\n"
    "  lab down LABDIR                stop its daemons, remove its namespaces (also after a crash)\n"
    "  lab status LABDIR              namespaces, daemons, sockets, interface names\n"
    "  lab exec LABDIR NODE \"LINE\"    one CLI line on a node's daemon\n"
    "  lab shell LABDIR NODE          a router's interactive CLI, or a shell in a host's namespace\n"
    "  lab graph LABDIR [--out DIR] [--no-sim]\n"
    "                                 write DIR/<lab>.dot, <lab>.svg (topology) and\n"
    "                                 <lab>-matrix.svg (matrix, simulator's cells); DIR: .\n"
    "  lab verify LABDIR [--compare-sim] [--count N] [--svg FILE]\n"
    "                                 ping every endpoint pair; the matrix vs lab.yaml (and the\n"
    "                                 simulator); exit 1 on any difference; --svg: as a picture\n"
    "  lab run LABDIR [--vm|--no-vm] [--timeout S] [--bin-dir DIR]\n"
    "                                 up, verify --compare-sim, down in one go; inside the VM\n"
    "                                 sandbox (labs/vm/run-in-vm) when this kernel lacks VRF/MPLS\n"
    "  lab drill LABDIR NODE:INTERFACE [--timeout S] [--hold S] [--sample N]\n"
    "                                 failure drill: link down until the cells through it fail,\n"
    "                                 up until the matrix is back; prints both times\n"
    "  (lab up of a lab with VRFs or MPLS on a kernel without them starts a VM session\n"
    "   (labs/vm/run-in-vm --session); show, status, exec, shell, verify, drill and down\n"
    "   then run in it, down stops it; --vm forces the VM, --no-vm forbids it)\n"
    "  sim LABDIR [OPTIONS]           run the whole lab in this process on a simulated clock:\n"
    "                                 --exec 'NODE: COMMAND' (repeatable), --tables (every PE's\n"
    "                                 VRF tables), --matrix, --explain FROM TO, --json\n"
    "  --help                         this help\n"
    "  --version                      print the version\n";

int usage_error(const std::string& message) {
  std::cerr << "l3vpnctl: " << message << "\n" << kUsage;
  return 2;
}

std::string join(const std::vector<std::string>& words, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < words.size(); ++i) {
    if (i > from) out += ' ';
    out += words[i];
  }
  return out;
}

int shell(const std::string& socket_path) {
  if (::isatty(STDIN_FILENO)) {
    TerminalLineReader reader(STDIN_FILENO, std::cout,
                              [&socket_path](const std::string& line) {
                                return fetch_help(socket_path, line);
                              });
    return run_shell(socket_path, reader, std::cout, std::cerr);
  }
  PlainLineReader reader(std::cin, std::cout);
  return run_shell(socket_path, reader, std::cout, std::cerr);
}

int check(const std::vector<std::string>& args) {
  std::string file;
  std::optional<config::Role> role;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "-f" && i + 1 < args.size()) {
      file = args[++i];
    } else if (args[i] == "--role" && i + 1 < args.size()) {
      role = parse_role(args[++i]);
      if (!role) return usage_error("unknown role '" + args[i] + "' (pe, p, rr, host)");
    } else {
      return usage_error("check: unexpected argument '" + args[i] + "'");
    }
  }
  if (file.empty() || !role) return usage_error("check needs -f FILE and --role ROLE");
  return check_config_file(file, *role, std::cout, std::cerr);
}

}  // namespace

int ctl_main(int argc, char** argv) {
  try {
    std::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> args(argv + 1, argv + argc);  // lab commands lose --vm / --no-vm
    if (args.empty()) return usage_error("missing command");
    const std::string command = args[0];
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (command == "--version") {
      std::cout << "l3vpnctl version " << L3VPN_VERSION << "\n";
      return 0;
    }
    if (command == "exec") {
      if (args.size() < 3) return usage_error("exec needs SOCKET and a command line");
      return exec_command(args[1], join(args, 2), std::cout, std::cerr);
    }
    if (command == "shell") {
      if (args.size() != 2) return usage_error("shell needs SOCKET");
      return shell(args[1]);
    }
    if (command == "check") return check(args);
    if (command == "sim") return simulate_lab(std::vector<std::string>(args.begin() + 1, args.end()), std::cout, std::cerr);
    if (command == "lab") {
      std::vector<std::string> lab_args(args.begin() + 1, args.end());
      if (const std::optional<int> in_vm = route_lab_command_to_vm(lab_args, std::cout, std::cerr)) return *in_vm;
      args.erase(args.begin() + 1, args.end());  // the same words, without --vm / --no-vm
      args.insert(args.end(), lab_args.begin(), lab_args.end());
      if (args.size() >= 2 && args[1] == "drill")
        return lab_drill_command(std::vector<std::string>(args.begin() + 1, args.end()), std::cout, std::cerr);
      if (args.size() == 3 && args[1] == "check") return check_lab(args[2], std::cout, std::cerr);
      if (args.size() == 3 && args[1] == "show") {
        const int shown = show_lab(args[2], false, std::cout, std::cerr);
        if (shown != 0) return shown;
        std::ostringstream ignored;  // a lab the runner cannot run still shows
        if (const auto plan = load_lab_plan(args[2], ignored)) print_lab_status(*plan, std::cout);
        return 0;
      }
      if (args.size() >= 2 && args[1] == "graph")
        return lab_graph_command(std::vector<std::string>(args.begin() + 1, args.end()), std::cout, std::cerr);
      if (args.size() >= 2 && args[1] == "shell")
        return lab_shell_command(std::vector<std::string>(args.begin() + 1, args.end()), shell, std::cout, std::cerr);
      if (args.size() >= 2 && (args[1] == "up" || args[1] == "down" || args[1] == "status" || args[1] == "exec" ||
                               args[1] == "verify" || args[1] == "run"))
        return run_lab_command(std::vector<std::string>(args.begin() + 1, args.end()), std::cout, std::cerr);
      if (args.size() == 4 && args[1] == "show" && args[3] == "--nodes")
        return show_lab(args[2], true, std::cout, std::cerr);
      return usage_error("usage: lab check|show|up|down|status|exec|shell|verify|run|graph LABDIR ...");
    }
    return usage_error("unknown command '" + command + "'");
  } catch (const std::exception& e) {
    std::cerr << "l3vpnctl: fatal: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace l3vpn::ctl
