// MPLS, LDP and CEF show commands in IOS's formats, over hand-filled views of
// a P router (1.1.1.1) between PE 2.2.2.2 (on Gi0/0) and PE 3.3.3.3 (on eth1),
// and of a PE's VPN labels. Golden lines check the IOS layouts; JSON checks
// the fields.
#include <doctest/doctest.h>

#include <string>

#include "cli/show_cef.hpp"
#include "cli/show_mpls.hpp"
#include "cli_json_access.hpp"

using namespace l3vpn::cli;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

const LdpId kP{ip(1, 1, 1, 1), 0};
const LdpId kPe2{ip(2, 2, 2, 2), 0};
const LdpId kPe3{ip(3, 3, 3, 3), 0};

std::vector<MplsForwardingView> p_lfib() {
  using O = MplsForwardingView::Outgoing;
  return {
      MplsForwardingView{16, O::Pop, 0, "2.2.2.2/32", false, 0, "GigabitEthernet0/0", ip(10, 0, 12, 2)},
      MplsForwardingView{17, O::Label, 18, "3.3.3.3/32", false, 1520, "eth1", ip(10, 0, 13, 3)},
      MplsForwardingView{18, O::None, 0, "4.4.4.4/32", false, 0, "eth1", ip(10, 0, 13, 3)},
      MplsForwardingView{24, O::None, 0, "10.1.1.0/24", true, 0, "aggregate/Technique", std::nullopt},
  };
}

LdpNeighborView pe2_session() {
  LdpNeighborView n;
  n.peer = kPe2;
  n.local = kP;
  n.peer_address = ip(2, 2, 2, 2);
  n.local_address = ip(1, 1, 1, 1);
  n.peer_port = 646;
  n.local_port = 11000;
  n.state = "Oper";
  n.messages_sent = 12;
  n.messages_received = 11;
  n.up_time = 83s;
  n.sources = {LdpDiscoverySourceView{"GigabitEthernet0/0", ip(10, 0, 12, 2)}};
  n.addresses = {ip(10, 0, 12, 2), ip(2, 2, 2, 2), ip(10, 0, 24, 2), ip(192, 168, 100, 2), ip(10, 0, 25, 2)};
  return n;
}

}  // namespace

TEST_CASE("show mpls interfaces: LDP on the core interfaces, IOS 15 columns") {
  CHECK(show_mpls_interfaces({{"GigabitEthernet0/0", true, true}, {"eth1", true, false}, {"eth9", false, true}}, false)
            .output ==
        "Interface              IP            Tunnel   BGP Static Operational\n"
        "GigabitEthernet0/0     Yes (ldp)     No       No  No     Yes\n"
        "eth1                   Yes (ldp)     No       No  No     No\n"
        "eth9                   No            No       No  No     Yes\n");
}

TEST_CASE("show mpls forwarding-table: Pop Label, swapped label, No Label and a VPN aggregate label") {
  CHECK(show_mpls_forwarding_table(p_lfib(), false).output ==
        "Local      Outgoing   Prefix           Bytes Label   Outgoing   Next Hop\n"
        "Label      Label      or Tunnel Id     Switched      interface\n"
        "16         Pop Label  2.2.2.2/32       0             Gi0/0      10.0.12.2\n"
        "17         18         3.3.3.3/32       1520          eth1       10.0.13.3\n"
        "18         No Label   4.4.4.4/32       0             eth1       10.0.13.3\n"
        "24         No Label   10.1.1.0/24[V]   0             aggregate/Technique\n");
}

TEST_CASE("show mpls forwarding-table json: labels, prefixes and next hops") {
  const test::JsonDocument doc(show_mpls_forwarding_table(p_lfib(), true).output);
  REQUIRE(doc);
  const auto entries = doc->at("entries");
  REQUIRE(entries.size() == 4);
  CHECK(entries[0].at("outgoing").as_string() == "Pop Label");
  CHECK(entries[1].at("outgoing").as_string() == "18");
  CHECK(entries[1].at("bytes").as_number() == 1520);
  CHECK(entries[3].at("vrf").as_bool());
  CHECK(entries[3].at("next_hop").is_null());
}

TEST_CASE("show mpls ldp neighbor: session, discovery sources and bound addresses (four a line)") {
  CHECK(show_mpls_ldp_neighbor({pe2_session()}, false).output ==
        "    Peer LDP Ident: 2.2.2.2:0; Local LDP Ident 1.1.1.1:0\n"
        "\tTCP connection: 2.2.2.2.646 - 1.1.1.1.11000\n"
        "\tState: Oper; Msgs sent/rcvd: 12/11; Downstream\n"
        "\tUp time: 00:01:23\n"
        "\tLDP discovery sources:\n"
        "\t  GigabitEthernet0/0, Src IP addr: 10.0.12.2\n"
        "        Addresses bound to peer LDP Ident:\n"
        "          10.0.12.2       2.2.2.2         10.0.24.2       192.168.100.2\n"
        "          10.0.25.2\n");
}

TEST_CASE("show mpls ldp neighbor: a session not yet up, with a password and an unknown local port") {
  LdpNeighborView n = pe2_session();
  n.state = "OpenSent";
  n.up_time.reset();
  n.local_port.reset();
  n.password = true;
  n.addresses.clear();
  const std::string out = show_mpls_ldp_neighbor({n}, false).output;
  CHECK(out.find("\tTCP connection: 2.2.2.2.646 - 1.1.1.1\n"
                 "\tPassword: required, neighbor, in use\n"
                 "\tState: OpenSent; Msgs sent/rcvd: 12/11; Downstream\n"
                 "\tLDP discovery sources:\n") != std::string::npos);
  CHECK(out.find("Up time") == std::string::npos);
  CHECK(out.substr(out.size() - 43) == "        Addresses bound to peer LDP Ident:\n");
}

