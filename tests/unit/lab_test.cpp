// load_lab(): the shipped labs load clean, and each lab.yaml mistake is one
// diagnostic at the right line and column.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "config/lab.hpp"

namespace fs = std::filesystem;
using namespace l3vpn::config;

namespace {

// A lab directory under the system temp directory, removed at scope exit.
class TempLab {
 public:
  TempLab() {
    static std::atomic<int> counter{0};
    auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    dir_ = fs::temp_directory_path() /
           ("l3vpn-lab-test-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) + "-" +
            std::to_string(counter++));
    fs::create_directories(dir_);
  }
  ~TempLab() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  TempLab(const TempLab&) = delete;
  TempLab& operator=(const TempLab&) = delete;

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::string dir() const { return dir_.string(); }
  std::string lab_yaml() const { return (dir_ / "lab.yaml").string(); }
  LabLoadResult load() const { return load_lab(dir()); }

 private:
  fs::path dir_;
};

std::string source_lab(const char* name) { return std::string(L3VPN_SOURCE_DIR) + "/labs/" + name; }

std::string dump(const std::vector<Diagnostic>& errors) {
  std::string out;
  for (const auto& e : errors)
    out += e.where.file + ":" + std::to_string(e.where.line) + ":" + std::to_string(e.where.column) +
           ": " + e.message + "\n";
  return out;
}

// Exactly one error, with this message, at lab.yaml:line:column.
void check_single_error(const TempLab& lab, const LabLoadResult& result, int line, int column,
                        const std::string& message) {
  INFO(dump(result.errors));
  REQUIRE(result.errors.size() == 1);
  const Diagnostic& e = result.errors.front();
  CHECK(e.message == message);
  CHECK(e.where.file == lab.lab_yaml());
  CHECK(e.where.line == line);
  CHECK(e.where.column == column);
}

// Two hosts on one link; small enough for any parser.
const char* kHostA =
    "hostname A\n"
    "interface eth1\n"
    " ip address 10.0.0.1 255.255.255.252\n"
    "interface Loopback0\n"
    " ip address 192.0.2.1 255.255.255.255\n";
const char* kHostB =
    "interface eth1\n"
    " ip address 10.0.0.2 255.255.255.252\n";
// A PE with one VRF, an interface in it and one in the global table.
const char* kPe =
    "hostname PE\n"
    "ip vrf RED\n"
    " rd 65000:1\n"
    " route-target both 65000:1\n"
    "interface Loopback0\n"
    " ip address 10.255.0.1 255.255.255.255\n"
    "interface eth1\n"
    " ip vrf forwarding RED\n"
    " ip address 10.1.1.1 255.255.255.0\n"
    "router bgp 65000\n"
    " neighbor 10.255.0.2 remote-as 65000\n"
    " neighbor 10.255.0.2 update-source Loopback0\n"
    " address-family vpnv4\n"
    "  neighbor 10.255.0.2 activate\n"
    "  neighbor 10.255.0.2 send-community extended\n"
    " exit-address-family\n"
    " address-family ipv4 vrf RED\n"
    "  redistribute connected\n"
    " exit-address-family\n";

void write_hosts(const TempLab& lab) {
  lab.write("A.conf", kHostA);
  lab.write("B.conf", kHostB);
}

// lab.yaml line 1 is "name: t".
const char* kNodesAB =
    "name: t\n"
    "topology:\n"
    "  nodes:\n"
    "    A: {kind: host, config: A.conf}\n"
    "    B: {kind: host, config: B.conf}\n";

}  // namespace

