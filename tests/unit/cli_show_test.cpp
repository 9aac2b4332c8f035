#include <doctest/doctest.h>

#include <string>

#include "cli/json_reader.hpp"
#include "cli/show_commands.hpp"
#include "core/manual_clock.hpp"

using namespace std::chrono_literals;
namespace cli = l3vpn::cli;
namespace config = l3vpn::config;

namespace {

config::InterfaceAddress address(std::string_view prefix, bool secondary) {
  config::InterfaceAddress a;
  a.prefix = *config::Ipv4Prefix::parse(prefix);
  a.secondary = secondary;
  return a;
}

config::Interface interface(std::string name, std::string vrf, std::string prefix, bool shutdown = false) {
  config::Interface intf;
  intf.name = std::move(name);
  intf.vrf = std::move(vrf);
  if (!prefix.empty()) intf.addresses.push_back(address(prefix, false));
  intf.shutdown = shutdown;
  return intf;
}

config::RouteTarget rt(std::string_view text) { return *config::AdministratorValue::parse(text); }

// R3 of the inter-VRF leaking lab, cut down.
config::Config sample_config() {
  config::Config c;
  c.hostname = "R3";
  config::Vrf technique;
  technique.name = "Technique";
  technique.rd = rt("65103:103");
  technique.export_targets = {rt("65103:1111")};
  technique.import_targets = {rt("65103:1111"), rt("65103:2222"), rt("65103:3333"), rt("65103:4444")};
  technique.export_map = "LEAK-OUT";
  config::Vrf commercial;
  commercial.name = "Commercial";
  commercial.description = "Sales \"team\"";
  c.vrfs = {technique, commercial};
  c.interfaces.push_back(interface("Loopback0", "", "3.3.3.3/32"));
  c.interfaces.push_back(interface("Loopback10", "Technique", "10.10.10.1/32"));
  c.interfaces.push_back(interface("GigabitEthernet0/0", "Technique", "192.168.13.3/24"));
  c.interfaces.push_back(interface("GigabitEthernet0/1", "", "", true));
  c.interfaces[2].description = "Vers R1";
  c.interfaces[2].mpls_ip = true;
  c.interfaces[2].addresses.push_back(address("192.168.14.3/24", true));
  return c;
}

}  // namespace

TEST_CASE("interface abbreviations") {
  CHECK(cli::interface_abbreviation("Loopback10") == "Lo10");
  CHECK(cli::interface_abbreviation("GigabitEthernet0/0") == "Gi0/0");
  CHECK(cli::interface_abbreviation("FastEthernet1/0") == "Fa1/0");
  CHECK(cli::interface_abbreviation("Ethernet0/1") == "Et0/1");
  CHECK(cli::interface_abbreviation("TenGigabitEthernet1/1") == "Te1/1");
  CHECK(cli::interface_abbreviation("ens3") == "ens3");
  CHECK(cli::interface_abbreviation("Loopback") == "Loopback");
}

TEST_CASE("show ip vrf") {
  const auto r = cli::show_ip_vrf(sample_config(), false);
  CHECK(r.ok);
  CHECK(r.output ==
        "  Name                             Default RD            Interfaces\n"
        "  Commercial                       <not set>\n"
        "  Technique                        65103:103             Lo10\n"
        "                                                         Gi0/0\n");
}

TEST_CASE("show ip vrf json") {
  const auto r = cli::show_ip_vrf(sample_config(), true);
  CHECK(r.output ==
        "{\"vrfs\":[{\"name\":\"Commercial\",\"rd\":null,\"interfaces\":[]},"
        "{\"name\":\"Technique\",\"rd\":\"65103:103\",\"interfaces\":[\"Loopback10\",\"GigabitEthernet0/0\"]}]}\n");
}

TEST_CASE("show ip vrf detail") {
  const auto r = cli::show_ip_vrf_detail(sample_config(), std::nullopt, false);
  CHECK(r.output ==
        "VRF Commercial; default RD <not set>; default VPNID <not set>\n"
        "  Description: Sales \"team\"\n"
        "  No interfaces\n"
        "  No Export VPN route-target communities\n"
        "  No Import VPN route-target communities\n"
        "  No import route-map\n"
        "  No export route-map\n"
        "VRF Technique; default RD 65103:103; default VPNID <not set>\n"
        "  Interfaces:\n"
        "    Lo10                     Gi0/0\n"
        "  Export VPN route-target communities\n"
        "    RT:65103:1111\n"
        "  Import VPN route-target communities\n"
        "    RT:65103:1111            RT:65103:2222            RT:65103:3333\n"
        "    RT:65103:4444\n"
        "  No import route-map\n"
        "  Export route-map: LEAK-OUT\n");
}

TEST_CASE("show ip vrf detail NAME, and an unknown name") {
  auto r = cli::show_ip_vrf_detail(sample_config(), std::string("Commercial"), false);
  CHECK(r.ok);
  CHECK(r.output.rfind("VRF Commercial;", 0) == 0);
  CHECK(r.output.find("Technique") == std::string::npos);
  r = cli::show_ip_vrf_detail(sample_config(), std::string("Nope"), false);
  CHECK_FALSE(r.ok);
  CHECK(r.output == "% No VRF named Nope\n");
}

