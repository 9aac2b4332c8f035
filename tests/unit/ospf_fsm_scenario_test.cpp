// Scenarios on a manual clock: OSPF routers built from the interface and
// neighbor FSMs and the Hello processing, exchanging encoded packets on an
// in-memory segment. Timers are the FSMs' own, run by ManualTimerService.
//
//   point-to-point: the seed lab's R1 11.11.11.11 (192.168.13.1) and
//                   R3 33.33.33.33 (192.168.13.3), hello 10 s, dead 40 s;
//   broadcast:      R1, R2 22.22.22.22, R3 on 10.0.123.0/24 (.1, .2, .3).
//
// The harness below is the edge code in miniature: it executes the actions
// the FSMs return and feeds received packets and expired timers back in.
#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/manual_clock.hpp"
#include "ospf/codec/packet.hpp"
#include "ospf/hello.hpp"
#include "ospf/interface_fsm.hpp"
#include "ospf/neighbor_fsm.hpp"

using namespace l3vpn;
using namespace l3vpn::ospf;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t kR1 = 0x0B0B0B0B, kR2 = 0x16161616, kR3 = 0x21212121;

std::string dotted(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." +
         std::to_string((a >> 8) & 0xFF) + "." + std::to_string(a & 0xFF);
}

Lsa router_lsa(std::uint32_t id, std::uint32_t stub) {
  return Lsa{LsaHeader{1, option::E, ls_type::Router, id, id, 0x80000001, 0, 0},
             RouterLsa{0, {RouterLink{stub, 0xFFFFFFFF, RouterLinkType::Stub, 1, {}}}, 0}};
}

class Segment;

class Router {
 public:
  struct Neighbor {
    std::uint32_t address = 0;
    NeighborFsm fsm;
    PreviousHello last{};
  };

  Router(std::string name, InterfaceConfig config, Segment& segment, core::ManualTimerService& timers,
         std::uint32_t dd_sequence)
      : name_(std::move(name)), iface_(config), segment_(segment), timers_(timers), dd_sequence_(dd_sequence) {
    lsdb_.push_back(router_lsa(config.router_id, config.router_id));
    summary_.push_back(lsdb_.back().header);
  }

  void up() { run(iface_.step(InterfaceEvent::InterfaceUp)); }
  void receive(std::uint32_t source, const std::vector<std::uint8_t>& bytes);

  const InterfaceFsm& iface() const { return iface_; }
  std::uint32_t router_id() const { return iface_.config().router_id; }
  NeighborState neighbor_state(std::uint32_t id) const {
    auto it = neighbors_.find(id);
    return it == neighbors_.end() ? NeighborState::Down : it->second.fsm.state();
  }
  const NeighborFsm& neighbor(std::uint32_t id) const { return neighbors_.at(id).fsm; }
  const std::vector<std::string>& log() const { return log_; }
  const std::vector<HelloDropReason>& drops() const { return drops_; }
  const std::vector<DatabaseDescription>& dds_sent() const { return dds_sent_; }
  std::size_t lsdb_size() const { return lsdb_.size(); }
  bool muted = false;  // its packets are lost

 private:
  void run(const std::vector<InterfaceAction>& actions);
  void run(std::uint32_t id, const std::vector<NeighborAction>& actions);
  void send(Packet packet, std::uint32_t to = 0);
  std::vector<ElectionCandidate> candidates() const;
  DatabaseView database() const;
  void install(const Lsa& lsa);
  Neighbor& neighbor_for(std::uint32_t id, std::uint32_t address);

  std::string name_;
  InterfaceFsm iface_;
  Segment& segment_;
  core::ManualTimerService& timers_;
  std::uint32_t dd_sequence_;
  std::map<std::uint32_t, Neighbor> neighbors_;  // by router ID
  std::vector<Lsa> lsdb_;
  std::vector<LsaHeader> summary_;
  std::vector<std::string> log_;
  std::vector<HelloDropReason> drops_;
  std::vector<DatabaseDescription> dds_sent_;
};

