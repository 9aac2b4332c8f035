// The OSPFv2 interface state machine (RFC 2328 section 9) and the DR/BDR
// election of section 9.4 as a table: a broadcast segment 10.0.123.0/24
// with R1 11.11.11.11 (.1), R2 22.22.22.22 (.2) and R3 33.33.33.33 (.3).
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "ospf/interface_fsm.hpp"

using namespace l3vpn::ospf;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t kR1 = 0x0B0B0B0B, kR2 = 0x16161616, kR3 = 0x21212121;
constexpr std::uint32_t kA1 = 0x0A007B01, kA2 = 0x0A007B02, kA3 = 0x0A007B03;  // 10.0.123.x

ElectionCandidate r1(std::uint8_t prio = 1, std::uint32_t dr = 0, std::uint32_t bdr = 0) {
  return {kR1, kA1, prio, dr, bdr};
}
ElectionCandidate r2(std::uint8_t prio = 1, std::uint32_t dr = 0, std::uint32_t bdr = 0) {
  return {kR2, kA2, prio, dr, bdr};
}
ElectionCandidate r3(std::uint8_t prio = 1, std::uint32_t dr = 0, std::uint32_t bdr = 0) {
  return {kR3, kA3, prio, dr, bdr};
}

InterfaceConfig broadcast(std::uint8_t priority = 1) {
  InterfaceConfig c;
  c.type = NetworkType::Broadcast;
  c.router_id = kR1;
  c.address = kA1;
  c.mask = 0xFFFFFF00;
  c.priority = priority;
  return c;
}

template <class A>
bool has(const std::vector<InterfaceAction>& actions, const A& a) {
  return std::find(actions.begin(), actions.end(), InterfaceAction{a}) != actions.end();
}

template <class A>
bool has_any(const std::vector<InterfaceAction>& actions) {
  return std::any_of(actions.begin(), actions.end(), [](const auto& a) { return std::holds_alternative<A>(a); });
}

}  // namespace

TEST_CASE("ospf election (9.4): table") {
  struct Row {
    const char* name;
    ElectionCandidate self;
    std::vector<ElectionCandidate> neighbors;
    ElectionResult expected;
  };
  const std::vector<Row> rows = {
      {"fresh segment, equal priorities: highest router ID is DR, next BDR", r3(), {r1(), r2()}, {kA3, kA2}},
      {"priority 0 is never elected, even with the highest router ID", r2(), {r1(), r3(0)}, {kA2, kA1}},
      {"highest priority wins over router ID", r1(10), {r2(), r3()}, {kA1, kA3}},
      {"existing DR and BDR kept: no preemption by a higher priority", r3(255),
       {r1(1, kA1, kA2), r2(1, kA1, kA2)}, {kA1, kA2}},
      {"all priority 0: no DR, no BDR", r1(0), {r2(0), r3(0)}, {0, 0}},
      {"the DR is gone: the BDR is promoted and a new BDR elected", r2(1, kA1, kA2), {r3(1, kA1, kA2)},
       {kA2, kA3}},
      {"two routers declare DR: the higher priority keeps it", r3(), {r1(1, kA1, 0), r2(5, kA2, 0)},
       {kA2, kA3}},
      {"alone on the segment: DR, no BDR", r1(), {}, {kA1, 0}},
      {"a priority-0 router alone: nothing", r1(0), {}, {0, 0}},
  };
  for (const Row& row : rows) {
    CAPTURE(row.name);
    CHECK(elect_designated_routers(row.self, row.neighbors) == row.expected);
  }
}

TEST_CASE("ospf interface fsm: point-to-point comes up without a wait timer") {
  InterfaceConfig c = broadcast();
  c.type = NetworkType::PointToPoint;
  InterfaceFsm fsm(c);
  auto out = fsm.step(InterfaceEvent::InterfaceUp);
  CHECK(fsm.state() == InterfaceState::PointToPoint);
  CHECK(has(out, interface_action::SendHello{}));
  CHECK(has(out, interface_action::StartTimer{InterfaceTimer::Hello, 10s}));
  CHECK(has(out, interface_action::OriginateRouterLsa{}));
  CHECK_FALSE(has(out, interface_action::StartTimer{InterfaceTimer::Wait, 40s}));
  out = fsm.step(InterfaceEvent::HelloTimer);
  CHECK(out == std::vector<InterfaceAction>{interface_action::SendHello{},
                                            interface_action::StartTimer{InterfaceTimer::Hello, 10s}});
}

