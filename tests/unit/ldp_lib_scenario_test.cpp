// The LIB (RFC 5036 section 2.6: downstream unsolicited, independent
// control, liberal retention) on the seed lab, four LIBs wired together:
//
//                 R1 (P, 1.1.1.1)
//        Gi0/2 /        | Gi0/3      \ Gi0/4
//   192.168.12.0/24  192.168.13.0/24  192.168.14.0/24
//        Gi0/0 /        | Gi0/0        \ Gi0/0
//   R2 (2.2.2.2)     R3 (3.3.3.3)     R4 (4.4.4.4)
//
// Every router gets the IGP routes to the four loopbacks; each has its own
// label allocator from 16.
#include <doctest/doctest.h>

#include <deque>
#include <map>
#include <memory>

#include "ldp/lib.hpp"

using namespace l3vpn::ldp;

namespace {

constexpr std::uint32_t kR1 = 0x01010101;
constexpr std::uint32_t kR2 = 0x02020202;
constexpr std::uint32_t kR3 = 0x03030303;
constexpr std::uint32_t kR4 = 0x04040404;
constexpr std::uint32_t ip(int a, int b, int c, int d) {
  return static_cast<std::uint32_t>(a << 24 | b << 16 | c << 8 | d);
}

LdpId id(std::uint32_t lsr) { return LdpId{lsr, 0}; }
Fec loopback(std::uint32_t lsr) { return Fec::of(lsr, 32); }

IgpRoute via(std::uint32_t lsr, std::uint32_t next_hop, const char* interface) {
  IgpRoute r;
  r.fec = loopback(lsr);
  r.next_hop = next_hop;
  r.interface = interface;
  return r;
}

IgpRoute own(std::uint32_t lsr) {
  IgpRoute r;
  r.fec = loopback(lsr);
  r.local = true;
  return r;
}

struct Router {
  l3vpn::vpn::LabelAllocator labels{16, 100000};
  Lib lib;
  std::vector<LfibChange> lfib_log;
  Router(std::vector<std::uint32_t> addresses) : lib(labels, std::move(addresses)) {}
};

// The four LIBs, a message queue between them, and a log of what went where.
struct Lab {
  std::map<std::uint32_t, std::unique_ptr<Router>> routers;
  struct InFlight {
    std::uint32_t from;
    std::uint32_t to;
    Message message;
  };
  std::deque<InFlight> queue;
  l3vpn::core::TimePoint now{};  // the allocators' hold-downs count from it
  std::vector<InFlight> sent;

  Lab() {
    routers[kR1] = std::make_unique<Router>(
        std::vector<std::uint32_t>{kR1, ip(192, 168, 12, 1), ip(192, 168, 13, 1), ip(192, 168, 14, 1)});
    routers[kR2] = std::make_unique<Router>(std::vector<std::uint32_t>{kR2, ip(192, 168, 12, 2)});
    routers[kR3] = std::make_unique<Router>(std::vector<std::uint32_t>{kR3, ip(192, 168, 13, 3)});
    routers[kR4] = std::make_unique<Router>(std::vector<std::uint32_t>{kR4, ip(192, 168, 14, 4)});
  }
  Lib& lib(std::uint32_t r) { return routers.at(r)->lib; }

  void take(std::uint32_t from, const LibOutput& out) {
    for (const auto& m : out.messages) queue.push_back(InFlight{from, m.peer.lsr_id, m.message});
    auto& log = routers.at(from)->lfib_log;
    log.insert(log.end(), out.lfib.begin(), out.lfib.end());
  }
  void deliver() {
    while (!queue.empty()) {
      InFlight f = queue.front();
      queue.pop_front();
      sent.push_back(f);
      Lib& to = lib(f.to);
      if (const auto* a = std::get_if<AddressMessage>(&f.message)) {
        take(f.to, to.address_received(id(f.from), *a));
      } else if (const auto* l = std::get_if<LabelMessage>(&f.message)) {
        switch (l->type) {
          case MessageType::LabelMapping: take(f.to, to.label_mapping_received(id(f.from), *l)); break;
          case MessageType::LabelWithdraw: take(f.to, to.label_withdraw_received(id(f.from), *l)); break;
          case MessageType::LabelRelease: take(f.to, to.label_release_received(id(f.from), *l)); break;
          default: break;
        }
      }
    }
  }
  void igp(std::uint32_t r, const IgpRoute& route) { take(r, lib(r).fec_updated(route, now)); }
  void session_up(std::uint32_t a, std::uint32_t b) {
    take(a, lib(a).session_up(id(b)));
    take(b, lib(b).session_up(id(a)));
  }
  std::vector<InFlight> sent_of(MessageType type, std::uint32_t from, const Fec& fec) const {
    std::vector<InFlight> out;
    for (const auto& f : sent)
      if (const auto* l = std::get_if<LabelMessage>(&f.message))
        if (l->type == type && f.from == from && !l->fec.empty() &&
            l->fec[0] == FecElement{fec.element()})
          out.push_back(f);
    return out;
  }

