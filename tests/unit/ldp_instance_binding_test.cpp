// Label bindings between LDP instances on the line PE1 - P1 - P2 - PE2
// (sim::LdpLine; loopbacks 1.1.1.1 to 4.4.4.4), with the IGP routes OSPF
// would compute there given to each router.
//
// Downstream unsolicited, liberal retention: every router holds both
// neighbors' labels for every loopback; the forwarding entries follow the IGP
// next hop; the egress advertises implicit null so the penultimate hop pops.
// A link failure takes the session and its bindings away; the IGP change
// that follows withdraws labels, and the withdrawn labels are released.
#include <doctest/doctest.h>

#include <algorithm>

#include "sim/ldp_line.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t kPE1 = 0x01010101, kP1 = 0x02020202, kP2 = 0x03030303, kPE2 = 0x04040404;
const ldp::LdpId idPE1{kPE1, 0}, idP1{kP1, 0}, idP2{kP2, 0}, idPE2{kPE2, 0};

ldp::Fec loopback(std::uint32_t lsr) { return ldp::Fec::of(lsr, 32); }

struct Line {
  sim::LdpLine lab{options()};
  static sim::LdpLineOptions options() {
    sim::LdpLineOptions o;
    o.names = {"PE1", "P1", "P2", "PE2"};
    return o;
  }
  Line() {
    lab.install_igp();
    lab.start();
    lab.network.advance(1s);
  }
  const ldp::Lib& lib(const char* name) { return lab[name].instance().lib(); }
};

std::size_t count_sent(const sim::LdpNode& node, std::uint32_t to, ldp::MessageType type, const ldp::Fec& fec) {
  return static_cast<std::size_t>(std::count_if(node.trace().begin(), node.trace().end(), [&](const sim::LdpTraceEntry& e) {
    const auto* m = std::get_if<ldp::LabelMessage>(&e.message);
    return e.sent && e.peer == to && m && m->type == type && !m->fec.empty() &&
           m->fec.front() == ldp::FecElement{fec.element()};
  }));
}

}  // namespace

TEST_CASE("bindings: a local label per remote loopback, both neighbors' labels kept, implicit null for one's own") {
  Line line;
  const std::uint32_t all[] = {kPE1, kP1, kP2, kPE2};
  for (const char* name : {"PE1", "P1", "P2", "PE2"}) {
    CAPTURE(name);
    const std::uint32_t self = line.lab[name].instance().config().local.lsr_id;
    for (std::uint32_t lsr : all) {
      CAPTURE(lsr);
      auto local = line.lib(name).local_label(loopback(lsr));
      REQUIRE(local);
      if (lsr == self) CHECK(*local == ldp::kImplicitNullLabel);
      else CHECK(*local >= 16);  // from the allocator, never a reserved label
    }
  }
  // P1 keeps PE1's and P2's labels for every loopback but its own, whichever is the next hop.
  for (std::uint32_t lsr : {kPE1, kP2, kPE2}) {
    CAPTURE(lsr);
    const auto remote = line.lib("P1").remote_labels(loopback(lsr));
    REQUIRE(remote.size() == 2);
    CHECK(remote.at(idPE1) == *line.lib("PE1").local_label(loopback(lsr)));
    CHECK(remote.at(idP2) == *line.lib("P2").local_label(loopback(lsr)));
  }
  // Each neighbor advertised implicit null for its own loopback.
  CHECK(line.lib("P1").remote_label(loopback(kPE1), idPE1) == ldp::kImplicitNullLabel);
  CHECK(line.lib("P1").remote_label(loopback(kP2), idP2) == ldp::kImplicitNullLabel);
  CHECK(line.lib("P2").remote_label(loopback(kPE2), idPE2) == ldp::kImplicitNullLabel);
}