TEST_CASE("ospf interface fsm: broadcast waits a dead interval, then elects itself DR") {
  InterfaceFsm fsm(broadcast());
  auto out = fsm.step(InterfaceEvent::InterfaceUp);
  CHECK(fsm.state() == InterfaceState::Waiting);
  CHECK(has(out, interface_action::StartTimer{InterfaceTimer::Wait, 40s}));
  CHECK(fsm.step(InterfaceEvent::NeighborChange).empty());  // no election while Waiting
  out = fsm.step(InterfaceEvent::WaitTimer);
  CHECK(fsm.state() == InterfaceState::Dr);
  CHECK(fsm.designated_router() == kA1);
  CHECK(fsm.backup_designated_router() == 0);
  CHECK(has(out, interface_action::OriginateNetworkLsa{}));
  CHECK(has(out, interface_action::AdjOkNeighbors{}));
  CHECK(has(out, interface_action::StateChange{InterfaceState::Waiting, InterfaceState::Dr}));
}

TEST_CASE("ospf interface fsm: BackupSeen ends Waiting early; the DR found is kept") {
  InterfaceFsm fsm(broadcast(200));
  fsm.step(InterfaceEvent::InterfaceUp);
  std::vector<ElectionCandidate> nbrs{r2(1, kA3, kA2), r3(1, kA3, kA2)};
  auto out = fsm.step(InterfaceEvent::BackupSeen, nbrs);
  CHECK(has(out, interface_action::StopTimer{InterfaceTimer::Wait}));
  CHECK(fsm.state() == InterfaceState::DrOther);
  CHECK(fsm.designated_router() == kA3);
  CHECK(fsm.backup_designated_router() == kA2);
  CHECK_FALSE(has_any<interface_action::OriginateNetworkLsa>(out));

  // The DR dies: the BDR is promoted; no BDR until it says so in a hello.
  nbrs = {r2(1, kA3, kA2)};
  out = fsm.step(InterfaceEvent::NeighborChange, nbrs);
  CHECK(fsm.designated_router() == kA2);
  CHECK(fsm.backup_designated_router() == 0);
  CHECK(fsm.state() == InterfaceState::DrOther);
  // R2 declares itself DR: we (priority 200) become BDR.
  nbrs = {r2(1, kA2, 0)};
  out = fsm.step(InterfaceEvent::NeighborChange, nbrs);
  CHECK(fsm.designated_router() == kA2);
  CHECK(fsm.backup_designated_router() == kA1);
  CHECK(fsm.state() == InterfaceState::Backup);
  CHECK(has(out, interface_action::AdjOkNeighbors{}));
}

TEST_CASE("ospf interface fsm: priority 0 goes straight to DR Other") {
  InterfaceFsm fsm(broadcast(0));
  auto out = fsm.step(InterfaceEvent::InterfaceUp);
  CHECK(fsm.state() == InterfaceState::DrOther);
  CHECK_FALSE(has(out, interface_action::StartTimer{InterfaceTimer::Wait, 40s}));
}

TEST_CASE("ospf interface fsm: a passive interface never sends a hello") {
  InterfaceConfig c = broadcast();
  c.passive = true;
  InterfaceFsm fsm(c);
  auto out = fsm.step(InterfaceEvent::InterfaceUp);
  CHECK_FALSE(has_any<interface_action::SendHello>(out));
  CHECK_FALSE(has(out, interface_action::StartTimer{InterfaceTimer::Hello, 10s}));
  CHECK(fsm.step(InterfaceEvent::HelloTimer).empty());
  fsm.step(InterfaceEvent::WaitTimer);
  CHECK(fsm.state() == InterfaceState::Dr);
}

TEST_CASE("ospf interface fsm: InterfaceDown from DR flushes the network-LSA and kills the neighbors") {
  InterfaceFsm fsm(broadcast());
  fsm.step(InterfaceEvent::InterfaceUp);
  fsm.step(InterfaceEvent::WaitTimer);
  auto out = fsm.step(InterfaceEvent::InterfaceDown);
  CHECK(fsm.state() == InterfaceState::Down);
  CHECK(fsm.designated_router() == 0);
  CHECK(has(out, interface_action::FlushNetworkLsa{}));
  CHECK(has(out, interface_action::KillNeighbors{}));
  CHECK(has(out, interface_action::StopTimer{InterfaceTimer::Hello}));
  CHECK(has(out, interface_action::OriginateRouterLsa{}));
}

TEST_CASE("ospf interface fsm: LoopInd and UnloopInd") {
  InterfaceFsm fsm(broadcast());
  fsm.step(InterfaceEvent::InterfaceUp);
  auto out = fsm.step(InterfaceEvent::LoopInd);
  CHECK(fsm.state() == InterfaceState::Loopback);
  CHECK(has(out, interface_action::KillNeighbors{}));
  CHECK(fsm.step(InterfaceEvent::InterfaceUp).empty());  // not from Loopback
  fsm.step(InterfaceEvent::UnloopInd);
  CHECK(fsm.state() == InterfaceState::Down);
  fsm.step(InterfaceEvent::InterfaceUp);
  CHECK(fsm.state() == InterfaceState::Waiting);
}
