// The plan `l3vpnctl lab up` builds a lab from: namespace and Linux interface
// names (deterministic, short enough, unique), the veth pairs, what each node
// runs, the interface map handed to the daemons, what convergence waits for,
// and the labs it refuses.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "ctl/lab_plan.hpp"

using namespace l3vpn;

namespace {

config::Lab load(const std::string& name) {
  config::LabLoadResult loaded = config::load_lab(std::string(L3VPN_SOURCE_DIR) + "/labs/" + name);
  REQUIRE(loaded.ok());
  return loaded.lab;
}

ctl::LabPlan plan_of(const config::Lab& lab) {
  ctl::LabPlanResult planned = ctl::plan_lab(lab, "/run/l3vpn-lab/" + lab.name);
  for (const std::string& e : planned.errors) INFO(e);
  REQUIRE(planned.ok());
  return planned.plan;
}

}  // namespace

TEST_CASE("IOS interface names become short Linux names; Linux names stay as they are") {
  CHECK(ctl::linux_interface_name("GigabitEthernet0/0") == "gi0-0");
  CHECK(ctl::linux_interface_name("GigabitEthernet1/0.100") == "gi1-0.100");
  CHECK(ctl::linux_interface_name("TenGigabitEthernet1/0/1") == "te1-0-1");
  CHECK(ctl::linux_interface_name("FastEthernet0/1") == "fa0-1");
  CHECK(ctl::linux_interface_name("Loopback0") == "loop0");
  CHECK(ctl::linux_interface_name("Loopback30") == "loop30");
  CHECK(ctl::linux_interface_name("eth1") == "eth1");
  CHECK(ctl::linux_interface_name("ens3") == "ens3");
  CHECK(ctl::linux_interface_name("lo") == "lo");
}

TEST_CASE("a Linux interface name never passes 15 bytes, and two long names stay apart") {
  const std::string a = ctl::linux_interface_name("GigabitEthernet0/0/0/0/0/0/0/1");
  const std::string b = ctl::linux_interface_name("GigabitEthernet0/0/0/0/0/0/0/2");
  CHECK(a.size() <= ctl::kMaxLinuxName);
  CHECK(b.size() <= ctl::kMaxLinuxName);
  CHECK(a != b);
  CHECK(a.rfind("gi0-0-0", 0) == 0);  // still recognisable
  CHECK(a.find('/') == std::string::npos);
}

TEST_CASE("namespace names: l3v-LAB-NODE, hashed when too long, the same on every run") {
  CHECK(ctl::namespace_name("ospf-pe-ce", "PE1") == "l3v-ospf-pe-ce-PE1");
  const std::string long_one = ctl::namespace_name("a-lab-with-a-rather-long-name", "Technique-Router");
  CHECK(long_one.size() <= ctl::kMaxNamespaceName);
  CHECK(long_one.rfind("l3v-", 0) == 0);
  CHECK(long_one == ctl::namespace_name("a-lab-with-a-rather-long-name", "Technique-Router"));
  CHECK(long_one != ctl::namespace_name("a-lab-with-a-rather-long-name", "Technique-Router2"));
}

TEST_CASE("the run directory: L3VPN_LAB_RUN_DIR, else XDG_RUNTIME_DIR, else /run; never the lab folder") {
  CHECK(ctl::default_run_dir("seed", "/tmp/labs", "/run/user/0") == "/tmp/labs/seed");
  CHECK(ctl::default_run_dir("seed", nullptr, "/run/user/1000") == "/run/user/1000/l3vpn-lab/seed");
  CHECK(ctl::default_run_dir("seed", "", "") == "/run/l3vpn-lab/seed");
}

