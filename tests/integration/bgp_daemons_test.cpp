// BGP between real daemons: l3vpn-rr and two l3vpn-pe on the RR lab's
// configurations moved to loopback addresses (RR 127.0.10.10, PE1
// 127.0.10.11, PE2 127.0.10.12: Linux answers on all of 127/8), each
// listening on its own update-source address on one test port, driven with
// l3vpnctl: sessions come up, show commands, clear, a reload that changes
// `router bgp` (with mismatched MD5 passwords for PE2), SIGTERM.
#include <doctest/doctest.h>
#include <unistd.h>

#include <csignal>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli/json_reader.hpp"
#include "process.hpp"

using namespace std::chrono_literals;
using l3vpn::test::DaemonProcess;
using l3vpn::test::RunResult;
using l3vpn::test::TempDir;

namespace {

const std::string kSource = L3VPN_SOURCE_DIR;
const std::string kBinary = L3VPN_BINARY_DIR;
const std::string kCtl = kBinary + "/labs/l3vpnctl";

RunResult ctl(const std::string& socket, const std::string& line) {
  return l3vpn::test::run({kCtl, "exec", socket, line});
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size())
    text.replace(pos, from.size(), to);
  return text;
}

// A lab config with the loopbacks 10.255.0.1x moved to 127.0.10.1x.
std::string on_loopback(const std::string& lab_file) {
  return replace_all(l3vpn::test::read_file(kSource + "/labs/rr-core/" + lab_file), "10.255.0.1", "127.0.10.1");
}

// `text` with `line` added after the line `after`.
std::string with_line_after(const std::string& text, const std::string& after, const std::string& line) {
  std::size_t pos = text.find(after + "\n");
  REQUIRE(pos != std::string::npos);
  return text.substr(0, pos + after.size() + 1) + line + "\n" + text.substr(pos + after.size() + 1);
}

std::unique_ptr<DaemonProcess> start(const std::string& role, const std::string& config, const std::string& socket,
                                     const std::string& log, std::uint16_t port) {
  std::vector<std::string> argv{kBinary + "/" + role + "/l3vpn-" + role, "-f", config, "--socket", socket,
                                "--bgp-port", std::to_string(port)};
  auto daemon = std::make_unique<DaemonProcess>(argv, log);
  const bool up = l3vpn::test::eventually(
      [&] { return l3vpn::test::is_socket(socket) && ctl(socket, "show version").exit_code == 0; });
  INFO("daemon log: " << daemon->log());
  REQUIRE(up);
  return daemon;
}

// The neighbor's row of `show ip bgp summary` ends in a prefix count once Established.
bool established(const std::string& summary, const std::string& neighbor) {
  std::istringstream in(summary);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(neighbor + " ", 0) != 0) continue;
    std::string last = line.substr(line.find_last_of(' ') + 1);
    return !last.empty() && last.find_first_not_of("0123456789") == std::string::npos;
  }
  return false;
}

}  // namespace