TEST_CASE("show ip vrf detail json") {
  const auto r = cli::show_ip_vrf_detail(sample_config(), std::string("Technique"), true);
  CHECK(r.output ==
        "{\"vrfs\":[{\"name\":\"Technique\",\"rd\":\"65103:103\","
        "\"interfaces\":[\"Loopback10\",\"GigabitEthernet0/0\"],\"description\":null,"
        "\"export_targets\":[\"65103:1111\"],"
        "\"import_targets\":[\"65103:1111\",\"65103:2222\",\"65103:3333\",\"65103:4444\"],"
        "\"import_map\":null,\"export_map\":\"LEAK-OUT\"}]}\n");
}

TEST_CASE("show ip interface brief") {
  const auto r = cli::show_ip_interface_brief(sample_config(), false);
  CHECK(r.output ==
        "Interface              IP-Address      OK? Method Status                Protocol\n"
        "Loopback0              3.3.3.3         YES manual up                    up\n"
        "Loopback10             10.10.10.1      YES manual up                    up\n"
        "GigabitEthernet0/0     192.168.13.3    YES manual up                    up\n"
        "GigabitEthernet0/1     unassigned      YES unset  administratively down down\n");
  const auto j = cli::show_ip_interface_brief(sample_config(), true);
  const auto parsed = cli::parse_json(j.output);
  REQUIRE(parsed.value.has_value());
  const auto& list = parsed.value->find("interfaces")->items;
  REQUIRE(list.size() == 4);
  CHECK(list[2].find("address")->string == "192.168.13.3");
  CHECK(list[2].find("prefix_length")->number == 24);
  CHECK(list[2].find("vrf")->string == "Technique");
  CHECK(list[3].find("address")->is_null());
  CHECK(list[3].find("status")->string == "administratively down");
}

TEST_CASE("show interfaces") {
  const auto r = cli::show_interfaces(sample_config(), false);
  CHECK(r.output.find("GigabitEthernet0/0 is up, line protocol is up\n"
                      "  Description: Vers R1\n"
                      "  Internet address is 192.168.13.3/24\n"
                      "  Secondary address 192.168.14.3/24\n"
                      "  VPN Routing/Forwarding \"Technique\"\n"
                      "  MPLS enabled\n") != std::string::npos);
  CHECK(r.output.find("GigabitEthernet0/1 is administratively down, line protocol is down\n"
                      "  No Internet address\n") != std::string::npos);
  CHECK(cli::parse_json(cli::show_interfaces(sample_config(), true).output).value.has_value());
}

TEST_CASE("show version, text and JSON, uptime from the clock") {
  l3vpn::core::ManualClock clock;
  cli::ShowContext context;
  context.daemon_name = "l3vpn-pe";
  context.role = config::Role::ProviderEdge;
  context.config_file = "/etc/l3vpn/R3.conf";
  context.clock = &clock;
  context.started = clock.now();
  context.config = sample_config();
  clock.advance(3725s);
  const auto r = cli::show_version(context, false);
  CHECK(r.output == std::string("l3vpn-pe version ") + L3VPN_VERSION + "\n"
                    "Role: pe\n"
                    "R3 uptime is 1 hour, 2 minutes, 5 seconds\n"
                    "Configuration file: /etc/l3vpn/R3.conf\n");
  const auto j = cli::show_version(context, true);
  CHECK(j.output == std::string("{\"daemon\":\"l3vpn-pe\",\"role\":\"pe\",\"version\":\"") +
                        L3VPN_VERSION +
                        "\",\"hostname\":\"R3\",\"uptime_seconds\":3725,"
                        "\"config_file\":\"/etc/l3vpn/R3.conf\"}\n");
}

TEST_CASE("show running-config, and the registered tree follows a replaced config") {
  l3vpn::core::ManualClock clock;
  cli::ShowContext context;
  context.daemon_name = "l3vpn-pe";
  context.clock = &clock;
  context.config = sample_config();
  cli::CommandTree tree;
  cli::register_show_commands(tree, context);
  const std::string rendered = config::render_running_config(context.config);
  CHECK(tree.execute("sh run").output == rendered);
  const auto j = cli::parse_json(tree.execute("show running-config json").output);
  REQUIRE(j.value.has_value());
  CHECK(j.value->find("hostname")->string == "R3");
  CHECK(j.value->find("text")->string == rendered);
  CHECK(tree.execute("sh ip vrf | include Techn").output ==
        "  Technique                        65103:103             Lo10\n");
  CHECK(tree.execute("sh ip vrf det | include RT").output ==
        "    RT:65103:1111\n"
        "    RT:65103:1111            RT:65103:2222            RT:65103:3333\n"
        "    RT:65103:4444\n");
  CHECK(tree.execute("sh ip vrf det Commercial").ok);
  CHECK(tree.execute("sh i").output == "% Ambiguous command:  \"sh i\"\n");
  context.config.vrfs.clear();
  CHECK(tree.execute("sh ip vrf").output ==
        "  Name                             Default RD            Interfaces\n");
}