  // The seed lab converged: IGP everywhere, then the three sessions.
  void converge() {
    igp(kR1, own(kR1));
    igp(kR1, via(kR2, ip(192, 168, 12, 2), "Gi0/2"));
    igp(kR1, via(kR3, ip(192, 168, 13, 3), "Gi0/3"));
    igp(kR1, via(kR4, ip(192, 168, 14, 4), "Gi0/4"));
    for (std::uint32_t pe : {kR2, kR3, kR4}) {
      const std::uint32_t r1_side = ip(192, 168, static_cast<int>(10 + (pe & 0xFF)), 1);
      for (std::uint32_t lsr : {kR1, kR2, kR3, kR4}) {
        if (lsr == pe) igp(pe, own(pe));
        else igp(pe, via(lsr, r1_side, "Gi0/0"));
      }
    }
    session_up(kR1, kR2);
    session_up(kR1, kR3);
    session_up(kR1, kR4);
    deliver();
  }
};

}  // namespace

TEST_CASE("ldp lib: local labels, implicit null for the router's own loopback") {
  Lab lab;
  lab.converge();
  CHECK(lab.lib(kR1).local_label(loopback(kR1)) == kImplicitNullLabel);
  CHECK(lab.lib(kR1).local_label(loopback(kR2)) == 16u);
  CHECK(lab.lib(kR1).local_label(loopback(kR3)) == 17u);
  CHECK(lab.lib(kR1).local_label(loopback(kR4)) == 18u);
  CHECK(lab.routers.at(kR1)->labels.find("ldp:3.3.3.3/32") == 17u);
  CHECK(lab.lib(kR3).local_label(loopback(kR3)) == kImplicitNullLabel);
  CHECK_FALSE(lab.lib(kR1).forwarding(loopback(kR1)));  // nothing to swap: packets arrive unlabelled
}

TEST_CASE("ldp lib: R1 learns R3's implicit null for 3.3.3.3/32 and pops toward R3") {
  Lab lab;
  lab.converge();
  CHECK(lab.lib(kR1).remote_label(loopback(kR3), id(kR3)) == kImplicitNullLabel);
  auto e = lab.lib(kR1).forwarding(loopback(kR3));
  REQUIRE(e);
  CHECK(e->in_label == 17u);
  CHECK(e->out_label == kImplicitNullLabel);
  CHECK(e->pop());
  CHECK(e->next_hop == ip(192, 168, 13, 3));
  CHECK(e->interface == "Gi0/3");
  CHECK(e->peer == id(kR3));

  // R1 advertised its label 17 for 3.3.3.3/32 to R2 and R4 (and R3: no split horizon in DU).
  auto mappings = lab.sent_of(MessageType::LabelMapping, kR1, loopback(kR3));
  std::set<std::uint32_t> to;
  for (const auto& f : mappings) {
    to.insert(f.to);
    CHECK(std::get<LabelMessage>(f.message).label == 17u);
  }
  CHECK(to == std::set<std::uint32_t>{kR2, kR3, kR4});
}

TEST_CASE("ldp lib: R2, the ingress PE, pushes R1's label toward 3.3.3.3") {
  Lab lab;
  lab.converge();
  CHECK(lab.lib(kR2).remote_label(loopback(kR3), id(kR1)) == 17u);
  auto e = lab.lib(kR2).forwarding(loopback(kR3));
  REQUIRE(e);
  CHECK(e->in_label == lab.lib(kR2).local_label(loopback(kR3)));  // swap 2's label -> 17
  CHECK(e->out_label == 17u);                                        // push 17 at ingress
  CHECK_FALSE(e->pop());
  CHECK(e->next_hop == ip(192, 168, 12, 1));
  CHECK(e->interface == "Gi0/0");
  // Toward R1's own loopback R2 pops (R1 announced implicit null).
  auto to_r1 = lab.lib(kR2).forwarding(loopback(kR1));
  REQUIRE(to_r1);
  CHECK(to_r1->pop());
}

