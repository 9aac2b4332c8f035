// The three daemons started for real on lab configurations, each with its
// control socket in a temporary directory, driven through the l3vpnctl binary.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <csignal>
#include <string>
#include <vector>

#include "cli/json_reader.hpp"
#include "config/parser.hpp"
#include "process.hpp"

using namespace std::chrono_literals;
using l3vpn::test::DaemonProcess;
using l3vpn::test::RunResult;
using l3vpn::test::TempDir;

namespace {

const std::string kSource = L3VPN_SOURCE_DIR;
const std::string kBinary = L3VPN_BINARY_DIR;
const std::string kCtl = kBinary + "/labs/l3vpnctl";
const std::string kR3 = kSource + "/labs/inter-vrf-leaking/R3.conf";
const std::string kR1 = kSource + "/labs/inter-vrf-leaking/R1.conf";
const std::string kRR1 = kSource + "/labs/rr-core/RR1.conf";

std::string daemon_binary(const std::string& role) { return kBinary + "/" + role + "/l3vpn-" + role; }

RunResult ctl(const std::string& socket, const std::string& line) {
  return l3vpn::test::run({kCtl, "exec", socket, line});
}

// Starts a daemon and waits until it answers on its socket.
std::unique_ptr<DaemonProcess> start(const std::string& role, const std::string& config,
                                     const std::string& socket, const std::string& log,
                                     const std::vector<std::string>& extra = {}) {
  // The lab configs name real-world addresses (2.2.2.2, 10.255.0.x): no
  // session may try them from this host, so these daemons run no protocol.
  std::vector<std::string> argv{daemon_binary(role), "-f", config, "--socket", socket, "--no-protocols"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto daemon = std::make_unique<DaemonProcess>(argv, log);
  const bool up = l3vpn::test::eventually([&] {
    return l3vpn::test::is_socket(socket) && ctl(socket, "show version").exit_code == 0;
  });
  INFO("daemon log: " << daemon->log());
  REQUIRE(up);
  return daemon;
}

// The running-config the daemon should show: the file's, with `node_name` as
// hostname when the file has none (as --name NODE does).
std::string rendered(const std::string& path, const std::string& node_name = {}) {
  auto parsed = l3vpn::config::parse_config_file(path);
  if (parsed.config.hostname.empty()) parsed.config.hostname = node_name;
  return l3vpn::config::render_running_config(parsed.config);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("PE daemon on R3 answers the show commands through l3vpnctl") {
  TempDir dir;
  const std::string socket = dir.file("r3.sock");
  auto daemon = start("pe", kR3, socket, dir.file("pe.log"), {"--name", "R3"});

  struct stat st {};
  REQUIRE(::stat(socket.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);

  RunResult r = ctl(socket, "show ip bgp summary");  // --no-protocols: BGP configured but not run
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err + r.out, "% BGP not active"));

  r = ctl(socket, "show running-config");
  CHECK(r.exit_code == 0);
  CHECK(r.out == rendered(kR3, "R3"));
  CHECK(r.out.rfind("hostname R3\n", 0) == 0);

  r = ctl(socket, "sh run");  // abbreviated
  CHECK(r.out == rendered(kR3, "R3"));

  r = ctl(socket, "show ip vrf");
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("  Name                             Default RD            Interfaces\n", 0) == 0);
  CHECK(contains(r.out, "  Technique                        65103:103             Lo10\n"));
  CHECK(contains(r.out, "  Commercial                       65103:203             Lo20\n"));

  r = ctl(socket, "show version");
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, std::string("l3vpn-pe version ") + L3VPN_VERSION + "\n"));
  CHECK(contains(r.out, "Role: pe\n"));
  CHECK(contains(r.out, "Configuration file: " + kR3 + "\n"));
  CHECK(contains(r.out, " uptime is "));

  r = ctl(socket, "show ip vrf detail | include RT");
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "    RT:65103:1111"));
  CHECK(contains(r.out, "RT:65103:2222"));
  std::size_t lines = 0;
  for (std::size_t pos = 0; (pos = r.out.find('\n', pos)) != std::string::npos; ++pos) ++lines;
  CHECK(lines >= 3);
  CHECK_FALSE(contains(r.out, "VRF "));

  r = ctl(socket, "show ip vrf json");
  CHECK(r.exit_code == 0);
  const auto json = l3vpn::cli::parse_json(r.out);
  INFO("json: " << r.out << " " << json.error);
  REQUIRE(json.value.has_value());
  const auto* vrfs = json.value->find("vrfs");
  REQUIRE(vrfs != nullptr);
  bool found = false;
  for (const auto& vrf : vrfs->items) {
    if (vrf.find("name")->string != "Technique") continue;
    found = true;
    CHECK(vrf.find("rd")->string == "65103:103");
    REQUIRE(vrf.find("interfaces")->items.size() == 1);
    CHECK(vrf.find("interfaces")->items[0].string == "Loopback10");
  }
  CHECK(found);

  r = ctl(socket, "show ip vrf bogus");
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "show ip vrf bogus\n"
        "            ^\n"
        "% Invalid input detected at '^' marker.\n");
  CHECK(r.out.empty());

  r = ctl(socket, "show ip vrf ?");
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "  detail"));
  CHECK(contains(r.out, "  <cr>\n"));

  r = ctl(socket, std::string(70 * 1024, 'x'));
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "% Request too long"));

  // the piped shell: prompt from the daemon's hostname, commands, help, exit
  r = l3vpn::test::run({kCtl, "shell", socket}, "show ip vrf\nsh ip vrf ?\nexit\nshow version\n");
  const std::string prompt = "R3#";  // the seed's R3.conf has no hostname: --name R3 gives it
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, prompt + "show ip vrf\n  Name "));
  CHECK(contains(r.out, prompt + "sh ip vrf ?\n"));
  CHECK(contains(r.out, "  detail"));
  CHECK_FALSE(contains(r.out, "Role: pe"));  // nothing after exit

  // a second daemon on the same socket is refused, the first keeps serving
  const RunResult second = l3vpn::test::run({daemon_binary("pe"), "-f", kR3, "--socket", socket, "--no-protocols"});
  CHECK(second.exit_code == 1);
  CHECK(contains(second.err, "in use"));
  CHECK(ctl(socket, "show version").exit_code == 0);

  daemon->signal(SIGTERM);
  CHECK(daemon->wait(10s) == 0);
  CHECK_FALSE(l3vpn::test::is_socket(socket));
}