TEST_CASE("the LSP to PE2's loopback: PE1 pushes P1's label, P1 swaps to P2's, P2 pops") {
  Line line;
  const ldp::Fec pe2 = loopback(kPE2);

  auto at_pe1 = line.lab["PE1"].lfib().find(pe2);
  REQUIRE(at_pe1 != line.lab["PE1"].lfib().end());
  CHECK(at_pe1->second.out_label == *line.lib("P1").local_label(pe2));
  CHECK(at_pe1->second.peer == idP1);
  CHECK(at_pe1->second.next_hop == 0x0A000102);  // P1's 10.0.1.2
  CHECK(at_pe1->second.interface == "Gi0/1");

  auto at_p1 = line.lab["P1"].lfib().find(pe2);
  REQUIRE(at_p1 != line.lab["P1"].lfib().end());
  CHECK(at_p1->second.in_label == *line.lib("P1").local_label(pe2));
  CHECK(at_p1->second.out_label == *line.lib("P2").local_label(pe2));
  CHECK(!at_p1->second.pop());

  auto at_p2 = line.lab["P2"].lfib().find(pe2);
  REQUIRE(at_p2 != line.lab["P2"].lfib().end());
  CHECK(at_p2->second.in_label == *line.lib("P2").local_label(pe2));
  CHECK(at_p2->second.pop());  // PHP: PE2 advertised implicit null
  CHECK(at_p2->second.peer == idPE2);

  // PE2 has no entry for itself; every router has one for each other loopback.
  CHECK(!line.lab["PE2"].lfib().contains(pe2));
  for (const char* name : {"PE1", "P1", "P2", "PE2"}) CHECK(line.lab[name].lfib().size() == 3);
  // The edge's LFIB copy and the LIB's agree.
  CHECK(line.lab["P1"].lfib() == line.lib("P1").lfib());
}

TEST_CASE("P1-P2 fails: hello hold expiry drops the session and its bindings; the IGP change withdraws, the peer releases") {
  Line line;
  for (const char* name : {"PE1", "P1", "P2", "PE2"}) line.lab[name].set_trace(true);
  const ldp::Fec p2 = loopback(kP2), pe2 = loopback(kPE2);
  REQUIRE(line.lib("PE1").advertised_to(idP1).contains(pe2));
  REQUIRE(line.lib("P1").advertised_to(idPE1).contains(pe2));

  line.lab.network.set_link_up(line.lab.link(1), false);  // P1 - P2
  line.lab.network.advance(14s);
  CHECK(line.lab["P1"].instance().sessions().size() == 2);  // Hellos not missed for long enough yet
  CHECK(line.lab["P1"].lfib().contains(pe2));
  line.lab.network.advance(2s);  // t = 17 s: the 15 s hello hold time has run out

  // P1's session to P2 is gone, and with it P2's labels and the entries using them.
  auto sessions = line.lab["P1"].instance().sessions();
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].peer == idPE1);
  CHECK(line.lib("P1").remote_labels(pe2).size() == 1);  // PE1's only
  CHECK(!line.lib("P1").remote_label(pe2, idP2));
  CHECK(!line.lab["P1"].lfib().contains(pe2));
  CHECK(!line.lab["P1"].lfib().contains(p2));
  CHECK(line.lab["P1"].lfib().contains(loopback(kPE1)));  // the other side is untouched
  CHECK(!line.lab["P2"].lfib().contains(loopback(kPE1)));
  CHECK(std::any_of(line.lab["P1"].log().begin(), line.lab["P1"].log().end(),
                    [](const std::string& l) { return l.find("LDP Neighbor 3.3.3.3:0 (2) is DOWN") != std::string::npos; }));

  // OSPF reconverges: P1 and PE1 no longer reach P2 and PE2.
  auto without_far_side = [&](std::size_t index) {
    auto routes = line.lab.igp_routes(index);
    std::erase_if(routes, [&](const ldp::IgpRoute& r) { return r.fec == p2 || r.fec == pe2; });
    return routes;
  };
  line.lab["P1"].set_igp_routes(without_far_side(1));
  line.lab["PE1"].set_igp_routes(without_far_side(0));
  line.lab.network.advance(1s);

  // P1 withdrew its labels for them from PE1, PE1 released them, P1 forgot it had advertised them.
  CHECK(count_sent(line.lab["P1"], kPE1, ldp::MessageType::LabelWithdraw, pe2) == 1);
  CHECK(count_sent(line.lab["PE1"], kP1, ldp::MessageType::LabelRelease, pe2) == 1);
  CHECK(!line.lib("P1").advertised_to(idPE1).contains(pe2));
  CHECK(!line.lib("P1").local_label(pe2));
  CHECK(!line.lib("PE1").remote_label(pe2, idP1));
  CHECK(!line.lab["PE1"].lfib().contains(pe2));
  CHECK(line.lab["PE1"].lfib().size() == 1);  // P1's loopback only
}