// Delivers each packet, in order, at once: to every other router
// (AllSPFRouters, `to` 0) or to the one with router ID `to` (unicast).
class Segment {
 public:
  void attach(Router& r) { routers_.push_back(&r); }
  void send(Router& from, std::uint32_t source, std::uint32_t to, std::vector<std::uint8_t> bytes) {
    if (from.muted) return;
    queue_.push_back({&from, source, to, std::move(bytes)});
    if (draining_) return;
    draining_ = true;
    while (!queue_.empty()) {
      Pending p = std::move(queue_.front());
      queue_.pop_front();
      for (Router* r : routers_)
        if (r != p.from && (p.to == 0 || r->router_id() == p.to)) r->receive(p.source, p.bytes);
    }
    draining_ = false;
  }

 private:
  struct Pending {
    Router* from = nullptr;
    std::uint32_t source = 0;
    std::uint32_t to = 0;
    std::vector<std::uint8_t> bytes;
  };
  std::vector<Router*> routers_;
  std::deque<Pending> queue_;
  bool draining_ = false;
};

std::vector<ElectionCandidate> Router::candidates() const {
  std::vector<ElectionCandidate> out;
  for (const auto& [id, n] : neighbors_)
    if (n.fsm.state() >= NeighborState::TwoWay)
      out.push_back({id, n.address, n.last.priority, n.last.designated_router, n.last.backup_designated_router});
  return out;
}

DatabaseView Router::database() const {
  return DatabaseView{summary_, [this](const LsaHeader& h) {
                        return std::none_of(lsdb_.begin(), lsdb_.end(), [&](const Lsa& l) {
                          return l.header.type == h.type && l.header.link_state_id == h.link_state_id &&
                                 l.header.advertising_router == h.advertising_router &&
                                 l.header.sequence >= h.sequence;
                        });
                      }};
}

void Router::install(const Lsa& lsa) {
  lsdb_.push_back(lsa);
  summary_.clear();
  for (const Lsa& l : lsdb_) summary_.push_back(l.header);
}

void Router::send(Packet packet, std::uint32_t to) {
  packet.header.router_id = iface_.config().router_id;
  packet.header.area_id = iface_.config().area_id;
  segment_.send(*this, iface_.config().address, to, encode_packet(packet));
}

Router::Neighbor& Router::neighbor_for(std::uint32_t id, std::uint32_t address) {
  auto it = neighbors_.find(id);
  if (it != neighbors_.end()) return it->second;
  const InterfaceConfig& c = iface_.config();
  NeighborConfig nc;
  nc.type = c.type;
  nc.router_id = c.router_id;
  nc.address = c.address;
  nc.neighbor_router_id = id;
  nc.neighbor_address = address;
  nc.dead_interval = c.dead_interval;
  nc.retransmit_interval = c.retransmit_interval;
  nc.mtu = c.mtu;
  nc.options = c.options;
  nc.initial_dd_sequence = dd_sequence_;
  return neighbors_.emplace(id, Neighbor{address, NeighborFsm(nc), {}}).first->second;
}

void Router::run(const std::vector<InterfaceAction>& actions) {
  for (auto& [id, n] : neighbors_) n.fsm.set_designated_routers(iface_.designated_router(), iface_.backup_designated_router());
  for (const InterfaceAction& a : actions) {
    if (const auto* s = std::get_if<interface_action::StartTimer>(&a)) {
      InterfaceEvent e = s->timer == InterfaceTimer::Hello ? InterfaceEvent::HelloTimer : InterfaceEvent::WaitTimer;
      std::string timer = name_ + (s->timer == InterfaceTimer::Hello ? ".hello" : ".wait");
      timers_.start(timer, s->after, [this, e] { run(iface_.step(e, candidates())); });
    } else if (const auto* t = std::get_if<interface_action::StopTimer>(&a)) {
      timers_.cancel(name_ + (t->timer == InterfaceTimer::Hello ? ".hello" : ".wait"));
    } else if (const auto* c = std::get_if<interface_action::StateChange>(&a)) {
      log_.push_back(std::string("interface ") + to_string(c->from) + " -> " + to_string(c->to));
    } else if (std::holds_alternative<interface_action::SendHello>(a)) {
      std::vector<std::uint32_t> heard;
      for (const auto& [id, n] : neighbors_)
        if (n.fsm.state() >= NeighborState::Init) heard.push_back(id);
      send(Packet{{}, build_hello(iface_.config(), iface_.designated_router(), iface_.backup_designated_router(), heard)});
    } else if (std::holds_alternative<interface_action::AdjOkNeighbors>(a)) {
      for (auto& [id, n] : neighbors_)
        if (n.fsm.state() >= NeighborState::TwoWay) run(id, n.fsm.step(NeighborEvent::AdjOK));
    } else if (std::holds_alternative<interface_action::KillNeighbors>(a)) {
      for (auto& [id, n] : neighbors_) run(id, n.fsm.step(NeighborEvent::KillNbr));
    }
  }
}

