// LDP basic discovery (RFC 5036 section 2.4.1) on R1 of the seed lab: link
// Hellos every 5 s on Gi0/2..Gi0/4, adjacencies with R2, R3, R4 refreshed by
// their Hellos and lost 15 s after the last one, on a manual clock.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/manual_clock.hpp"
#include "ldp/discovery.hpp"

using namespace l3vpn::ldp;
using namespace std::chrono_literals;
namespace da = discovery_action;

namespace {

constexpr std::uint32_t kR1 = 0x01010101;
constexpr std::uint32_t kR2 = 0x02020202;
constexpr std::uint32_t kR3 = 0x03030303;

// R1's discovery with its timers on a manual clock; records what it did.
struct R1Discovery {
  l3vpn::core::ManualClock clock;
  l3vpn::core::ManualTimerService timers{clock};
  Discovery discovery{DiscoveryConfig{LdpId{kR1, 0}, kR1, 5, 15}};
  std::vector<std::string> hellos;  // interfaces, in order
  std::vector<da::AdjacencyUp> ups;
  std::vector<da::AdjacencyDown> downs;

  void apply(const std::vector<DiscoveryAction>& actions) {
    for (const auto& a : actions) {
      if (const auto* h = std::get_if<da::SendHello>(&a)) {
        hellos.push_back(h->interface);
      } else if (const auto* t = std::get_if<da::StartTimer>(&a)) {
        const DiscoveryTimer timer = t->timer;
        timers.start(timer.name(), t->after, [this, timer] { apply(discovery.timer_expired(timer)); });
      } else if (const auto* stop = std::get_if<da::StopTimer>(&a)) {
        timers.cancel(stop->timer.name());
      } else if (const auto* u = std::get_if<da::AdjacencyUp>(&a)) {
        ups.push_back(*u);
      } else if (const auto* d = std::get_if<da::AdjacencyDown>(&a)) {
        downs.push_back(*d);
      }
    }
  }

  void hello_from(const std::string& interface, std::uint32_t lsr, std::uint32_t source,
                  std::uint16_t hold = 15) {
    Hello h;
    h.hold_time = hold;
    h.transport_address = lsr;
    apply(discovery.hello_received(interface, LdpId{lsr, 0}, source, h));
  }
};

}  // namespace

TEST_CASE("ldp discovery: Hellos every 5 s with hold time 15 s and transport address 1.1.1.1") {
  R1Discovery r1;
  r1.apply(r1.discovery.enable_interface("Gi0/3"));
  CHECK(r1.hellos == std::vector<std::string>{"Gi0/3"});  // the first at once
  const Hello h = r1.discovery.hello();
  CHECK(h.hold_time == 15);
  CHECK(h.transport_address == kR1);
  CHECK_FALSE(h.targeted);

  r1.timers.advance(4s);
  CHECK(r1.hellos.size() == 1);
  r1.timers.advance(1s);
  CHECK(r1.hellos.size() == 2);
  r1.timers.advance(20s);
  CHECK(r1.hellos.size() == 6);

  r1.apply(r1.discovery.disable_interface("Gi0/3"));
  r1.timers.advance(20s);
  CHECK(r1.hellos.size() == 6);
  CHECK(r1.timers.pending() == 0);
}

TEST_CASE("ldp discovery: R3's adjacency is created, refreshed, and expires 15 s after its last Hello") {
  R1Discovery r1;
  r1.apply(r1.discovery.enable_interface("Gi0/2"));
  r1.apply(r1.discovery.enable_interface("Gi0/3"));

  r1.hello_from("Gi0/3", kR3, 0xC0A80D03);  // 192.168.13.3
  REQUIRE(r1.ups.size() == 1);
  CHECK(r1.ups[0].first_for_lsr);
  const Adjacency& a = r1.ups[0].adjacency;
  CHECK(a.key == AdjacencyKey{kR3, "Gi0/3"});
  CHECK(a.peer == LdpId{kR3, 0});
  CHECK(a.transport_address == kR3);
  CHECK(a.source_address == 0xC0A80D03);
  CHECK(a.hold_time == 15);

  // Refreshed every 5 s for a minute: no new adjacency, no loss.
  for (int i = 0; i < 12; ++i) {
    r1.timers.advance(5s);
    r1.hello_from("Gi0/3", kR3, 0xC0A80D03);
  }
  CHECK(r1.ups.size() == 1);
  CHECK(r1.downs.empty());
  CHECK(r1.discovery.adjacency_count(kR3) == 1);

  // R3 falls silent.
  r1.timers.advance(14s);
  CHECK(r1.downs.empty());
  r1.timers.advance(1s);
  REQUIRE(r1.downs.size() == 1);
  CHECK(r1.downs[0].adjacency.key == AdjacencyKey{kR3, "Gi0/3"});
  CHECK(r1.downs[0].last_for_lsr);
  CHECK(r1.discovery.adjacencies().empty());
}

TEST_CASE("ldp discovery: hold time is the smaller of both; other interfaces and targeted Hellos") {
  R1Discovery r1;
  r1.apply(r1.discovery.enable_interface("Gi0/2"));

  r1.hello_from("Gi0/2", kR2, 0xC0A80C02, 30);  // R2 proposes 30: ours (15) wins
  REQUIRE(r1.ups.size() == 1);
  CHECK(r1.ups[0].adjacency.hold_time == 15);

  r1.hello_from("Gi0/3", kR3, 0xC0A80D03);  // LDP not enabled there
  Hello targeted;
  targeted.targeted = true;
  r1.apply(r1.discovery.hello_received("Gi0/2", LdpId{kR3, 0}, kR3, targeted));
  CHECK(r1.ups.size() == 1);

  // A second link to R2 is a second adjacency, not the first for the LSR.
  r1.apply(r1.discovery.enable_interface("Gi0/5"));
  r1.hello_from("Gi0/5", kR2, 0xC0A80F02, 0);  // 0: the link default, 15 s
  REQUIRE(r1.ups.size() == 2);
  CHECK_FALSE(r1.ups[1].first_for_lsr);
  CHECK(r1.ups[1].adjacency.hold_time == 15);

  r1.apply(r1.discovery.disable_interface("Gi0/2"));
  REQUIRE(r1.downs.size() == 1);
  CHECK_FALSE(r1.downs[0].last_for_lsr);  // Gi0/5 still up
  r1.timers.advance(15s);
  REQUIRE(r1.downs.size() == 2);
  CHECK(r1.downs[1].last_for_lsr);
}