TEST_CASE("ldp lib: a withdraw is answered by a release, and the LFIB entries go") {
  Lab lab;
  lab.converge();
  REQUIRE(lab.lib(kR2).forwarding(loopback(kR4)));
  CHECK(lab.lib(kR1).advertised_to(id(kR2)).contains(loopback(kR4)));
  lab.routers.at(kR2)->lfib_log.clear();

  // 4.4.4.4/32 leaves R1's IGP.
  lab.take(kR1, lab.lib(kR1).fec_removed(loopback(kR4), lab.now));
  lab.deliver();
  auto withdraws = lab.sent_of(MessageType::LabelWithdraw, kR1, loopback(kR4));
  CHECK(withdraws.size() == 3);
  for (std::uint32_t pe : {kR2, kR3, kR4}) {
    CAPTURE(pe);
    auto releases = lab.sent_of(MessageType::LabelRelease, pe, loopback(kR4));
    REQUIRE(releases.size() == 1);
    CHECK(releases[0].to == kR1);
    CHECK(std::get<LabelMessage>(releases[0].message).label == 18u);
    CHECK_FALSE(lab.lib(kR1).advertised_to(id(pe)).contains(loopback(kR4)));
    CHECK_FALSE(lab.lib(pe).remote_label(loopback(kR4), id(kR1)));
  }
  CHECK_FALSE(lab.lib(kR1).local_label(loopback(kR4)));
  CHECK_FALSE(lab.routers.at(kR1)->labels.find("ldp:4.4.4.4/32"));
  CHECK_FALSE(lab.lib(kR1).forwarding(loopback(kR4)));
  // R2 lost its outgoing label for 4.4.4.4: its LFIB entry is removed.
  REQUIRE(lab.routers.at(kR2)->lfib_log.size() == 1);
  CHECK(lab.routers.at(kR2)->lfib_log[0].kind == LfibChange::Kind::Remove);
  CHECK(lab.routers.at(kR2)->lfib_log[0].entry.fec == loopback(kR4));
  CHECK_FALSE(lab.lib(kR2).forwarding(loopback(kR4)));
}

TEST_CASE("ldp lib: liberal retention keeps R2's label and uses it when the next hop moves to R2") {
  Lab lab;
  lab.converge();
  // R1 holds labels for 4.4.4.4/32 from R4 (the next hop) and from R2 (not).
  const auto r2_label = lab.lib(kR2).local_label(loopback(kR4));
  REQUIRE(r2_label);
  CHECK(lab.lib(kR1).remote_label(loopback(kR4), id(kR2)) == r2_label);
  CHECK(lab.lib(kR1).remote_labels(loopback(kR4)).size() == 3);
  CHECK(lab.lib(kR1).forwarding(loopback(kR4))->peer == id(kR4));

  // The IGP now reaches 4.4.4.4 through R2.
  lab.routers.at(kR1)->lfib_log.clear();
  lab.igp(kR1, via(kR4, ip(192, 168, 12, 2), "Gi0/2"));
  CHECK(lab.queue.empty());  // the local label stays: nothing to re-advertise
  auto& log = lab.routers.at(kR1)->lfib_log;
  REQUIRE(log.size() == 1);
  CHECK(log[0].kind == LfibChange::Kind::Install);
  CHECK(log[0].entry.in_label == 18u);
  CHECK(log[0].entry.out_label == *r2_label);
  CHECK(log[0].entry.next_hop == ip(192, 168, 12, 2));
  CHECK(log[0].entry.interface == "Gi0/2");
  CHECK(log[0].entry.peer == id(kR2));
}

TEST_CASE("ldp lib: a session going down forgets the peer's labels and its LFIB entries") {
  Lab lab;
  lab.converge();
  lab.routers.at(kR1)->lfib_log.clear();
  lab.take(kR1, lab.lib(kR1).session_down(id(kR3)));
  CHECK(lab.lib(kR1).remote_labels(loopback(kR3)).count(id(kR3)) == 0);
  CHECK_FALSE(lab.lib(kR1).forwarding(loopback(kR3)));
  auto& log = lab.routers.at(kR1)->lfib_log;
  REQUIRE(log.size() == 1);
  CHECK(log[0].kind == LfibChange::Kind::Remove);
  CHECK(log[0].entry.fec == loopback(kR3));
  // The local label for 3.3.3.3/32 stays (independent control) for the other peers.
  CHECK(lab.lib(kR1).local_label(loopback(kR3)) == 17u);
}
