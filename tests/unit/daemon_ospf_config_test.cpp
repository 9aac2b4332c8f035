// Config -> ospf::InstanceConfig, as IOS reads the same lines: the lab
// configs give router IDs, interface lists, areas, passive, costs and
// network types; small configs check the rules one at a time (network
// statement order, passive-interface default, router-ID fallbacks, timers,
// authentication, redistribution with and without subnets).
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <variant>
#include <string>

#include "config_fixtures.hpp"
#include "config/parser.hpp"
#include "daemon/ospf_config.hpp"
#include "vpn/vrf_export.hpp"

using namespace l3vpn;
using daemon::ospf_instance_config;

namespace {

constexpr auto parse_text = config_fixtures::parse_ok;
constexpr auto lab = config_fixtures::lab_config;

std::uint32_t ip(const char* text) { return config::Ipv4Address::parse(text)->value; }

const ospf::InstanceInterface& find(const ospf::InstanceConfig& c, const std::string& name) {
  auto it = std::find_if(c.interfaces.begin(), c.interfaces.end(), [&](const auto& i) { return i.name == name; });
  REQUIRE(it != c.interfaces.end());
  return *it;
}

std::vector<std::string> names(const ospf::InstanceConfig& c) {
  std::vector<std::string> out;
  for (const auto& i : c.interfaces) out.push_back(i.name);
  return out;
}

}  // namespace

TEST_CASE("R1 of the inter-VRF lab: router-id 11.11.11.11, the loopback and three point-to-point links in area 0") {
  const config::Config c = lab("inter-vrf-leaking/R1.conf");
  auto processes = daemon::ospf_process_configs(c);
  REQUIRE(processes.size() == 1);
  CHECK(processes[0].process_id == 1);
  const ospf::InstanceConfig& o = processes[0].instance;
  CHECK(o.router_id == ip("11.11.11.11"));
  CHECK(names(o) == std::vector<std::string>{"Loopback0", "GigabitEthernet0/2", "GigabitEthernet0/3",
                                             "GigabitEthernet0/4"});
  const auto& lo = find(o, "Loopback0");
  CHECK(lo.loopback);
  CHECK(lo.address == ip("1.1.1.1"));
  CHECK(lo.mask == 0xFFFFFFFFu);
  const auto& gi = find(o, "GigabitEthernet0/3");
  CHECK_FALSE(gi.loopback);
  CHECK_FALSE(gi.passive);
  CHECK(gi.type == ospf::NetworkType::PointToPoint);
  CHECK(gi.area_id == 0);
  CHECK(gi.address == ip("192.168.13.1"));
  CHECK(gi.mask == ip("255.255.255.0"));
  CHECK(gi.cost == 1);  // IOS: 100 Mb/s reference over a GigabitEthernet
  CHECK(gi.hello_interval == 10);
  CHECK(gi.dead_interval == 40);
  CHECK(gi.auth.au_type == 0);
  CHECK(o.externals.empty());
}

TEST_CASE("R3 of the inter-VRF lab: the global process, and one per VRF on that VRF's loopback only") {
  const config::Config c = lab("inter-vrf-leaking/R3.conf");
  auto processes = daemon::ospf_process_configs(c);
  REQUIRE(processes.size() == 4);
  CHECK(processes[0].process_id == 1);
  CHECK(processes[0].vrf.empty());
  CHECK(processes[0].instance.router_id == ip("33.33.33.33"));
  CHECK(names(processes[0].instance) == std::vector<std::string>{"Loopback0", "GigabitEthernet0/0"});
  const struct {
    std::uint32_t id;
    const char* vrf;
    const char* loopback;
    const char* address;
  } vrfs[] = {{10, "Technique", "Loopback10", "10.10.10.1"},
              {20, "Commercial", "Loopback20", "10.10.20.1"},
              {30, "Serveurs", "Loopback30", "10.10.30.1"}};
  for (std::size_t i = 0; i < 3; ++i) {
    const daemon::OspfProcessConfig& p = processes[i + 1];
    CHECK(p.process_id == vrfs[i].id);
    CHECK(p.vrf == vrfs[i].vrf);
    CHECK(names(p.instance) == std::vector<std::string>{vrfs[i].loopback});
    // IOS: the highest loopback address in the VRF, not the global one.
    CHECK(p.instance.router_id == ip(vrfs[i].address));
    CHECK(p.instance.externals.empty());  // redistribute bgp: at run time, from the VRF table
  }
}