TEST_CASE("lab: inter-vrf-leaking loads with its nodes, links, endpoints and matrix") {
  LabLoadResult result = load_lab(source_lab("inter-vrf-leaking"));
  INFO(dump(result.errors));
  CHECK(result.ok());
  const Lab& lab = result.lab;
  CHECK(lab.name == "inter-vrf-leaking");

  REQUIRE(lab.nodes.size() == 5);
  std::vector<std::string> names;
  for (const auto& n : lab.nodes) names.push_back(n.name);
  CHECK(names == std::vector<std::string>{"R1", "R2", "R3", "R4", "INET"});
  CHECK(lab.find_node("R1")->kind == Role::Provider);
  CHECK(lab.find_node("R2")->kind == Role::ProviderEdge);
  CHECK(lab.find_node("R3")->kind == Role::ProviderEdge);
  CHECK(lab.find_node("R4")->kind == Role::ProviderEdge);
  CHECK(lab.find_node("INET")->kind == Role::Host);
  CHECK(lab.find_node("R9") == nullptr);
  // The seed's configs have no hostname: the node name stands in.
  CHECK(lab.find_node("R3")->config.hostname == "R3");
  CHECK(lab.find_node("R1")->config.hostname == "R1");
  CHECK(lab.find_node("INET")->config.hostname == "INET");
  CHECK(lab.find_node("R3")->config_path ==
        (fs::path(source_lab("inter-vrf-leaking")) / "R3.conf").lexically_normal().string());
  CHECK(lab.find_node("R3")->config.find_vrf("Technique") != nullptr);
  CHECK(lab.find_node("R2")->config.find_interface("GigabitEthernet1/0") != nullptr);

  REQUIRE(lab.links.size() == 4);
  CHECK(lab.links[0].a == LabLinkEnd{"R1", "GigabitEthernet0/2"});
  CHECK(lab.links[0].b == LabLinkEnd{"R2", "GigabitEthernet0/0"});
  CHECK(lab.links[1].a == LabLinkEnd{"R1", "GigabitEthernet0/3"});
  CHECK(lab.links[1].b == LabLinkEnd{"R3", "GigabitEthernet0/0"});
  CHECK(lab.links[2].a == LabLinkEnd{"R1", "GigabitEthernet0/4"});
  CHECK(lab.links[2].b == LabLinkEnd{"R4", "GigabitEthernet0/0"});
  CHECK(lab.links[3].a == LabLinkEnd{"R2", "GigabitEthernet1/0"});
  CHECK(lab.links[3].b == LabLinkEnd{"INET", "GigabitEthernet0/0"});

  REQUIRE(lab.endpoints.size() == 7);
  const ReachabilityEndpoint* technique = lab.find_endpoint("Technique");
  REQUIRE(technique);
  CHECK(technique->node == "R3");
  CHECK(technique->vrf == "Technique");
  CHECK(technique->address.to_string() == "10.10.10.1");
  const ReachabilityEndpoint* internet = lab.find_endpoint("Internet");
  REQUIRE(internet);
  CHECK(internet->node == "INET");
  CHECK(internet->vrf.empty());
  CHECK(internet->address.to_string() == "8.8.8.8");
  CHECK(lab.find_endpoint("Commercial")->address.to_string() == "10.10.20.1");
  CHECK(lab.find_endpoint("Serveurs")->address.to_string() == "10.10.30.1");
  CHECK(lab.find_endpoint("Serveurs-R4")->node == "R4");

  // The article's flow matrix.
  CHECK(lab.expects("Technique", "Commercial"));
  CHECK(lab.expects("Technique", "Serveurs"));
  CHECK(lab.expects("Technique", "Internet"));
  CHECK(lab.expects("Commercial", "Technique"));
  CHECK(lab.expects("Commercial", "Internet"));
  CHECK(lab.expects("Serveurs", "Technique"));
  CHECK(lab.expects("Internet", "Technique"));
  CHECK(lab.expects("Internet", "Commercial"));
  CHECK_FALSE(lab.expects("Commercial", "Serveurs"));
  CHECK_FALSE(lab.expects("Serveurs", "Commercial"));
  CHECK_FALSE(lab.expects("Serveurs", "Internet"));
  CHECK_FALSE(lab.expects("Internet", "Serveurs"));
  CHECK_FALSE(lab.expects("Serveurs", "Commercial-R4"));
  CHECK_FALSE(lab.expects("Nobody", "Technique"));

  // Reachability is a ping both ways, so the matrix must be symmetric.
  for (const auto& from : lab.endpoints)
    for (const auto& to : lab.endpoints) {
      INFO(from.name << " -> " << to.name);
      CHECK(lab.expects(from.name, to.name) == lab.expects(to.name, from.name));
    }
}

