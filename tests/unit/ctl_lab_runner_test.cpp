// The pure parts of the live lab runner: what convergence still waits for
// (from the daemons' JSON answers), the state file `down` reads after a
// crash, the ping command of a pair and the measured matrix.
#include <doctest/doctest.h>

#include <string>

#include "ctl/lab_runner_converge.hpp"
#include "ctl/lab_runner_state.hpp"
#include "ctl/lab_runner_verify.hpp"

using namespace l3vpn;

namespace {

ctl::PlannedNode core_router() {
  ctl::PlannedNode n;
  n.name = "P1";
  n.program = ctl::NodeProgram::Daemon;
  n.converge.ospf_interfaces = {"eth1", "eth2"};
  n.converge.ldp_peers = 2;
  return n;
}

const char* const kOspfOneFull =
    R"({"neighbors":[{"neighbor_id":"10.255.0.11","state":"Full","interface":"eth1"},)"
    R"({"neighbor_id":"10.255.0.12","state":"Init","interface":"eth2"}]})";
const char* const kOspfBothFull =
    R"({"neighbors":[{"neighbor_id":"10.255.0.11","state":"Full","interface":"eth1"},)"
    R"({"neighbor_id":"10.255.0.12","state":"Full","interface":"eth2"}]})";
const char* const kLdpOneOper = R"({"neighbors":[{"peer":"10.255.0.11:0","state":"Oper"}]})";
const char* const kLdpTwoOper =
    R"({"neighbors":[{"peer":"10.255.0.11:0","state":"Oper"},{"peer":"10.255.0.12:0","state":"Oper"}]})";

}  // namespace

TEST_CASE("convergence: a neighbour still in Init and a missing LDP session are pending, by name") {
  ctl::DaemonAnswers answers;
  answers.ospf_neighbors = kOspfOneFull;
  answers.ldp_neighbors = kLdpOneOper;
  const auto pending = ctl::convergence_pending(core_router(), answers);
  REQUIRE(pending.size() == 2);
  CHECK(pending[0] == "P1: OSPF on eth2 is Init");
  CHECK(pending[1] == "P1: LDP 1 of 2 sessions Oper");
}

TEST_CASE("convergence: nothing pending once every adjacency is Full and every session Oper") {
  ctl::DaemonAnswers answers;
  answers.ospf_neighbors = kOspfBothFull;
  answers.ldp_neighbors = kLdpTwoOper;
  CHECK(ctl::convergence_pending(core_router(), answers).empty());
}

TEST_CASE("convergence: a daemon that does not answer, or answers garbage, is pending") {
  ctl::DaemonAnswers silent;
  silent.unreachable = "connect: No such file or directory";
  const auto pending = ctl::convergence_pending(core_router(), silent);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].find("P1: daemon not answering") == 0);

  ctl::DaemonAnswers garbage;
  garbage.ospf_neighbors = "{not json";
  garbage.ldp_neighbors = kLdpTwoOper;
  CHECK(ctl::convergence_pending(core_router(), garbage) == std::vector<std::string>{"P1: no OSPF neighbour list yet"});
}

TEST_CASE("convergence: BGP waits for every neighbour but one shut down by the operator") {
  ctl::PlannedNode pe;
  pe.name = "PE1";
  pe.converge.bgp = true;
  ctl::DaemonAnswers answers;
  answers.bgp_summary = R"j({"neighbors":[{"neighbor":"10.255.0.12","state":"Active"},)j"
                        R"j({"neighbor":"10.255.0.13","state":"Idle (Admin)"},)j"
                        R"j({"neighbor":"10.255.0.1","state":"Established"}]})j";
  CHECK(ctl::convergence_pending(pe, answers) == std::vector<std::string>{"PE1: BGP 10.255.0.12 is Active"});
}

TEST_CASE("the state file: records kept in order, a torn or bogus line skipped") {
  const ctl::RunState state = ctl::parse_run_state(
      "lab seed /labs/seed\n"
      "netns l3v-seed-R1\n"
      "netns l3v-seed-R2\n"
      "netns l3v-seed-R1\n"
      "pid R1 4242 /run/l3vpn-lab/seed/R1.sock\n"
      "pid R2 1 /run/l3vpn-lab/seed/R2.sock\n"   // never init
      "pid R2 12x /run/l3vpn-lab/seed/R2.sock\n"
      "pid R2 43");                               // cut by a crash mid-write
  CHECK(state.lab == "seed");
  CHECK(state.directory == "/labs/seed");
  CHECK(state.namespaces == std::vector<std::string>{"l3v-seed-R1", "l3v-seed-R2"});
  REQUIRE(state.daemons.size() == 1);
  CHECK(state.daemons[0].node == "R1");
  CHECK(state.daemons[0].pid == 4242);
  CHECK(state.daemons[0].socket_path == "/run/l3vpn-lab/seed/R1.sock");
}