TEST_CASE("redistribute bgp into a VRF process: the VRF table's B routes, metric M, subnets, no default") {
  const config::Config c = parse_text(
      "ip vrf A\n rd 1:1\n route-target both 1:1\n"
      "interface eth2\n ip vrf forwarding A\n ip address 192.168.1.1 255.255.255.0\n"
      "ip route vrf A 172.20.0.0 255.255.0.0 192.168.1.2\n"
      "router ospf 10 vrf A\n network 192.168.1.0 0.0.0.255 area 0\n redistribute bgp 65000 metric 7 subnets\n"
      " redistribute static subnets\n"
      "router ospf 11 vrf A\n redistribute bgp 65000\n");
  cli::RouteTableView table;
  table.vrf = "A";
  auto route = [](char code, const char* prefix, std::uint8_t length) {
    cli::RouteView r;
    r.code = code;
    r.address = ip(prefix);
    r.length = length;
    return r;
  };
  table.routes = {route('B', "10.1.2.0", 24), route('B', "10.0.0.0", 8), route('B', "0.0.0.0", 0),
                  route('C', "192.168.1.0", 24), route('O', "172.16.1.1", 32), route('B', "172.20.0.0", 16)};
  const auto with_subnets = daemon::ospf_from_bgp(c.ospf.at(0), table, {}).externals;
  REQUIRE(with_subnets.size() == 3);
  CHECK(with_subnets[0].prefix == ip("10.1.2.0"));
  CHECK(with_subnets[0].mask == ip("255.255.255.0"));
  CHECK(with_subnets[0].metric == 7);
  CHECK(with_subnets[0].type2);
  CHECK(with_subnets[1].prefix == ip("10.0.0.0"));
  // Without subnets only classful networks; without a metric, IOS's 1 for BGP.
  const auto classful = daemon::ospf_from_bgp(c.ospf.at(1), table, {}).externals;
  REQUIRE(classful.size() == 2);
  CHECK(classful[0].prefix == ip("10.0.0.0"));
  CHECK(classful[0].metric == 1);
  CHECK(classful[1].prefix == ip("172.20.0.0"));
  // The static route is configured (redistribute static): it wins over BGP's copy.
  const auto configured = daemon::ospf_instance_config(c, c.ospf.at(0)).externals;
  REQUIRE(configured.size() == 1);
  const auto merged = daemon::merge_externals(configured, with_subnets);
  REQUIRE(merged.size() == 3);
  CHECK(merged[0].prefix == ip("10.0.0.0"));
  CHECK(merged[2].prefix == ip("172.20.0.0"));
  CHECK(merged[2].metric == 20);  // the static's, not BGP's 7
}

TEST_CASE("redistribute bgp, RFC 4577: OSPF routes of the other site come back as summaries or externals by their route type") {
  const config::Config c = parse_text(
      "ip vrf A\n rd 1:1\n route-target both 1:1\n"
      "interface eth2\n ip vrf forwarding A\n ip address 192.168.1.1 255.255.255.0\n"
      "router ospf 10 vrf A\n network 192.168.1.0 0.0.0.255 area 0\n redistribute bgp 65000 metric 7 subnets\n");
  const std::uint32_t pe2 = ip("10.255.0.12");
  auto vpn_route = [&](const char* prefix, std::uint8_t length, std::uint32_t med,
                       std::optional<bgp::ExtendedCommunity> type) {
    vpn::VpnRoute r;
    r.prefix = bgp::Prefix4{ip(prefix), length};
    r.next_hop = pe2;
    r.attributes.med = med;
    if (type) r.attributes.extended_communities.push_back(*type);
    return r;
  };
  const std::vector<vpn::VpnRoute> known = {
      vpn_route("172.16.2.1", 32, 2, vpn::ospf_route_type_community(0, 2, false)),    // intra-area there
      vpn_route("172.16.3.0", 24, 12, vpn::ospf_route_type_community(1, 3, false)),   // inter-area there
      vpn_route("172.16.92.0", 24, 20, vpn::ospf_route_type_community(0, 5, true)),   // E2 there
      vpn_route("172.16.93.0", 24, 30, vpn::ospf_route_type_community(0, 5, false)),  // E1 there
      vpn_route("10.9.0.0", 16, 0, std::nullopt)};                                    // connected there
  cli::RouteTableView table;
  table.vrf = "A";
  for (const auto& k : known) {
    cli::RouteView v;
    v.code = 'B';
    v.address = k.prefix.address;
    v.length = k.prefix.length;
    v.distance = 200;
    v.metric = k.attributes.med;
    v.next_hop = pe2;
    table.routes.push_back(v);
  }
  const daemon::OspfFromBgp out = daemon::ospf_from_bgp(c.ospf.at(0), table, known);
  REQUIRE(out.summaries.size() == 2);
  CHECK(out.summaries[0] == ospf::SummaryRoute{ip("172.16.2.1"), ip("255.255.255.255"), 2});   // metric = MED
  CHECK(out.summaries[1] == ospf::SummaryRoute{ip("172.16.3.0"), ip("255.255.255.0"), 12});
  REQUIRE(out.externals.size() == 3);
  CHECK(out.externals[0].prefix == ip("172.16.92.0"));
  CHECK(out.externals[0].metric == 20);  // the MED, not `metric 7`
  CHECK(out.externals[0].type2);
  CHECK(out.externals[1].prefix == ip("172.16.93.0"));
  CHECK_FALSE(out.externals[1].type2);   // E1 stays E1
  CHECK(out.externals[2].prefix == ip("10.9.0.0"));
  CHECK(out.externals[2].metric == 7);   // not from OSPF: the redistribute metric, E2
  CHECK(out.externals[2].type2);
}

