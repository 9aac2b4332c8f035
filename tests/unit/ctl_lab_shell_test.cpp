// `l3vpnctl lab shell LABDIR NODE`, the pure part: a router gets its daemon's
// CLI over the plan's socket, a host a shell in its namespace; an unknown
// node or a lab that is not up are refused with a message that says so.
// (The live part runs in tests/lab/lab_runner_test.sh.)
#include <doctest/doctest.h>

#include <string>

#include "ctl/lab_shell.hpp"

using namespace l3vpn;

namespace {

ctl::LabPlan runner_test_plan() {
  config::LabLoadResult loaded = config::load_lab(std::string(L3VPN_SOURCE_DIR) + "/tests/lab/two-routers");
  REQUIRE(loaded.ok());
  ctl::LabPlanResult planned = ctl::plan_lab(loaded.lab, "/run/l3vpn-lab/runner-test");
  REQUIRE(planned.ok());
  return planned.plan;
}

}  // namespace

TEST_CASE("lab shell on a router is its daemon's CLI on the socket of the plan") {
  const ctl::LabPlan plan = runner_test_plan();
  const ctl::LabShellResolution r = ctl::resolve_lab_shell(plan, "R1", true, "/bin/bash");
  REQUIRE(r.target);
  CHECK(r.target->kind == ctl::LabShellTarget::Kind::DaemonCli);
  CHECK(r.target->socket_path == "/run/l3vpn-lab/runner-test/R1.sock");
  CHECK(r.target->socket_path == plan.find_node("R1")->socket_path);
}

TEST_CASE("lab shell on a host is $SHELL (else /bin/sh) in the host's namespace, prompt named after it") {
  const ctl::LabPlan plan = runner_test_plan();
  const ctl::LabShellResolution with_shell = ctl::resolve_lab_shell(plan, "H2", true, "/bin/bash");
  REQUIRE(with_shell.target);
  CHECK(with_shell.target->kind == ctl::LabShellTarget::Kind::NamespaceShell);
  CHECK(with_shell.target->argv ==
        std::vector<std::string>{"ip", "netns", "exec", "l3v-runner-test-H2", "env", "PS1=H2$ ", "/bin/bash"});
  for (const char* unset : {static_cast<const char*>(nullptr), ""}) {
    const ctl::LabShellResolution plain = ctl::resolve_lab_shell(plan, "H2", true, unset);
    REQUIRE(plain.target);
    CHECK(plain.target->argv.back() == "/bin/sh");
  }
}

TEST_CASE("lab shell refuses an unknown node (exit 2, listing the nodes) and a lab that is not up (exit 1)") {
  const ctl::LabPlan plan = runner_test_plan();
  const ctl::LabShellResolution unknown = ctl::resolve_lab_shell(plan, "R9", true, nullptr);
  CHECK_FALSE(unknown.target);
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.error == "lab shell: no node R9 in lab runner-test (nodes: R1, R2, H1, H2)");
  const ctl::LabShellResolution down = ctl::resolve_lab_shell(plan, "R1", false, nullptr);
  CHECK_FALSE(down.target);
  CHECK(down.exit_code == 1);
  CHECK(down.error.find("lab runner-test is not up (no namespace l3v-runner-test-R1)") != std::string::npos);
}