TEST_CASE("the ping of a pair runs in the source's namespace, in its VRF, from its address") {
  ctl::PlannedNode r3;
  r3.netns = "l3v-seed-R3";
  const config::ReachabilityEndpoint from{"Technique", "R3", "Technique", {0x0A0A0A01}};
  const config::ReachabilityEndpoint to{"Internet", "INET", "", {0x08080808}};
  CHECK(ctl::ping_command(r3, from, to, {"ping"}, 2) ==
        std::vector<std::string>{"ip", "netns", "exec", "l3v-seed-R3", "ip", "vrf", "exec", "Technique", "ping", "-c",
                                 "2", "-W", "1", "-I", "10.10.10.1", "8.8.8.8"});
  ctl::PlannedNode inet;
  inet.netns = "l3v-seed-INET";
  CHECK(ctl::ping_command(inet, to, from, {"busybox", "ping"}, 1) ==
        std::vector<std::string>{"ip", "netns", "exec", "l3v-seed-INET", "busybox", "ping", "-c", "1", "-W", "1", "-I",
                                 "8.8.8.8", "10.10.10.1"});
}

TEST_CASE("the measured matrix: one glyph per cell, differences marked and listed") {
  ctl::MeasuredMatrix m;
  m.endpoints = {"A", "B", "C"};
  m.cells = {{"A", "B", true, true, ""},  {"A", "C", false, false, ""},
             {"B", "A", true, false, "2 packets transmitted, 0 received"},
             {"B", "C", false, true, ""}, {"C", "A", false, false, ""},
             {"C", "B", false, false, ""}};
  CHECK(m.differ() == 2);
  CHECK(ctl::render_measured_matrix(m, false) ==
        "         1  2  3\n"
        " 1 A     -  !  .\n"
        " 2 B     X  -  +\n"
        " 3 C     .  .  -\n"
        "(row reaches column: '!' reached, '.' no reply, as expected; 'X' no reply but must reach, '+' reached but "
        "must not)\n"
        "matrix: 4 pairs as expected, 2 differ\n"
        "  B -> A: no reply, must reach (2 packets transmitted, 0 received)\n"
        "  B -> C: reached, must not\n");
  CHECK(ctl::render_measured_matrix(m, true).find("\033[1;31mX\033[0m") != std::string::npos);
}

TEST_CASE("compared with the simulator: only the cells where prediction and measurement disagree") {
  ctl::MeasuredMatrix measured;
  measured.endpoints = {"A", "B"};
  measured.cells = {{"A", "B", true, true, ""}, {"B", "A", true, false, "no reply"}};
  sim::ReachabilityMatrix predicted;
  predicted.endpoints = {"A", "B"};
  sim::MatrixCell ab;
  ab.from = "A";
  ab.to = "B";
  ab.expected = true;
  ab.result.reply = sim::Walk{};  // echo and reply delivered
  sim::MatrixCell ba = ab;
  ba.from = "B";
  ba.to = "A";
  predicted.cells = {ab, ba};
  const auto differences = ctl::compare_with_simulator(measured, predicted);
  REQUIRE(differences.size() == 1);
  CHECK(differences[0].find("B -> A: measured no reply, simulator reached\n") == 0);
}

TEST_CASE("convergence: the routes the simulator predicts must be in the daemon's table, and in the kernel") {
  ctl::PlannedNode r1;
  r1.name = "R1";
  r1.converge.routes[""] = {"10.1.0.0/24", "10.2.0.0/24"};
  ctl::DaemonAnswers early;
  early.route_tables[""] = R"({"routes":[{"code":"C","prefix":"10.1.0.0/24"}]})";
  CHECK(ctl::convergence_pending(r1, early) ==
        std::vector<std::string>{"R1: 1 route(s) missing in the global table, 10.2.0.0/24"});

  ctl::DaemonAnswers routed;
  routed.route_tables[""] = R"({"routes":[{"prefix":"10.1.0.0/24"},{"prefix":"10.2.0.0/24"}]})";
  routed.fib_drift = "Missing  10.2.0.0/24 via 10.0.12.2\n";
  CHECK(ctl::convergence_pending(r1, routed) ==
        std::vector<std::string>{"R1: kernel routes differ from the daemon's (show fib drift)"});
  routed.fib_drift = "No drift\n";
  CHECK(ctl::convergence_pending(r1, routed).empty());

  ctl::DaemonAnswers no_table;  // the VRF's table was not answered
  r1.converge.routes["CUST"] = {"172.16.1.1/32"};
  no_table.route_tables[""] = routed.route_tables[""];
  CHECK(ctl::convergence_pending(r1, no_table) == std::vector<std::string>{"R1: no route table yet (vrf CUST)"});
}