TEST_CASE("an OSPF instance with summaries: B bit in its router-LSA, one type-3 LSA per summary in each area") {
  ospf::InstanceConfig config;
  config.router_id = ip("192.168.1.1");
  ospf::InstanceInterface eth2;
  eth2.name = "eth2";
  eth2.address = ip("192.168.1.1");
  eth2.mask = ip("255.255.255.0");
  config.interfaces.push_back(eth2);
  ospf::Instance instance(10, config);
  const core::TimePoint t0{};
  instance.start(t0);
  const core::TimePoint t1 = t0 + std::chrono::seconds(10);  // past MinLSInterval: the router-LSA may change
  instance.set_redistributed_routes({}, {ospf::SummaryRoute{ip("172.16.2.1"), ip("255.255.255.255"), 2}}, t1);
  CHECK(instance.is_area_border_router() == false);  // one area: not an ABR by 3.3, yet...
  const ospf::Lsdb* area0 = instance.lsdb(0);
  REQUIRE(area0 != nullptr);
  bool summary = false, b_bit = false;
  for (const auto& [key, entry] : area0->entries()) {
    const auto lsa = area0->lsa(key, t1);
    REQUIRE(lsa);
    if (key.type == ospf::ls_type::SummaryNetwork && key.link_state_id == ip("172.16.2.1")) {
      summary = true;
      CHECK(std::get<ospf::SummaryLsa>(lsa->body).metric == 2);
    }
    if (key.type == ospf::ls_type::Router && key.advertising_router == ip("192.168.1.1"))
      b_bit = (std::get<ospf::RouterLsa>(lsa->body).flags & ospf::router_flag::B) != 0;  // ...the CEs must see B
  }
  CHECK(summary);
  CHECK(b_bit);
}

TEST_CASE("P1 of the rr-core lab: costs 10, 10 and 100, the loopback passive") {
  const ospf::InstanceConfig o = daemon::ospf_process_configs(lab("rr-core/P1.conf")).at(0).instance;
  CHECK(o.router_id == ip("10.255.0.1"));
  CHECK(names(o) == std::vector<std::string>{"Loopback0", "eth1", "eth2", "eth3"});
  CHECK(find(o, "Loopback0").passive);
  CHECK(find(o, "eth1").cost == 10);
  CHECK(find(o, "eth2").cost == 10);
  CHECK(find(o, "eth3").cost == 100);
  CHECK_FALSE(find(o, "eth3").passive);
}

TEST_CASE("PE1 of the rr-core lab: network statements pick the loopback and the core link, not the VRF ones") {
  const ospf::InstanceConfig o = daemon::ospf_process_configs(lab("rr-core/PE1.conf")).at(0).instance;
  CHECK(o.router_id == ip("10.255.0.11"));
  CHECK(names(o) == std::vector<std::string>{"Loopback0", "eth1"});
  CHECK(find(o, "eth1").type == ospf::NetworkType::PointToPoint);
  CHECK(find(o, "Loopback0").passive);
}