TEST_CASE("P and RR daemons on their lab configurations") {
  TempDir dir;
  const std::string p_socket = dir.file("r1.sock");
  const std::string rr_socket = dir.file("rr1.sock");
  auto p = start("p", kR1, p_socket, dir.file("p.log"));
  auto rr = start("rr", kRR1, rr_socket, dir.file("rr.log"));

  RunResult r = ctl(p_socket, "show running-config");
  CHECK(r.exit_code == 0);
  CHECK(r.out == rendered(kR1));
  CHECK(contains(ctl(p_socket, "show version").out, "Role: p\n"));
  r = ctl(p_socket, "show ip vrf");
  CHECK(r.out == "  Name                             Default RD            Interfaces\n");

  r = ctl(rr_socket, "show running-config");
  CHECK(r.exit_code == 0);
  CHECK(r.out == rendered(kRR1));
  CHECK(contains(ctl(rr_socket, "show version").out, "l3vpn-rr version"));
  r = ctl(rr_socket, "show running-config json");
  const auto json = l3vpn::cli::parse_json(r.out);
  REQUIRE(json.value.has_value());
  CHECK(json.value->find("text")->string == rendered(kRR1));

  p->signal(SIGINT);
  rr->signal(SIGTERM);
  CHECK(p->wait(10s) == 0);
  CHECK(rr->wait(10s) == 0);
  CHECK_FALSE(l3vpn::test::is_socket(p_socket));
  CHECK_FALSE(l3vpn::test::is_socket(rr_socket));
}