void Router::run(std::uint32_t id, const std::vector<NeighborAction>& actions) {
  const std::string prefix = name_ + ".nbr." + dotted(id);
  for (const NeighborAction& a : actions) {
    if (const auto* s = std::get_if<neighbor_action::StartTimer>(&a)) {
      if (s->timer == NeighborTimer::Inactivity)
        timers_.start(prefix + ".inactivity", s->after,
                      [this, id] { run(id, neighbors_.at(id).fsm.step(NeighborEvent::InactivityTimer)); });
      else
        timers_.start(prefix + ".rxmt", s->after, [this, id] { run(id, neighbors_.at(id).fsm.retransmit()); });
    } else if (const auto* t = std::get_if<neighbor_action::StopTimer>(&a)) {
      timers_.cancel(prefix + (t->timer == NeighborTimer::Inactivity ? ".inactivity" : ".rxmt"));
    } else if (const auto* c = std::get_if<neighbor_action::StateChange>(&a)) {
      log_.push_back(dotted(id) + " " + to_string(c->from) + " -> " + to_string(c->to));
    } else if (const auto* d = std::get_if<neighbor_action::SendDd>(&a)) {
      dds_sent_.push_back(d->dd);
      send(Packet{{}, d->dd}, id);
    } else if (const auto* r = std::get_if<neighbor_action::SendLsRequest>(&a)) {
      send(Packet{{}, r->request}, id);
    } else if (std::holds_alternative<neighbor_action::AdjacencyUp>(a)) {
      log_.push_back(dotted(id) + " adjacency up");
    } else if (const auto* down = std::get_if<neighbor_action::AdjacencyDown>(&a)) {
      log_.push_back(dotted(id) + " adjacency down: " + down->reason);
    } else if (std::holds_alternative<neighbor_action::InterfaceNeighborChange>(a)) {
      run(iface_.step(InterfaceEvent::NeighborChange, candidates()));
    }
  }
}

void Router::receive(std::uint32_t source, const std::vector<std::uint8_t>& bytes) {
  if (iface_.state() == InterfaceState::Down) return;
  auto decoded = decode_packet(bytes);
  REQUIRE_FALSE(dropped(decoded));
  const Packet& p = std::get<Packet>(decoded);
  const std::uint32_t id = p.header.router_id;

  if (const auto* hello = std::get_if<Hello>(&p.body)) {
    auto known = neighbors_.find(id);
    std::optional<PreviousHello> previous;
    if (known != neighbors_.end()) previous = known->second.last;
    HelloResult result = process_hello(iface_.config(), iface_.state(), *hello, source, id, previous);
    if (const auto* drop = std::get_if<HelloDropReason>(&result)) {
      drops_.push_back(*drop);
      return;
    }
    const HelloOutcome& o = std::get<HelloOutcome>(result);
    Neighbor& n = neighbor_for(id, source);
    n.last = PreviousHello{o.priority, o.designated_router, o.backup_designated_router};
    n.fsm.set_designated_routers(iface_.designated_router(), iface_.backup_designated_router());
    for (NeighborEvent e : o.neighbor_events) run(id, n.fsm.step(e));
    for (InterfaceEvent e : o.interface_events) run(iface_.step(e, candidates()));
    return;
  }
  auto it = neighbors_.find(id);
  if (it == neighbors_.end()) return;
  NeighborFsm& fsm = it->second.fsm;
  if (const auto* dd = std::get_if<DatabaseDescription>(&p.body)) {
    run(id, fsm.receive_dd(*dd, database()));
  } else if (const auto* req = std::get_if<LinkStateRequest>(&p.body)) {
    LinkStateUpdate update;
    for (const LsRequest& r : req->requests)
      for (const Lsa& l : lsdb_)
        if (l.header.type == r.ls_type && l.header.link_state_id == r.link_state_id &&
            l.header.advertising_router == r.advertising_router)
          update.lsas.push_back(l);
    send(Packet{{}, update}, id);
  } else if (const auto* update = std::get_if<LinkStateUpdate>(&p.body)) {
    for (const Lsa& l : update->lsas) {
      if (database().needs(l.header)) install(l);
      run(id, fsm.receive_lsa(l.header));
    }
  }
}