TEST_CASE("the first matching network statement gives the area, as IOS; ip ospf on the interface wins") {
  const config::Config c = parse_text(
      "interface eth1\n ip address 10.1.2.1 255.255.255.0\n"
      "interface eth2\n ip address 10.1.3.1 255.255.255.0\n ip ospf 1 area 7\n"
      "interface eth3\n ip address 172.16.0.1 255.255.255.0\n"
      "interface eth4\n ip address 10.1.4.1 255.255.255.0\n shutdown\n"
      "interface eth5\n ip address 10.9.9.9 255.255.255.0\n ip ospf 2 area 0\n"
      "router ospf 1\n network 10.1.2.0 0.0.0.255 area 1\n network 10.0.0.0 0.255.255.255 area 2\n"
      "router ospf 2\n");
  const config::OspfProcess& p1 = c.ospf[0];
  const ospf::InstanceConfig o = ospf_instance_config(c, p1);
  CHECK(names(o) == std::vector<std::string>{"eth1", "eth2"});  // eth3 unmatched, eth4 shut, eth5 process 2
  CHECK(find(o, "eth1").area_id == 1);  // first match, although 10/8 matches too
  CHECK(find(o, "eth2").area_id == 7);
  CHECK(find(o, "eth1").type == ospf::NetworkType::Broadcast);
}

TEST_CASE("passive-interface default with no passive-interface; names compared without case") {
  const config::Config c = parse_text(
      "interface eth1\n ip address 10.0.1.1 255.255.255.0\n ip ospf 1 area 0\n"
      "interface eth2\n ip address 10.0.2.1 255.255.255.0\n ip ospf 1 area 0\n"
      "router ospf 1\n passive-interface default\n no passive-interface ETH2\n");
  const ospf::InstanceConfig o = ospf_instance_config(c, c.ospf[0]);
  CHECK(find(o, "eth1").passive);
  CHECK_FALSE(find(o, "eth2").passive);
}

TEST_CASE("router ID: router-id, else the highest loopback, else the highest interface address") {
  const std::string links =
      "interface eth1\n ip address 192.168.1.1 255.255.255.0\n ip ospf 1 area 0\n"
      "interface eth2\n ip address 10.0.0.1 255.255.255.0\n ip ospf 1 area 0\n";
  config::Config none = parse_text(links + "router ospf 1\n");
  CHECK(daemon::ospf_router_id(none, none.ospf[0]) == ip("192.168.1.1"));
  config::Config loopbacks = parse_text(links +
                                        "interface Loopback0\n ip address 2.2.2.2 255.255.255.255\n"
                                        "interface Loopback1\n ip address 5.5.5.5 255.255.255.255\n"
                                        "interface Loopback2\n ip address 9.9.9.9 255.255.255.255\n shutdown\n"
                                        "router ospf 1\n");
  CHECK(daemon::ospf_router_id(loopbacks, loopbacks.ospf[0]) == ip("5.5.5.5"));
  config::Config fixed = parse_text(links + "router ospf 1\n router-id 7.7.7.7\n");
  CHECK(daemon::ospf_router_id(fixed, fixed.ospf[0]) == ip("7.7.7.7"));
}

TEST_CASE("hello and dead intervals: dead is four hellos when only the hello is set") {
  const config::Config c = parse_text(
      "interface eth1\n ip address 10.0.1.1 255.255.255.0\n ip ospf 1 area 0\n ip ospf hello-interval 3\n"
      "interface eth2\n ip address 10.0.2.1 255.255.255.0\n ip ospf 1 area 0\n ip ospf hello-interval 3\n"
      " ip ospf dead-interval 7\n"
      "router ospf 1\n");
  const ospf::InstanceConfig o = ospf_instance_config(c, c.ospf[0]);
  CHECK(find(o, "eth1").hello_interval == 3);
  CHECK(find(o, "eth1").dead_interval == 12);
  CHECK(find(o, "eth2").dead_interval == 7);
}