TEST_CASE("lab: rr-core loads with its route reflector, PEs and hosts") {
  LabLoadResult result = load_lab(source_lab("rr-core"));
  INFO(dump(result.errors));
  CHECK(result.ok());
  const Lab& lab = result.lab;
  CHECK(lab.name == "rr-core");
  REQUIRE(lab.nodes.size() == 6);
  CHECK(lab.find_node("P1")->kind == Role::Provider);
  CHECK(lab.find_node("RR1")->kind == Role::RouteReflector);
  CHECK(lab.find_node("PE1")->kind == Role::ProviderEdge);
  CHECK(lab.find_node("PE2")->kind == Role::ProviderEdge);
  CHECK(lab.find_node("CE1")->kind == Role::Host);
  CHECK(lab.find_node("CE2")->kind == Role::Host);

  const Config& rr = lab.find_node("RR1")->config;
  CHECK(rr.hostname == "RR1");
  REQUIRE(rr.bgp.has_value());
  CHECK(rr.bgp->asn == 65000u);
  CHECK(rr.bgp->cluster_id.has_value());
  CHECK(rr.vrfs.empty());

  const Config& pe1 = lab.find_node("PE1")->config;
  const Vrf* blue = pe1.find_vrf("BLUE");
  REQUIRE(blue);
  CHECK(blue->syntax == Vrf::Syntax::VrfDefinition);
  CHECK(blue->export_map == "BLUE-EXPORT");
  const Vrf* red = lab.find_node("PE2")->config.find_vrf("RED");
  REQUIRE(red);
  CHECK(red->import_map == "RED-IMPORT");

  REQUIRE(lab.links.size() == 5);
  CHECK(lab.links[2].a == LabLinkEnd{"P1", "eth3"});
  CHECK(lab.links[2].b == LabLinkEnd{"RR1", "eth1"});

  REQUIRE(lab.endpoints.size() == 4);
  CHECK(lab.find_endpoint("BLUE-PE2")->vrf == "BLUE");
  CHECK(lab.find_endpoint("CE2")->address.to_string() == "192.168.200.1");
  CHECK(lab.expects("CE1", "CE2"));
  CHECK(lab.expects("CE2", "CE1"));
  CHECK(lab.expects("BLUE-PE1", "BLUE-PE2"));
  CHECK_FALSE(lab.expects("BLUE-PE1", "CE2"));
  CHECK_FALSE(lab.expects("CE2", "BLUE-PE2"));
  for (const auto& from : lab.endpoints)
    for (const auto& to : lab.endpoints) {
      INFO(from.name << " -> " << to.name);
      CHECK(lab.expects(from.name, to.name) == lab.expects(to.name, from.name));
    }
}

TEST_CASE("lab: hub-and-spoke loads with its reflector, hub and spoke VRFs and policies") {
  LabLoadResult result = load_lab(source_lab("hub-and-spoke"));
  INFO(dump(result.errors));
  CHECK(result.ok());
  const Lab& lab = result.lab;
  CHECK(lab.name == "hub-and-spoke");
  REQUIRE(lab.nodes.size() == 5);
  CHECK(lab.find_node("RR1")->kind == Role::RouteReflector);
  CHECK(lab.find_node("RR1")->config.vrfs.empty());
  const Config& pe1 = lab.find_node("PE1")->config;
  REQUIRE(pe1.find_vrf("HUB"));
  CHECK(pe1.find_vrf("HUB")->import_map == "HUB-IMPORT");
  REQUIRE(pe1.find_vrf("SHARED"));
  REQUIRE(lab.find_node("PE2")->config.find_vrf("SPOKE"));
  CHECK(lab.find_node("PE2")->config.find_vrf("SPOKE")->export_map == "SPOKE-EXPORT");
  REQUIRE(lab.find_node("PE3")->config.mpls.label_modes.size() == 1);
  CHECK(lab.find_node("PE3")->config.mpls.label_modes[0].mode == VpnLabelMode::PerPrefix);
  REQUIRE(lab.endpoints.size() == 6);
  CHECK(lab.expects("HUB", "SPOKE3-A"));
  CHECK_FALSE(lab.expects("SPOKE2-A", "SPOKE3-A"));  // spokes never talk
  CHECK_FALSE(lab.expects("HUB", "SPOKE3-B"));       // import map
  CHECK(lab.expects("SHARED", "SPOKE2-B"));          // export map leak
  for (const auto& from : lab.endpoints)
    for (const auto& to : lab.endpoints) {
      INFO(from.name << " -> " << to.name);
      CHECK(lab.expects(from.name, to.name) == lab.expects(to.name, from.name));
    }
}