TEST_CASE("show mpls ldp neighbor json") {
  const test::JsonDocument doc(show_mpls_ldp_neighbor({pe2_session()}, true).output);
  REQUIRE(doc);
  const auto n = doc->at("neighbors")[0];
  CHECK(n.at("peer").as_string() == "2.2.2.2:0");
  CHECK(n.at("up_time_seconds").as_number() == 83);
  CHECK(n.at("discovery_sources")[0].at("source").as_string() == "10.0.12.2");
  CHECK(n.at("addresses").size() == 5);
}

TEST_CASE("show mpls ldp discovery: xmit/recv per interface and the LDP Ids heard") {
  LdpDiscoveryView v;
  v.local = kP;
  v.interfaces = {{"GigabitEthernet0/0", true, true, {kPe2}}, {"eth1", true, true, {kPe3}}, {"eth2", true, false, {}}};
  CHECK(show_mpls_ldp_discovery(v, false).output ==
        " Local LDP Identifier:\n"
        "    1.1.1.1:0\n"
        "    Discovery Sources:\n"
        "    Interfaces:\n"
        "\tGigabitEthernet0/0 (ldp): xmit/recv\n"
        "\t    LDP Id: 2.2.2.2:0\n"
        "\teth1 (ldp): xmit/recv\n"
        "\t    LDP Id: 3.3.3.3:0\n"
        "\teth2 (ldp): xmit\n");
  const test::JsonDocument doc(show_mpls_ldp_discovery(v, true).output);
  REQUIRE(doc);
  CHECK(doc->at("interfaces")[2].at("recv").as_bool() == false);
  CHECK(doc->at("interfaces")[1].at("peers")[0].as_string() == "3.3.3.3:0");
}

TEST_CASE("show mpls ldp bindings: local imp-null for our loopback, remote labels kept (liberal retention)") {
  std::vector<LdpBindingView> b = {
      {"1.1.1.1/32", 2, 3, {{kPe2, 17}, {kPe3, 20}}},
      {"2.2.2.2/32", 4, 16, {{kPe2, 3}, {kPe3, 21}}},
      {"9.9.9.9/32", std::nullopt, std::nullopt, {{kPe3, 0}}},
  };
  CHECK(show_mpls_ldp_bindings(b, false).output ==
        "  lib entry: 1.1.1.1/32, rev 2\n"
        "        local binding:  label: imp-null\n"
        "        remote binding: lsr: 2.2.2.2:0, label: 17\n"
        "        remote binding: lsr: 3.3.3.3:0, label: 20\n"
        "  lib entry: 2.2.2.2/32, rev 4\n"
        "        local binding:  label: 16\n"
        "        remote binding: lsr: 2.2.2.2:0, label: imp-null\n"
        "        remote binding: lsr: 3.3.3.3:0, label: 21\n"
        "  lib entry: 9.9.9.9/32\n"
        "        remote binding: lsr: 3.3.3.3:0, label: exp-null\n");
  const test::JsonDocument doc(show_mpls_ldp_bindings(b, true).output);
  REQUIRE(doc);
  CHECK(doc->at("bindings")[1].at("local_label").as_string() == "16");
  CHECK(doc->at("bindings")[2].at("local_label").is_null());
  CHECK(doc->at("bindings")[1].at("remote")[0].at("label").as_string() == "imp-null");
}

TEST_CASE("show ip cef vrf detail: recursive via the egress PE with the VPN label over LDP, ECMP next hops") {
  CefEntryView e;
  e.vrf = "Technique";
  e.prefix = "10.2.2.0/24";
  e.recursive_via = ip(4, 4, 4, 4);
  e.vpn_label = 20;
  e.next_hops = {{ip(10, 0, 12, 2), "GigabitEthernet0/0", 17}, {ip(10, 0, 13, 3), "eth1", 3}};
  CHECK(show_ip_cef_detail("Technique", e, false).output ==
        "10.2.2.0/24, epoch 0\n"
        "  recursive via 4.4.4.4 label 20\n"
        "    nexthop 10.0.12.2 GigabitEthernet0/0 label 17\n"
        "    nexthop 10.0.13.3 eth1 label implicit-null\n");
  const test::JsonDocument doc(show_ip_cef_detail("Technique", e, true).output);
  REQUIRE(doc);
  CHECK(doc->at("vpn_label").as_number() == 20);
  CHECK(doc->at("next_hops")[1].at("label").as_string() == "implicit-null");
}

TEST_CASE("show ip cef vrf detail: attached, receive, and a prefix not in the VRF") {
  CefEntryView attached;
  attached.prefix = "10.1.1.0/24";
  attached.kind = CefEntryView::Kind::Attached;
  attached.interface = "eth3";
  CHECK(show_ip_cef_detail("Technique", attached, false).output == "10.1.1.0/24, epoch 0\n  attached to eth3\n");
  attached.kind = CefEntryView::Kind::Receive;
  attached.prefix = "10.1.1.1/32";
  attached.interface = "Loopback10";
  CHECK(show_ip_cef_detail("Technique", attached, false).output == "10.1.1.1/32, epoch 0\n  receive for Loopback10\n");
  const CommandResult missing = show_ip_cef_detail("Technique", std::nullopt, false);
  CHECK_FALSE(missing.ok);
  CHECK(missing.output == "% Prefix not found in vrf Technique\n");
}