TEST_CASE("inter-vrf-leaking: one namespace per node, one veth per link, IOS names mapped") {
  const config::Lab lab = load("inter-vrf-leaking");
  const ctl::LabPlan plan = plan_of(lab);
  REQUIRE(plan.nodes.size() == 5);
  REQUIRE(plan.veths.size() == 4);

  std::set<std::string> namespaces;
  for (const ctl::PlannedNode& n : plan.nodes) namespaces.insert(n.netns);
  CHECK(namespaces.size() == 5);
  CHECK(plan.find_node("R1")->netns == "l3v-inter-vrf-leaking-R1");

  // R1:GigabitEthernet0/2 - R2:GigabitEthernet0/0, as the first link says.
  const ctl::PlannedVeth& first = plan.veths.front();
  CHECK(first.a_netns == "l3v-inter-vrf-leaking-R1");
  CHECK(first.a_linux == "gi0-2");
  CHECK(first.b_netns == "l3v-inter-vrf-leaking-R2");
  CHECK(first.b_linux == "gi0-0");

  for (const ctl::PlannedNode& n : plan.nodes) {
    std::set<std::string> names;
    for (const ctl::PlannedInterface& i : n.interfaces) {
      CHECK(i.linux_name.size() <= ctl::kMaxLinuxName);
      CHECK(i.linux_name.find('/') == std::string::npos);
      names.insert(i.linux_name);
    }
    CHECK_MESSAGE(names.size() == n.interfaces.size(), n.name);
  }

  const ctl::PlannedNode& r3 = *plan.find_node("R3");
  CHECK(r3.program == ctl::NodeProgram::Daemon);
  CHECK(r3.daemon == "l3vpn-pe");
  CHECK(r3.socket_path == "/run/l3vpn-lab/inter-vrf-leaking/R3.sock");
  const ctl::PlannedInterface* technique = r3.find_interface("Loopback10");
  REQUIRE(technique != nullptr);
  CHECK(technique->linux_name == "loop10");
  CHECK(technique->vrf == "Technique");
  CHECK(technique->loopback);
  CHECK_FALSE(technique->linked);
  CHECK(r3.find_interface("GigabitEthernet0/0")->linked);
  CHECK(r3.interface_map().find("GigabitEthernet0/0=gi0-0") != std::string::npos);
  CHECK(r3.interface_map().find("Loopback10=loop10") != std::string::npos);
  CHECK(plan.find_node("R1")->daemon == "l3vpn-p");
}

TEST_CASE("inter-vrf-leaking: the host gets its addresses and default route from its config") {
  const ctl::LabPlan plan = plan_of(load("inter-vrf-leaking"));
  const ctl::PlannedNode& inet = *plan.find_node("INET");
  CHECK(inet.program == ctl::NodeProgram::None);
  CHECK(inet.socket_path.empty());
  const ctl::PlannedInterface* wan = inet.find_interface("GigabitEthernet0/0");
  REQUIRE(wan != nullptr);
  REQUIRE(wan->addresses.size() == 1);
  CHECK(wan->addresses.front().to_string() == "172.33.33.2/30");
  REQUIRE(inet.routes.size() == 1);
  CHECK(inet.routes.front().prefix.to_string() == "0.0.0.0/0");
  CHECK(inet.routes.front().via == "172.33.33.1");
}

TEST_CASE("ospf-pe-ce: convergence waits for OSPF on both link ends, LDP between core routers, BGP on the PEs") {
  const ctl::LabPlan plan = plan_of(load("ospf-pe-ce"));
  const ctl::PlannedNode& p1 = *plan.find_node("P1");
  CHECK(p1.converge.ospf_interfaces == std::vector<std::string>{"eth1", "eth2"});
  CHECK(p1.converge.ldp_peers == 2);
  CHECK_FALSE(p1.converge.bgp);
  const ctl::PlannedNode& pe1 = *plan.find_node("PE1");
  // eth1 (process 1 in the core), eth2 (process 10 in VRF CUST, by its network statement)
  CHECK(pe1.converge.ospf_interfaces == std::vector<std::string>{"eth1", "eth2"});
  CHECK(pe1.converge.ldp_peers == 1);  // P1; the CE link has no mpls ip
  CHECK(pe1.converge.bgp);
  const ctl::PlannedNode& ce1 = *plan.find_node("CE1");
  CHECK(ce1.daemon == "l3vpn-p");  // a CE with OSPF only runs as an IGP router
  CHECK(ce1.converge.ospf_interfaces == std::vector<std::string>{"eth1"});
  CHECK(ce1.converge.ldp_peers == 0);
}

TEST_CASE("bgp-pe-ce: a CE that runs BGP is refused with the reason") {
  const ctl::LabPlanResult planned = ctl::plan_lab(load("bgp-pe-ce"), "/run/l3vpn-lab/bgp-pe-ce");
  REQUIRE_FALSE(planned.ok());
  CHECK(planned.errors.front().find("FRR") != std::string::npos);
  CHECK(planned.errors.front().find("node CE") == 0);
}

TEST_CASE("a bad lab: a link to a missing interface, a socket path too long, no lab name") {
  config::Lab lab = load("ospf-pe-ce");
  lab.links.push_back({{"P1", "eth9"}, {"PE1", "eth1"}});
  CHECK(ctl::plan_lab(lab, "/run/x").errors.size() == 1);
  lab.links.pop_back();
  lab.links.push_back({{"P1", "eth1"}, {"PE2", "eth2"}});  // P1:eth1 is on the first link already
  const auto twice = ctl::plan_lab(lab, "/run/x");
  REQUIRE(twice.errors.size() == 1);
  CHECK(twice.errors.front().find("already on another link") != std::string::npos);
  lab.links.pop_back();
  CHECK(ctl::plan_lab(lab, "/run/" + std::string(120, 'x')).errors.size() == 5);  // the five routers' sockets
  lab.name.clear();
  CHECK_FALSE(ctl::plan_lab(lab, "/run/x").ok());
}