TEST_CASE("authentication: simple password (AuType 1) and MD5 with the highest key ID (AuType 2)") {
  const config::Config c = parse_text(
      "interface eth1\n ip address 10.0.1.1 255.255.255.0\n ip ospf 1 area 0\n"
      " ip ospf authentication\n ip ospf authentication-key secret\n"
      "interface eth2\n ip address 10.0.2.1 255.255.255.0\n ip ospf 1 area 0\n"
      " ip ospf authentication message-digest\n ip ospf message-digest-key 1 md5 old\n"
      " ip ospf message-digest-key 4 md5 newer\n"
      "interface eth3\n ip address 10.0.3.1 255.255.255.0\n ip ospf 1 area 0\n ip ospf authentication-key unused\n"
      "router ospf 1\n");
  const ospf::InstanceConfig o = ospf_instance_config(c, c.ospf[0]);
  const auto& simple = find(o, "eth1").auth;
  CHECK(simple.au_type == 1);
  CHECK(std::string(simple.password.begin(), simple.password.begin() + 6) == "secret");
  CHECK(simple.password[6] == 0);
  const auto& md5 = find(o, "eth2").auth;
  CHECK(md5.au_type == 2);
  CHECK(md5.crypto.key_id == 4);
  CHECK(md5.crypto.algorithm == ospf::CryptoAlgorithm::Md5);
  CHECK(std::string(md5.crypto.key.begin(), md5.crypto.key.begin() + 5) == "newer");
  CHECK(find(o, "eth3").auth.au_type == 0);  // a key without "ip ospf authentication" enables nothing
}

TEST_CASE("redistribution: without subnets only classful networks; OSPF's own links are not external") {
  const std::string base =
      "interface eth1\n ip address 10.0.1.1 255.255.255.0\n ip ospf 1 area 0\n"
      "interface eth2\n ip address 192.168.5.1 255.255.255.0\n"
      "interface eth3\n ip address 172.20.1.1 255.255.255.0\n"
      "ip route 20.0.0.0 255.0.0.0 Null0\n"
      "ip route 20.1.0.0 255.255.0.0 Null0\n";
  config::Config classful = parse_text(base + "router ospf 1\n redistribute connected\n redistribute static metric 50\n");
  auto externals = daemon::ospf_externals(classful, classful.ospf[0]);
  // 192.168.5.0/24 is a class C network; 172.20.1.0/24 is a subnet of 172.20/16; 20/8 is class A.
  REQUIRE(externals.size() == 2);
  CHECK(externals[0].prefix == ip("20.0.0.0"));
  CHECK(externals[0].mask == ip("255.0.0.0"));
  CHECK(externals[0].metric == 50);
  CHECK(externals[1].prefix == ip("192.168.5.0"));
  CHECK(externals[1].metric == 20);
  CHECK(externals[1].type2);

  config::Config subnets = parse_text(base + "router ospf 1\n redistribute connected subnets\n redistribute static subnets\n");
  externals = daemon::ospf_externals(subnets, subnets.ospf[0]);
  std::vector<std::uint32_t> prefixes;
  for (const auto& e : externals) prefixes.push_back(e.prefix);
  CHECK(prefixes == std::vector<std::uint32_t>{ip("20.0.0.0"), ip("20.1.0.0"), ip("172.20.1.0"), ip("192.168.5.0")});
}

TEST_CASE("default-information originate: only with a default route, unless always") {
  const std::string base = "interface eth1\n ip address 10.0.1.1 255.255.255.0\n ip ospf 1 area 0\n";
  config::Config without = parse_text(base + "router ospf 1\n default-information originate\n");
  CHECK(daemon::ospf_externals(without, without.ospf[0]).empty());
  config::Config with_route = parse_text(base + "ip route 0.0.0.0 0.0.0.0 10.0.1.2\n"
                                                "router ospf 1\n default-information originate\n");
  auto externals = daemon::ospf_externals(with_route, with_route.ospf[0]);
  REQUIRE(externals.size() == 1);
  CHECK(externals[0].prefix == 0);
  CHECK(externals[0].mask == 0);
  CHECK(externals[0].metric == 1);
  config::Config always = parse_text(base + "router ospf 1\n default-information originate always\n");
  CHECK(daemon::ospf_externals(always, always.ospf[0]).size() == 1);
}

TEST_CASE("same_instance_config notices a changed cost and an unchanged translation") {
  const config::Config a = lab("rr-core/P1.conf");
  config::Config b = a;
  CHECK(daemon::same_instance_config(ospf_instance_config(a, a.ospf[0]), ospf_instance_config(b, b.ospf[0])));
  b.interfaces[1].ospf.cost = 11;
  CHECK_FALSE(daemon::same_instance_config(ospf_instance_config(a, a.ospf[0]), ospf_instance_config(b, b.ospf[0])));
}