struct Lab {
  core::ManualClock clock;
  core::ManualTimerService timers{clock};
  Segment segment;
  std::vector<std::unique_ptr<Router>> routers;

  Router& add(std::string name, InterfaceConfig c, std::uint32_t dd_sequence) {
    routers.push_back(std::make_unique<Router>(std::move(name), c, segment, timers, dd_sequence));
    segment.attach(*routers.back());
    return *routers.back();
  }
};

InterfaceConfig p2p(std::uint32_t id, std::uint32_t address) {
  InterfaceConfig c;
  c.type = NetworkType::PointToPoint;
  c.router_id = id;
  c.address = address;
  c.mask = 0xFFFFFF00;
  return c;
}

InterfaceConfig lan(std::uint32_t id, std::uint8_t host, std::uint8_t priority = 1) {
  InterfaceConfig c;
  c.type = NetworkType::Broadcast;
  c.router_id = id;
  c.address = 0x0A007B00u | host;
  c.mask = 0xFFFFFF00;
  c.priority = priority;
  return c;
}

bool logged(const Router& r, const std::string& line) {
  return std::find(r.log().begin(), r.log().end(), line) != r.log().end();
}

}  // namespace

TEST_CASE("ospf scenario: R1 - R3 point-to-point adjacency, R3 master, Down to Full") {
  Lab lab;
  Router& r1 = lab.add("R1", p2p(kR1, 0xC0A80D01), 0x100);
  Router& r3 = lab.add("R3", p2p(kR3, 0xC0A80D03), 0x5000);
  r1.up();
  r3.up();
  // R1's first hello went out before R3's interface was up; R3's reached R1.
  CHECK(r1.neighbor_state(kR3) == NeighborState::Init);
  CHECK(r3.neighbor_state(kR1) == NeighborState::Down);

  // 10 s: the hellos now list each other; the DD exchange runs to the end.
  lab.timers.advance(10s);
  CHECK(r1.neighbor_state(kR3) == NeighborState::Full);
  CHECK(r3.neighbor_state(kR1) == NeighborState::Full);
  CHECK(r1.log() == std::vector<std::string>{
                        "interface Down -> Point-to-point",
                        "33.33.33.33 Down -> Init",
                        "33.33.33.33 Init -> ExStart",
                        "33.33.33.33 ExStart -> Exchange",
                        "33.33.33.33 Exchange -> Loading",
                        "33.33.33.33 Loading -> Full",
                        "33.33.33.33 adjacency up",
                    });
  CHECK(r3.neighbor(kR1).is_master());
  CHECK_FALSE(r1.neighbor(kR3).is_master());
  // R3's first DD: I, M, MS with its sequence number; R1 answered it with
  // that number as slave and has followed R3's numbering since.
  REQUIRE_FALSE(r3.dds_sent().empty());
  CHECK(r3.dds_sent().front().flags == (dd_flag::I | dd_flag::M | dd_flag::MS));
  CHECK(r3.dds_sent().front().dd_sequence == 0x5000);
  auto slave_answer = std::find_if(r1.dds_sent().begin(), r1.dds_sent().end(),
                                   [](const DatabaseDescription& d) { return (d.flags & dd_flag::I) == 0; });
  REQUIRE(slave_answer != r1.dds_sent().end());
  CHECK(slave_answer->dd_sequence == 0x5000);
  CHECK((slave_answer->flags & dd_flag::MS) == 0);
  CHECK(r1.dds_sent().back().dd_sequence == r3.dds_sent().back().dd_sequence);
  // Each has the other's router-LSA.
  CHECK(r1.lsdb_size() == 2);
  CHECK(r3.lsdb_size() == 2);

  // Hellos keep it up.
  lab.timers.advance(5min);
  CHECK(r1.neighbor_state(kR3) == NeighborState::Full);
}