TEST_CASE("lab: a minimal valid lab loads, and the node name stands in for a missing hostname") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml", std::string(kNodesAB) +
                            "  links:\n"
                            "    - endpoints: [\"A:eth1\", \"B:eth1\"]\n"
                            "reachability:\n"
                            "  endpoints:\n"
                            "    a: {node: A, address: 192.0.2.1}\n"
                            "    b: {node: B, address: 10.0.0.2}\n"
                            "  expect:\n"
                            "    a: [b]\n"
                            "    b: [a]\n");
  LabLoadResult result = lab.load();
  INFO(dump(result.errors));
  CHECK(result.ok());
  CHECK(result.lab.directory == lab.dir());
  REQUIRE(result.lab.nodes.size() == 2);
  CHECK(result.lab.find_node("A")->config.hostname == "A");
  CHECK(result.lab.find_node("B")->config.hostname == "B");  // from lab.yaml
  CHECK(result.lab.find_node("B")->config_path == (fs::path(lab.dir()) / "B.conf").string());
  REQUIRE(result.lab.links.size() == 1);
  CHECK(result.lab.expects("a", "b"));
  CHECK(result.lab.expects("b", "a"));
  CHECK_FALSE(result.lab.expects("a", "a"));
}

TEST_CASE("lab: unknown kind") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml",
            "name: t\n"
            "topology:\n"
            "  nodes:\n"
            "    A: {kind: router, config: A.conf}\n"
            "    B: {kind: host, config: B.conf}\n");
  check_single_error(lab, lab.load(), 4, 15,
                     "node 'A': unknown kind 'router' (expected pe, p, rr, ce or host)");
}

TEST_CASE("lab: missing config file") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml",
            "name: t\n"
            "topology:\n"
            "  nodes:\n"
            "    A: {kind: host, config: A.conf}\n"
            "    B:\n"
            "      kind: host\n"
            "      config: Missing.conf\n");
  check_single_error(lab, lab.load(), 7, 15,
                     "node 'B': config file 'Missing.conf' not found (" +
                         (fs::path(lab.dir()) / "Missing.conf").string() + ")");
}

TEST_CASE("lab: link endpoint naming an unknown node") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml", std::string(kNodesAB) +
                            "  links:\n"
                            "    - endpoints: [\"A:eth1\", \"R9:Gi0/0\"]\n");
  check_single_error(lab, lab.load(), 7, 29, "link endpoint 'R9:Gi0/0' names unknown node 'R9'");
}

TEST_CASE("lab: link endpoint that is not NODE:INTERFACE") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml", std::string(kNodesAB) +
                            "  links:\n"
                            "    - endpoints:\n"
                            "        - A\n"
                            "        - \"B:\"\n");
  LabLoadResult result = lab.load();
  INFO(dump(result.errors));
  REQUIRE(result.errors.size() == 2);
  CHECK(result.errors[0].message == "link endpoint 'A' is not NODE:INTERFACE");
  CHECK(result.errors[0].where.line == 8);
  CHECK(result.errors[0].where.column == 11);
  CHECK(result.errors[1].message == "link endpoint 'B:' is not NODE:INTERFACE");
  CHECK(result.errors[1].where.line == 9);
  CHECK(result.errors[1].where.column == 11);
  CHECK(result.lab.links.empty());
}

TEST_CASE("lab: link interface missing from the node's config") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml", std::string(kNodesAB) +
                            "  links:\n"
                            "    - endpoints: [\"A:eth1\", \"B:GigabitEthernet0/9\"]\n");
  check_single_error(lab, lab.load(), 7, 29,
                     "interface 'GigabitEthernet0/9' is not in B's config (B.conf)");
}

TEST_CASE("lab: an interface used by two links") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml", std::string(kNodesAB) +
                            "  links:\n"
                            "    - endpoints: [\"A:eth1\", \"B:eth1\"]\n"
                            "    - endpoints: [\"A:Loopback0\", \"B:eth1\"]\n");
  LabLoadResult result = lab.load();
  check_single_error(lab, result, 8, 34,
                     "link endpoint 'B:eth1' is already used by the link at line 7");
  CHECK(result.lab.links.size() == 1);
}

TEST_CASE("lab: reachability endpoint naming an unknown node") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml", std::string(kNodesAB) +
                            "reachability:\n"
                            "  endpoints:\n"
                            "    x: {node: R9, address: 10.0.0.1}\n");
  check_single_error(lab, lab.load(), 8, 15, "endpoint 'x' names unknown node 'R9'");
}

