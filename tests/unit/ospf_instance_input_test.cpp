// ospf::Instance driven directly, without a network: what start() asks for,
// and bad input counted by reason, never thrown (RFC 2328 8.2).
#include <doctest/doctest.h>

#include "ospf/flooding.hpp"  // kAllSpfRouters
#include "ospf_instance_fixtures.hpp"

using namespace ospf_lab;

namespace {

ospf::InstanceConfig one_interface(std::uint32_t area = 0) {
  ospf::InstanceConfig c;
  c.router_id = ip("1.1.1.1");
  ospf::InstanceInterface i;
  i.name = "eth0";
  i.address = ip("10.0.0.1");
  i.mask = mask_of(24);
  i.area_id = area;
  c.interfaces.push_back(i);
  return c;
}

const core::TimePoint kStart = core::TimePoint{} + std::chrono::hours(1);

}  // namespace

TEST_CASE("OSPF instance: start sends a hello to AllSPFRouters and arms the hello, wait and age timers") {
  ospf::Instance o(1, one_interface());
  const auto actions = o.start(kStart);
  bool hello = false;
  std::vector<std::string> timers;
  for (const auto& a : actions) {
    if (const auto* s = std::get_if<ospf::instance_action::Send>(&a)) {
      hello = s->interface == "eth0" && s->destination == ospf::kAllSpfRouters && s->packet.size() == 44;  // 24 + 20
    } else if (const auto* t = std::get_if<ospf::instance_action::StartTimer>(&a)) {
      timers.push_back(t->name);
    }
  }
  CHECK(hello);
  CHECK(std::find(timers.begin(), timers.end(), "ospf hello eth0") != timers.end());
  CHECK(std::find(timers.begin(), timers.end(), "ospf wait eth0") != timers.end());
  CHECK(std::find(timers.begin(), timers.end(), "ospf age") != timers.end());
  CHECK(o.interfaces().front().state == ospf::InterfaceState::Waiting);
  // Our router-LSA is in the database from the start (a stub for the subnet).
  CHECK(o.lsdb(0)->contains(key(ospf::ls_type::Router, "1.1.1.1", "1.1.1.1")));
}

TEST_CASE("OSPF instance: garbage, a packet for another area and an unknown interface are counted drops") {
  ospf::Instance o(1, one_interface());
  o.start(kStart);
  const std::vector<std::uint8_t> garbage{0x02, 0x01, 0x00};
  o.packet_received("eth0", ip("10.0.0.2"), ospf::kAllSpfRouters, garbage, kStart);

  // A valid hello from area 0.0.0.7.
  ospf::Packet p;
  p.header.router_id = ip("2.2.2.2");
  p.header.area_id = 7;
  p.body = ospf::Hello{mask_of(24), 10, ospf::option::E, 1, 40, 0, 0, {}};
  const auto bytes = ospf::encode_packet(p);
  o.packet_received("eth0", ip("10.0.0.2"), ospf::kAllSpfRouters, bytes, kStart);
  o.packet_received("eth9", ip("10.0.0.2"), ospf::kAllSpfRouters, bytes, kStart);

  const auto drops = o.drop_counters();
  CHECK(drops.at("packet-too-short") == 1);
  CHECK(drops.at("wrong-area") == 1);
  CHECK(drops.at("unknown-interface") == 1);
  CHECK(o.neighbors().empty());
}