TEST_CASE("BGP daemons: RR and two PEs on loopback addresses establish, show, clear, reload with MD5, stop") {
  TempDir dir;
  const auto port = static_cast<std::uint16_t>(1790 + ::getpid() % 200);
  const std::string rr_conf = dir.file("RR1.conf"), pe1_conf = dir.file("PE1.conf"), pe2_conf = dir.file("PE2.conf");
  // The RR resolves the PEs' next hops (their loopbacks) through a static
  // route until the IGP does it: an unresolved path is never best, never reflected.
  const std::string rr_text = replace_all(on_loopback("RR1.conf"), "\nend\n",
                                          "\nip route 127.0.10.0 255.255.255.0 127.0.10.10\nend\n");
  const std::string pe2_text = replace_all(on_loopback("PE2.conf"), "\nend\n",
                                          "\nip route 127.0.10.0 255.255.255.0 127.0.10.10\nend\n");
  l3vpn::test::write_file(rr_conf, rr_text);
  l3vpn::test::write_file(pe1_conf, on_loopback("PE1.conf"));
  l3vpn::test::write_file(pe2_conf, pe2_text);
  const std::string rr_sock = dir.file("rr.sock"), pe1_sock = dir.file("pe1.sock"), pe2_sock = dir.file("pe2.sock");

  auto rr = start("rr", rr_conf, rr_sock, dir.file("rr.log"), port);
  auto pe1 = start("pe", pe1_conf, pe1_sock, dir.file("pe1.log"), port);
  auto pe2 = start("pe", pe2_conf, pe2_sock, dir.file("pe2.log"), port);
  INFO("RR log: " << rr->log());

  const bool up = l3vpn::test::eventually([&] {
    const std::string s = ctl(rr_sock, "show ip bgp summary").out;
    return established(s, "127.0.10.11") && established(s, "127.0.10.12");
  }, 20s);
  INFO("RR summary: " << ctl(rr_sock, "show ip bgp summary").out);
  REQUIRE(up);
  CHECK(contains(rr->log(), "listening on 127.0.10.10:" + std::to_string(port)));
  CHECK(contains(rr->log(), "%BGP-5-ADJCHANGE: neighbor 127.0.10.11 Up"));
  CHECK(established(ctl(pe1_sock, "show ip bgp summary").out, "127.0.10.10"));

  RunResult r = ctl(rr_sock, "show ip bgp neighbors 127.0.10.11");
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("BGP neighbor is 127.0.10.11,  remote AS 65000, internal link\n", 0) == 0);
  CHECK(contains(r.out, " Description: PE1\n"));
  CHECK(contains(r.out, "  BGP version 4, remote router ID 127.0.10.11\n"));
  CHECK(contains(r.out, "  BGP state = Established, up for 00:00:"));
  CHECK(contains(r.out, "  Hold time is 180, keepalive interval is 60 seconds\n"));
  CHECK(contains(r.out, "    Address family VPNv4 Unicast: advertised and received\n"));
  CHECK(contains(r.out, "    Opens:                    1          1\n"));
  CHECK(contains(r.out, "  Route-Reflector Client\n"));
  CHECK(contains(r.out, "  Prefixes received: 3\n"));  // PE1's VRF BLUE: two connected networks, one static
  CHECK(contains(r.out, "  Last reset never\n"));
  CHECK_FALSE(contains(r.out, "127.0.10.12,"));
  // PE1's static route of VRF BLUE reaches PE2 through the RR, with PE1's label
  const std::string detail_command = "show ip bgp vpnv4 rd 65000:101 192.168.100.0/24";
  const bool reflected = l3vpn::test::eventually(
      [&] { return contains(ctl(pe2_sock, detail_command).out, "Originator: 127.0.10.11, Cluster list: 127.0.10.10"); },
      10s);
  INFO("PE2: " << ctl(pe2_sock, detail_command).out);
  CHECK(reflected);
  CHECK(contains(ctl(pe2_sock, detail_command).out, "      mpls labels in/out nolabel/2000\n"));  // mpls label range 2000 2999
  CHECK(contains(ctl(pe1_sock, detail_command).out, "      mpls labels in/out 2000/nolabel\n"));
  CHECK(contains(ctl(pe2_sock, detail_command).out, "      Extended Community: RT:65000:100"));

  // PE2's VRF BLUE imports it (RT 65000:100): an iBGP route via PE1's loopback
  r = ctl(pe2_sock, "show ip route vrf BLUE");
  INFO("PE2 BLUE: " << r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Routing Table: BLUE\n"));
  CHECK(contains(r.out, "\nB    192.168.100.0/24 [200/0] via 127.0.10.11, "));  // classful /24: no summary line
  CHECK(contains(r.out, "\nC       10.100.2.1 is directly connected, Loopback10\n"));
  CHECK(contains(r.out, "static route\n\nGateway of last resort is not set\n\n"));
  r = ctl(pe2_sock, "show ip route vrf NOPE");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err + r.out, "% IP routing table NOPE does not exist"));

  // the label ledger: PE1's one VRF holds the first label of `mpls label range 2000 2999`
  r = ctl(pe1_sock, "show mpls label table");
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "Dynamic label range 2000-2999, 1 allocated\n"));
  CHECK(contains(r.out, "2000     vrf:BLUE\n"));
  CHECK(contains(ctl(rr_sock, "show mpls label table").out, ", 0 allocated\n"));  // the RR exports nothing

  // per-neighbor tables at the RR: PE1's three routes in, the same three out to PE2
  r = ctl(rr_sock, "show ip bgp neighbors 127.0.10.11 received-routes");
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "\nTotal number of prefixes 3\n"));
  r = ctl(rr_sock, "show ip bgp vpnv4 all neighbors 127.0.10.12 advertised-routes");
  CHECK(contains(r.out, "192.168.100.0/24 127.0.10.11"));
  CHECK(contains(r.out, "\nTotal number of prefixes 3\n"));

  r = ctl(rr_sock, "show ip bgp neighbors 127.0.10.99");
  CHECK(r.exit_code == 1);
  CHECK(contains(r.err, "% No such neighbor"));

  r = ctl(rr_sock, "show ip bgp vpnv4 all summary json");
  CHECK(r.exit_code == 0);
  const auto json = l3vpn::cli::parse_json(r.out);
  INFO("json: " << r.out);
  REQUIRE(json.value.has_value());
  CHECK(json.value->find("router_id")->string == "127.0.10.10");
  const auto* neighbors = json.value->find("neighbors");
  REQUIRE(neighbors != nullptr);
  REQUIRE(neighbors->items.size() == 2);
  CHECK(neighbors->items[0].find("neighbor")->string == "127.0.10.11");
  CHECK(neighbors->items[1].find("state")->string == "Established");

  r = ctl(pe1_sock, "show ip bgp vpnv4 all");
  CHECK(r.exit_code == 0);
  CHECK(contains(r.out, "local router ID is 127.0.10.11\n"));
  CHECK(ctl(pe1_sock, "show ip bgp vpnv4 all labels").exit_code == 0);
  CHECK(ctl(pe1_sock, "show ip bgp vpnv4 rd 65000:101").exit_code == 0);
  CHECK(ctl(pe1_sock, "show ip bgp vpnv4 rd bogus").exit_code == 1);

  // clear: PE1's session is reset and comes back
  r = ctl(rr_sock, "clear ip bgp 127.0.10.11");
  CHECK(r.exit_code == 0);
  const bool back = l3vpn::test::eventually([&] {
    const std::string n = ctl(rr_sock, "show ip bgp neighbors 127.0.10.11").out;
    return contains(n, "BGP state = Established") && contains(n, "Connections established 2; dropped 1");
  }, 15s);
  CHECK(back);
  CHECK(contains(ctl(rr_sock, "show ip bgp neighbors 127.0.10.11").out, "Last reset, due to administratively stopped"));
  CHECK(established(ctl(rr_sock, "show ip bgp summary").out, "127.0.10.12"));  // the other one untouched
  CHECK(ctl(rr_sock, "clear ip bgp 127.0.10.99").exit_code == 1);

  // soft in: a ROUTE-REFRESH to PE2, and the session stays up
  r = ctl(rr_sock, "clear ip bgp 127.0.10.12 soft in");
  CHECK(r.exit_code == 0);
  CHECK(l3vpn::test::eventually([&] {
    return contains(ctl(rr_sock, "show ip bgp neighbors 127.0.10.12").out, "Route Refresh:            1          0");
  }, 5s));
  CHECK(established(ctl(rr_sock, "show ip bgp summary").out, "127.0.10.12"));
  CHECK(ctl(rr_sock, "clear ip bgp * soft out").exit_code == 0);
  CHECK(ctl(rr_sock, "clear ip bgp 127.0.10.99 soft").exit_code == 1);

  // an unchanged reload keeps the sessions
  pe1->signal(SIGHUP);
  CHECK(l3vpn::test::eventually([&] { return contains(pe1->log(), "configuration unchanged"); }));

  // MD5: the RR and PE2 now have different passwords for each other; the
  // reload of the RR's changed `router bgp` resets both sessions
  l3vpn::test::write_file(rr_conf, with_line_after(rr_text, " neighbor 127.0.10.12 description PE2",
                                                   " neighbor 127.0.10.12 password RR-SIDE"));
  l3vpn::test::write_file(pe2_conf, with_line_after(pe2_text, " neighbor 127.0.10.10 description RR1",
                                                    " neighbor 127.0.10.10 password PE-SIDE"));
  pe2->signal(SIGHUP);
  rr->signal(SIGHUP);
  CHECK(l3vpn::test::eventually([&] { return contains(rr->log(), "router bgp changed"); }));
  CHECK(l3vpn::test::eventually([&] { return established(ctl(rr_sock, "show ip bgp summary").out, "127.0.10.11"); },
                                15s));
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  bool pe2_ever_up = false;
  while (std::chrono::steady_clock::now() < deadline) {
    pe2_ever_up |= established(ctl(rr_sock, "show ip bgp summary").out, "127.0.10.12");
    std::this_thread::sleep_for(250ms);
  }
  CHECK_FALSE(pe2_ever_up);
  CHECK(established(ctl(rr_sock, "show ip bgp summary").out, "127.0.10.11"));

  // a P router has no BGP
  auto p = start("p", kSource + "/labs/inter-vrf-leaking/R1.conf", dir.file("p.sock"), dir.file("p.log"), port);
  r = ctl(dir.file("p.sock"), "show ip bgp summary");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "% BGP not active\n");

  // SIGTERM: the RR closes its sessions with a Cease before it exits
  rr->signal(SIGTERM);
  CHECK(rr->wait(10s) == 0);
  CHECK(l3vpn::test::eventually(
      [&] { return contains(pe1->log(), "neighbor 127.0.10.10 Down NOTIFICATION received: code 6 subcode 2"); }, 5s));
  for (auto* d : {pe1.get(), pe2.get(), p.get()}) d->signal(SIGTERM);
  CHECK(pe1->wait(10s) == 0);
  CHECK(pe2->wait(10s) == 0);
  CHECK(p->wait(10s) == 0);
  CHECK_FALSE(l3vpn::test::is_socket(rr_sock));
}
