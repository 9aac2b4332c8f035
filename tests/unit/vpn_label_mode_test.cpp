// `mpls label mode ... protocol bgp-vpnv4 per-prefix|per-vrf|per-ce`: parsed,
// rendered and checked (config), then applied to what the VRFs export
// (vpn/vrf_export): one label per VRF, per prefix or per CE next hop, all from
// the one allocator whose ledger `show mpls label table` prints.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "config_fixtures.hpp"
#include "config/parser.hpp"
#include "vpn/label_allocator.hpp"
#include "vpn/vrf_export.hpp"

using namespace l3vpn;

namespace {

constexpr auto parse = config_fixtures::parse_ok;

std::vector<std::string> diagnostics(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& d : config::parse_config(text, "t.conf").errors) out.push_back(d.to_string());
  return out;
}

constexpr std::uint32_t ip(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t d) {
  return a << 24 | b << 16 | c << 8 | d;
}

// A PE with VRF Clients: two connected networks, two static routes via CE
// 192.168.1.2 and one via CE 192.168.1.3, one to an interface.
const std::string kPe =
    "ip vrf Clients\n"
    " rd 65000:10\n"
    " route-target export 65000:10\n"
    " route-target import 65000:10\n"
    "ip vrf Other\n"
    " rd 65000:20\n"
    " route-target export 65000:20\n"
    "interface Loopback0\n"
    " ip address 1.1.1.1 255.255.255.255\n"
    "interface GigabitEthernet0/1\n"
    " ip vrf forwarding Clients\n"
    " ip address 192.168.1.1 255.255.255.0\n"
    "interface Loopback10\n"
    " ip vrf forwarding Clients\n"
    " ip address 10.10.10.1 255.255.255.0\n"
    "interface Loopback20\n"
    " ip vrf forwarding Other\n"
    " ip address 10.20.20.1 255.255.255.0\n"
    "ip route vrf Clients 172.16.1.0 255.255.255.0 192.168.1.2\n"
    "ip route vrf Clients 172.16.2.0 255.255.255.0 192.168.1.2\n"
    "ip route vrf Clients 172.16.3.0 255.255.255.0 192.168.1.3\n"
    "ip route vrf Clients 172.16.4.0 255.255.255.0 Null0\n"
    "router bgp 65000\n"
    " address-family ipv4 vrf Clients\n"
    "  redistribute connected\n"
    "  redistribute static\n"
    " exit-address-family\n"
    " address-family ipv4 vrf Other\n"
    "  redistribute connected\n"
    " exit-address-family\n";

std::uint32_t label_of(const std::vector<vpn::ExportedRoute>& routes, std::uint32_t address) {
  auto it = std::find_if(routes.begin(), routes.end(), [&](const auto& r) { return r.prefix.address == address; });
  REQUIRE(it != routes.end());
  return it->label;
}

}  // namespace

TEST_CASE("mpls label mode lines parse into the model, render in IOS form and survive the round trip") {
  config::Config c = parse(
      "ip vrf A\n rd 1:1\nip vrf B\n rd 1:2\n"
      "mpls label mode vrf A protocol bgp-vpnv4 per-prefix\n"
      "mpls label mode all-vrfs protocol bgp-vpnv4 per-ce\n"
      "mpls label mode vrf B protocol bgp-vpnv4 per-prefix\n"
      "mpls label mode vrf B protocol bgp-vpnv4 per-vrf\n");  // replaces B's earlier line
  CHECK(c.mpls.label_mode_all_vrfs == config::VpnLabelMode::PerCe);
  REQUIRE(c.mpls.label_modes.size() == 2);
  CHECK(c.mpls.label_modes[0].vrf == "A");
  CHECK(c.mpls.label_modes[0].mode == config::VpnLabelMode::PerPrefix);
  CHECK(c.mpls.label_modes[1].mode == config::VpnLabelMode::PerVrf);

  std::string text = config::render_running_config(c);
  CHECK(text.find("mpls label mode all-vrfs protocol bgp-vpnv4 per-ce\n"
                  "mpls label mode vrf A protocol bgp-vpnv4 per-prefix\n"
                  "mpls label mode vrf B protocol bgp-vpnv4 per-vrf\n!\n") != std::string::npos);
  CHECK(parse(text) == c);

  config::Config removed = parse(config::render_running_config(c) +
                                 "no mpls label mode vrf A protocol bgp-vpnv4\n"
                                 "no mpls label mode all-vrfs protocol bgp-vpnv4 per-ce\n");
  CHECK_FALSE(removed.mpls.label_mode_all_vrfs.has_value());
  REQUIRE(removed.mpls.label_modes.size() == 1);
  CHECK(removed.mpls.label_modes[0].vrf == "B");
}