TEST_CASE("lab: reachability endpoint with a VRF not defined on its node") {
  TempLab lab;
  lab.write("PE.conf", kPe);
  lab.write("lab.yaml",
            "name: t\n"
            "topology:\n"
            "  nodes:\n"
            "    PE: {kind: pe, config: PE.conf}\n"
            "reachability:\n"
            "  endpoints:\n"
            "    red: {node: PE, vrf: RED, address: 10.1.1.1}\n"
            "    blue:\n"
            "      node: PE\n"
            "      vrf: BLUE\n"
            "      address: 10.1.1.1\n");
  LabLoadResult result = lab.load();
  check_single_error(lab, result, 10, 12, "endpoint 'blue': VRF 'BLUE' is not defined on PE");
  REQUIRE(result.lab.endpoints.size() == 1);
  CHECK(result.lab.endpoints[0].name == "red");
}

TEST_CASE("lab: reachability endpoint with an address not configured on its node") {
  TempLab lab;
  lab.write("PE.conf", kPe);
  write_hosts(lab);
  lab.write("lab.yaml",
            "name: t\n"
            "topology:\n"
            "  nodes:\n"
            "    PE: {kind: pe, config: PE.conf}\n"
            "    A: {kind: host, config: A.conf}\n"
            "reachability:\n"
            "  endpoints:\n"
            "    vrf-ok: {node: PE, vrf: RED, address: 10.1.1.1}\n"
            "    global-ok: {node: PE, address: 10.255.0.1}\n"
            "    host-ok: {node: A, address: 192.0.2.1}\n"
            "    wrong-vrf: {node: PE, vrf: RED, address: 10.255.0.1}\n"
            "    not-global: {node: PE, address: 10.1.1.1}\n"
            "    not-on-host: {node: A, address: 10.9.9.9}\n");
  LabLoadResult result = lab.load();
  INFO(dump(result.errors));
  REQUIRE(result.errors.size() == 3);
  CHECK(result.errors[0].message ==
        "endpoint 'wrong-vrf': address 10.255.0.1 is not configured on PE in VRF RED");
  CHECK(result.errors[0].where.line == 11);
  CHECK(result.errors[0].where.column == 46);
  CHECK(result.errors[1].message == "endpoint 'not-global': address 10.1.1.1 is not configured on PE");
  CHECK(result.errors[1].where.line == 12);
  CHECK(result.errors[2].message == "endpoint 'not-on-host': address 10.9.9.9 is not configured on A");
  CHECK(result.errors[2].where.line == 13);
  CHECK(result.lab.endpoints.size() == 3);
}

TEST_CASE("lab: the brief's example message for an address outside the VRF") {
  TempLab lab;
  lab.write("R3.conf",
            "ip vrf Technique\n"
            " rd 65103:103\n"
            "interface Loopback10\n"
            " ip vrf forwarding Technique\n"
            " ip address 10.10.10.1 255.255.255.255\n"
            "router bgp 65103\n"
            " neighbor 2.2.2.2 remote-as 65103\n"
            " address-family vpnv4\n"
            "  neighbor 2.2.2.2 activate\n"
            " exit-address-family\n");
  lab.write("lab.yaml",
            "name: t\n"
            "topology:\n"
            "  nodes:\n"
            "    R3: {kind: pe, config: R3.conf}\n"
            "reachability:\n"
            "  endpoints:\n"
            "    Technique: {node: R3, vrf: Technique, address: 10.9.9.9}\n");
  check_single_error(lab, lab.load(), 7, 52,
                     "endpoint 'Technique': address 10.9.9.9 is not configured on R3 in VRF Technique");
}

TEST_CASE("lab: expect naming an unknown endpoint") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml", std::string(kNodesAB) +
                            "reachability:\n"
                            "  endpoints:\n"
                            "    a: {node: A, address: 192.0.2.1}\n"
                            "  expect:\n"
                            "    a: [a, ghost]\n"
                            "    phantom: [a]\n");
  LabLoadResult result = lab.load();
  INFO(dump(result.errors));
  REQUIRE(result.errors.size() == 2);
  CHECK(result.errors[0].message == "expect names unknown endpoint 'ghost'");
  CHECK(result.errors[0].where.line == 10);
  CHECK(result.errors[0].where.column == 12);
  CHECK(result.errors[1].message == "expect names unknown endpoint 'phantom'");
  CHECK(result.errors[1].where.line == 11);
  CHECK(result.errors[1].where.column == 5);
}

TEST_CASE("lab: a YAML syntax error is one diagnostic at its position") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml",
            "name: t\n"
            "topology:\n"
            "  nodes: [A, B\n");
  LabLoadResult result = lab.load();
  INFO(dump(result.errors));
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].where.file == lab.lab_yaml());
  CHECK(result.errors[0].where.line >= 3);
  CHECK(result.errors[0].message.rfind("YAML syntax error: ", 0) == 0);
}