TEST_CASE("ospf scenario: 40 s without R3's hellos take R1's neighbor Down") {
  Lab lab;
  Router& r1 = lab.add("R1", p2p(kR1, 0xC0A80D01), 0x100);
  Router& r3 = lab.add("R3", p2p(kR3, 0xC0A80D03), 0x5000);
  r1.up();
  r3.up();
  lab.timers.advance(10s);  // R3's last hello arrives at 10 s
  REQUIRE(r1.neighbor_state(kR3) == NeighborState::Full);
  r3.muted = true;
  lab.timers.advance(39s);
  CHECK(r1.neighbor_state(kR3) == NeighborState::Full);
  lab.timers.advance(1s);  // 40 s after the last hello
  CHECK(r1.neighbor_state(kR3) == NeighborState::Down);
  CHECK(logged(r1, "33.33.33.33 adjacency down: InactivityTimer"));
  CHECK(logged(r1, "33.33.33.33 Full -> Down"));
  // R1's hellos no longer list R3: R3 falls back to Init.
  lab.timers.advance(10s);
  CHECK(r3.neighbor_state(kR1) == NeighborState::Init);
  // R3 speaks again: back to Full.
  r3.muted = false;
  lab.timers.advance(20s);
  CHECK(r1.neighbor_state(kR3) == NeighborState::Full);
  CHECK(r3.neighbor_state(kR1) == NeighborState::Full);
}

TEST_CASE("ospf scenario: a hello interval mismatch is dropped and no neighbor forms") {
  Lab lab;
  InterfaceConfig r3_config = p2p(kR3, 0xC0A80D03);
  r3_config.hello_interval = 5;
  Router& r1 = lab.add("R1", p2p(kR1, 0xC0A80D01), 0x100);
  Router& r3 = lab.add("R3", r3_config, 0x5000);
  r1.up();
  r3.up();
  lab.timers.advance(1min);
  CHECK(r1.neighbor_state(kR3) == NeighborState::Down);
  CHECK(r3.neighbor_state(kR1) == NeighborState::Down);
  REQUIRE_FALSE(r1.drops().empty());
  CHECK(std::all_of(r1.drops().begin(), r1.drops().end(),
                    [](HelloDropReason d) { return d == HelloDropReason::HelloIntervalMismatch; }));
  CHECK(r3.drops().front() == HelloDropReason::HelloIntervalMismatch);
}

TEST_CASE("ospf scenario: three routers on a broadcast segment elect R3 DR, R2 BDR; no preemption") {
  Lab lab;
  Router& r2 = lab.add("R2", lan(kR2, 2), 0x2000);
  Router& r3 = lab.add("R3", lan(kR3, 3), 0x3000);
  r2.up();
  r3.up();
  CHECK(r2.iface().state() == InterfaceState::Waiting);
  lab.timers.advance(40s);  // the wait timers
  CHECK(r3.iface().state() == InterfaceState::Dr);
  CHECK(r2.iface().state() == InterfaceState::Backup);
  CHECK(r2.iface().designated_router() == 0x0A007B03);
  CHECK(r2.iface().backup_designated_router() == 0x0A007B02);
  // While no DR was known they stayed in 2-Way; the election's AdjOK? started the adjacency.
  CHECK(logged(r2, "33.33.33.33 Init -> 2-Way"));
  CHECK(logged(r2, "33.33.33.33 2-Way -> ExStart"));
  lab.timers.advance(20s);
  CHECK(r2.neighbor_state(kR3) == NeighborState::Full);

  // R1 arrives with priority 200: it learns the DR and BDR from their hellos
  // (BackupSeen) and takes neither role.
  Router& r1 = lab.add("R1", lan(kR1, 1, 200), 0x1000);
  r1.up();
  lab.timers.advance(30s);
  CHECK(r1.iface().state() == InterfaceState::DrOther);
  CHECK(r1.iface().designated_router() == 0x0A007B03);
  CHECK(r1.iface().backup_designated_router() == 0x0A007B02);
  CHECK(r3.iface().state() == InterfaceState::Dr);
  // A DR Other is adjacent to the DR and the BDR.
  CHECK(r1.neighbor_state(kR3) == NeighborState::Full);
  CHECK(r1.neighbor_state(kR2) == NeighborState::Full);

  // The DR goes silent: after the dead interval R2 is promoted and R1 (priority 200) is BDR.
  r3.muted = true;
  lab.timers.advance(60s);
  CHECK(r2.iface().state() == InterfaceState::Dr);
  CHECK(r1.iface().state() == InterfaceState::Backup);
  CHECK(r1.iface().designated_router() == 0x0A007B02);
  CHECK(r1.neighbor_state(kR2) == NeighborState::Full);
  CHECK(r1.neighbor_state(kR3) == NeighborState::Down);
}