TEST_CASE("a malformed mpls label mode line gives its exact diagnostic") {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"mpls label mode\n", "t.conf:1:17: error: missing argument: label mode expects vrf NAME or all-vrfs"},
      {"mpls label mode every protocol bgp-vpnv4 per-vrf\n",
       "t.conf:1:17: error: label mode expects vrf or all-vrfs, got 'every'"},
      {"mpls label mode vrf\n", "t.conf:1:21: error: missing argument: label mode vrf expects a VRF name"},
      {"ip vrf A\nmpls label mode vrf A proto bgp-vpnv4 per-vrf\n",
       "t.conf:2:23: error: label mode expects 'protocol', got 'proto'"},
      {"mpls label mode all-vrfs protocol ldp per-vrf\n",
       "t.conf:1:35: error: unsupported label mode protocol 'ldp': only bgp-vpnv4 is supported"},
      {"mpls label mode all-vrfs protocol bgp-vpnv4 per-site\n",
       "t.conf:1:45: error: expected per-prefix, per-vrf or per-ce, got 'per-site'"},
      {"mpls label mode all-vrfs protocol bgp-vpnv4 per-vrf now\n",
       "t.conf:1:53: error: unexpected 'now' after end of command"},
      {"mpls label mode vrf Ghost protocol bgp-vpnv4 per-vrf\n", "t.conf:1:21: error: VRF 'Ghost' is not defined"},
  };
  for (const Case& c : cases) {
    const std::string text = c.text;
    const auto found = diagnostics(text);
    CAPTURE(text);
    CHECK(found == std::vector<std::string>{c.expected});
    if (found.size() == 1) CHECK(found[0] == std::string(c.expected));
  }
}

TEST_CASE("per-vrf by default: every route of a VRF carries the VRF's one label") {
  config::Config c = parse(kPe);
  vpn::LabelAllocator labels;
  auto routes = vpn::vrf_exports(c, labels, l3vpn::core::TimePoint{});
  std::set<std::uint32_t> clients;
  for (const auto& r : routes)
    if (r.vrf == "Clients") clients.insert(r.label);
  CHECK(clients.size() == 1);
  CHECK(labels.ledger().size() == 2);  // Clients and Other
  CHECK(labels.find("vrf:Clients") == *clients.begin());
}

TEST_CASE("per-prefix: one label for each exported prefix of that VRF, the other VRF keeps per-vrf") {
  config::Config c = parse(kPe + "mpls label mode vrf Clients protocol bgp-vpnv4 per-prefix\n");
  vpn::LabelAllocator labels;
  auto routes = vpn::vrf_exports(c, labels, l3vpn::core::TimePoint{});
  std::set<std::uint32_t> clients;
  std::size_t client_routes = 0;
  for (const auto& r : routes)
    if (r.vrf == "Clients") {
      clients.insert(r.label);
      ++client_routes;
    }
  CHECK(client_routes == 6);  // 2 connected + 4 static
  CHECK(clients.size() == 6);
  CHECK(labels.find("vrf:Clients:172.16.1.0/24") == label_of(routes, ip(172, 16, 1, 0)));
  CHECK(labels.find("vrf:Other") == label_of(routes, ip(10, 20, 20, 0)));
  CHECK(labels.ledger().size() == 7);
}

TEST_CASE("per-ce: one label per CE next hop; connected routes and the Null0 route share the aggregate label") {
  config::Config c = parse(kPe + "mpls label mode all-vrfs protocol bgp-vpnv4 per-ce\n");
  vpn::LabelAllocator labels;
  auto routes = vpn::vrf_exports(c, labels, l3vpn::core::TimePoint{});
  std::uint32_t ce2 = label_of(routes, ip(172, 16, 1, 0));
  CHECK(label_of(routes, ip(172, 16, 2, 0)) == ce2);  // same CE
  std::uint32_t ce3 = label_of(routes, ip(172, 16, 3, 0));
  CHECK(ce3 != ce2);
  std::uint32_t aggregate = label_of(routes, ip(10, 10, 10, 0));
  CHECK(label_of(routes, ip(192, 168, 1, 0)) == aggregate);
  CHECK(label_of(routes, ip(172, 16, 4, 0)) == aggregate);
  CHECK(aggregate != ce2);
  CHECK(aggregate != ce3);
  CHECK(labels.find("vrf:Clients:ce:192.168.1.2") == ce2);
  CHECK(labels.find("vrf:Clients") == aggregate);
}

TEST_CASE("labels no route needs any more are released, and not given out again while others are free") {
  vpn::LabelAllocator labels(100, 199);
  auto per_prefix = vpn::vrf_exports(parse(kPe + "mpls label mode vrf Clients protocol bgp-vpnv4 per-prefix\n"), labels, l3vpn::core::TimePoint{});
  std::uint32_t old_172_16_1 = label_of(per_prefix, ip(172, 16, 1, 0));
  CHECK(labels.ledger().size() == 7);

  auto per_vrf = vpn::vrf_exports(parse(kPe), labels, l3vpn::core::TimePoint{});  // the mode line removed by a reload
  CHECK(labels.ledger().size() == 2);                   // per-prefix owners gone from the ledger
  CHECK_FALSE(labels.find("vrf:Clients:172.16.1.0/24").has_value());
  std::uint32_t now = label_of(per_vrf, ip(172, 16, 1, 0));
  CHECK(now != old_172_16_1);  // a label a peer may still use is held back
  CHECK(labels.find("vrf:Other") == label_of(per_prefix, ip(10, 20, 20, 0)));  // untouched VRF keeps its label
}