TEST_CASE("lab: a missing lab.yaml is one diagnostic") {
  TempLab lab;
  LabLoadResult result = lab.load();
  REQUIRE(result.errors.size() == 1);
  CHECK(result.errors[0].where.file == lab.lab_yaml());
  CHECK(result.errors[0].where.line == 0);
  CHECK(result.errors[0].message == "cannot read lab file");
}

TEST_CASE("lab: every error is reported, and config errors keep their own location") {
  TempLab lab;
  write_hosts(lab);
  lab.write("Bad.conf",
            "hostname Bad\n"
            "interface eth1\n"
            " frobnicate the widget\n");
  lab.write("lab.yaml",
            "name: t\n"
            "topology:\n"
            "  nodes:\n"
            "    A: {kind: host, config: A.conf}\n"
            "    B: {kind: host, config: B.conf}\n"
            "    Bad: {kind: host, config: Bad.conf}\n"
            "    C: {kind: switch, config: A.conf}\n"
            "  links:\n"
            "    - endpoints: [\"A:eth1\", \"R9:eth1\"]\n"
            "    - endpoints: [\"B:eth7\", \"Bad:eth1\"]\n"
            "reachability:\n"
            "  endpoints:\n"
            "    a: {node: A, address: 10.9.9.9}\n"
            "  expect:\n"
            "    a: [nobody]\n");
  LabLoadResult result = lab.load();
  INFO(dump(result.errors));
  // Bad.conf's own error(s), at Bad.conf line 3.
  auto bad_conf = (fs::path(lab.dir()) / "Bad.conf").string();
  auto config_errors = std::count_if(result.errors.begin(), result.errors.end(),
                                     [&](const Diagnostic& d) { return d.where.file == bad_conf; });
  CHECK(config_errors >= 1);
  for (const auto& d : result.errors)
    if (d.where.file == bad_conf) CHECK(d.where.line == 3);

  std::vector<std::string> lab_messages;
  for (const auto& d : result.errors)
    if (d.where.file == lab.lab_yaml()) lab_messages.push_back(d.message);
  CHECK(lab_messages == std::vector<std::string>{
                            "node 'C': unknown kind 'switch' (expected pe, p, rr, ce or host)",
                            "link endpoint 'R9:eth1' names unknown node 'R9'",
                            "interface 'eth7' is not in B's config (B.conf)",
                            "endpoint 'a': address 10.9.9.9 is not configured on A",
                            "expect names unknown endpoint 'nobody'",
                        });
}

TEST_CASE("lab: shape errors") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml",
            "topology:\n"
            "  nodes:\n"
            "    A: {config: A.conf}\n"
            "    B: {kind: host}\n"
            "  links: {}\n"
            "reachability:\n"
            "  endpoints:\n"
            "    a: {node: A, adress: 10.0.0.1}\n");
  LabLoadResult result = lab.load();
  INFO(dump(result.errors));
  std::vector<std::string> messages;
  for (const auto& d : result.errors) messages.push_back(d.message);
  CHECK(messages == std::vector<std::string>{
                        "lab.yaml has no 'name'",
                        "node 'A' has no 'kind'",
                        "node 'B' has no 'config'",
                        "'links' must be a list, it is a map",
                        "endpoint 'a': unknown key 'adress'",
                        "endpoint 'a' has no 'address'",
                    });
}

TEST_CASE("lab: a node or an endpoint defined twice") {
  TempLab lab;
  write_hosts(lab);
  lab.write("lab.yaml", std::string(kNodesAB) +
                            "    A: {kind: host, config: B.conf}\n"
                            "reachability:\n"
                            "  endpoints:\n"
                            "    a: {node: A, address: 192.0.2.1}\n"
                            "    a: {node: B, address: 10.0.0.2}\n");
  LabLoadResult result = lab.load();
  INFO(dump(result.errors));
  REQUIRE(result.errors.size() == 2);
  CHECK(result.errors[0].message == "node 'A' is defined twice");
  CHECK(result.errors[0].where.line == 6);
  CHECK(result.errors[0].where.column == 5);
  CHECK(result.errors[1].message == "endpoint 'a' is defined twice");
  CHECK(result.errors[1].where.line == 10);
  CHECK(result.lab.nodes.size() == 2);
  REQUIRE(result.lab.endpoints.size() == 1);
  CHECK(result.lab.endpoints[0].node == "A");
}