TEST_CASE("--check refuses a PE configuration on a P router, naming the VRF problem") {
  const RunResult r = l3vpn::test::run({daemon_binary("p"), "--check", "-f", kR3});
  CHECK(r.exit_code != 0);
  std::string err = r.err;
  for (char& c : err) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  INFO("stderr: " << r.err);
  CHECK(contains(err, "vrf"));
  CHECK(contains(r.err, kR3 + ":"));

  const RunResult ok = l3vpn::test::run({daemon_binary("pe"), "--check", "-f", kR3});
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == rendered(kR3));
}

TEST_CASE("l3vpnctl: unreachable daemon, check and lab check") {
  TempDir dir;
  RunResult r = ctl(dir.file("nobody.sock"), "show version");
  CHECK(r.exit_code == 2);
  CHECK(contains(r.err, dir.file("nobody.sock")));

  r = l3vpn::test::run({kCtl, "check", "-f", kR1, "--role", "p"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == rendered(kR1));

  r = l3vpn::test::run({kCtl, "lab", "check", kSource + "/labs/inter-vrf-leaking"});
  INFO("lab check: " << r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "R3"));

  r = l3vpn::test::run({kCtl, "--help"});
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "exec SOCKET"));
  CHECK(contains(r.out, "lab check LABDIR"));
}

TEST_CASE("SIGHUP: a broken config is refused, a good one replaces the old") {
  TempDir dir;
  const std::string config = dir.file("R3.conf");
  const std::string original = l3vpn::test::read_file(kR3);
  l3vpn::test::write_file(config, original);
  const std::string socket = dir.file("r3.sock");
  const std::string log = dir.file("pe.log");
  auto daemon = start("pe", config, socket, log);
  const std::string before = ctl(socket, "show running-config").out;
  REQUIRE(before == rendered(kR3));

  l3vpn::test::write_file(config, original + "\ninterface Loopback99\n ip address 300.1.1.1 255.255.255.255\n");
  daemon->signal(SIGHUP);
  const bool refused = l3vpn::test::eventually([&] { return contains(daemon->log(), "reload refused"); });
  INFO("daemon log: " << daemon->log());
  CHECK(refused);
  CHECK(contains(daemon->log(), config + ":"));  // the error names the file
  CHECK(ctl(socket, "show running-config").out == before);

  // fixed differently: another hostname
  std::string fixed;
  std::size_t pos = 0;
  while (pos < original.size()) {
    std::size_t end = original.find('\n', pos);
    if (end == std::string::npos) end = original.size();
    const std::string line = original.substr(pos, end - pos);
    if (line.rfind("hostname ", 0) != 0) fixed += line + "\n";
    pos = end + 1;
  }
  fixed = "hostname RELOADED\n" + fixed;
  l3vpn::test::write_file(config, fixed);
  daemon->signal(SIGHUP);
  const bool reloaded = l3vpn::test::eventually(
      [&] { return contains(ctl(socket, "show running-config").out, "hostname RELOADED\n"); });
  CHECK(reloaded);
  CHECK(contains(daemon->log(), "new configuration in force"));
  CHECK(contains(ctl(socket, "show version").out, "RELOADED uptime is"));

  daemon->signal(SIGTERM);
  CHECK(daemon->wait(10s) == 0);
  CHECK_FALSE(l3vpn::test::is_socket(socket));
}

TEST_CASE("a stale socket file left by a killed daemon does not stop the next one") {
  TempDir dir;
  const std::string socket = dir.file("r1.sock");
  {
    auto first = start("p", kR1, socket, dir.file("first.log"));
    first->signal(SIGKILL);
    CHECK(first->wait(10s).has_value());
  }
  CHECK(l3vpn::test::is_socket(socket));
  auto second = start("p", kR1, socket, dir.file("second.log"));
  CHECK(contains(second->log(), "removing stale control socket"));
  second->signal(SIGTERM);
  CHECK(second->wait(10s) == 0);
}
