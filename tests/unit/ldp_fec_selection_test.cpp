// Which IGP prefixes get LDP bindings ("mpls ldp label" / " allocate global
// ..."), on the line R1 - R2 - R3 (sim::LdpLine, loopbacks 1.1.1.1 to
// 3.3.3.3) where R3 also has the connected subnet 172.16.3.0/24 that OSPF
// carries to R1 and R2:
//
//   R1 (1.1.1.1) --- R2 (2.2.2.2) --- R3 (3.3.3.3) --- 172.16.3.0/24
//
// By default (host routes) only the loopbacks are FECs. With a prefix-list
// permitting the /24 and the loopbacks, R3 advertises implicit null for its
// connected /24 and the LSP R1 -> R2 -> R3 is built for it. Changing the
// prefix-list on a router withdraws the /24's label from its peers and
// removes the LFIB entries, sessions staying up.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "config/parser.hpp"
#include "ldp/fec_selection.hpp"
#include "sim/ldp_line.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t kR1 = 0x01010101, kR2 = 0x02020202, kR3 = 0x03030303;
const ldp::LdpId idR1{kR1, 0}, idR2{kR2, 0}, idR3{kR3, 0};
const ldp::Fec kConnected = ldp::Fec::of(0xAC100300, 24);  // 172.16.3.0/24, on R3

// The selection a config's "mpls ldp label" lines give.
ldp::FecSelection selection(const std::string& text) {
  auto parsed = config::parse_config(text, "test.cfg");
  REQUIRE(parsed.errors.empty());
  return ldp::FecSelection::from_config(parsed.config);
}

const std::string kLoopbacksAndSubnet =
    "ip prefix-list LDP-FECS seq 5 permit 172.16.3.0/24\n"
    "ip prefix-list LDP-FECS seq 10 permit 0.0.0.0/0 ge 32\n"
    "mpls ldp label\n"
    " allocate global prefix-list LDP-FECS\n";
const std::string kLoopbacksOnly =
    "ip prefix-list LDP-FECS seq 10 permit 0.0.0.0/0 ge 32\n"
    "mpls ldp label\n"
    " allocate global prefix-list LDP-FECS\n";

struct Line {
  sim::LdpLine lab{options()};
  static sim::LdpLineOptions options() {
    sim::LdpLineOptions o;
    o.names = {"R1", "R2", "R3"};
    return o;
  }
  // `config` on every router before the sessions come up (empty: the default).
  explicit Line(const std::string& config = "") {
    if (!config.empty())
      for (const char* name : {"R1", "R2", "R3"}) lab[name].set_fec_selection(selection(config));
    lab.install_igp({kConnected});
    lab.start();
    lab.network.advance(1s);
    for (const char* name : {"R1", "R2", "R3"}) lab[name].set_trace(true);
  }
  const ldp::Lib& lib(const char* name) { return lab[name].instance().lib(); }
  bool operational(const char* name) {
    const auto sessions = lab[name].instance().sessions();
    return !sessions.empty() && std::all_of(sessions.begin(), sessions.end(), [](const auto& s) {
      return s.state == ldp::SessionState::Operational;
    });
  }
};

std::size_t count_sent(const sim::LdpNode& node, std::uint32_t to, ldp::MessageType type, const ldp::Fec& fec) {
  return static_cast<std::size_t>(std::count_if(node.trace().begin(), node.trace().end(), [&](const sim::LdpTraceEntry& e) {
    const auto* m = std::get_if<ldp::LabelMessage>(&e.message);
    return e.sent && e.peer == to && m && m->type == type && !m->fec.empty() &&
           m->fec.front() == ldp::FecElement{fec.element()};
  }));
}

}  // namespace

TEST_CASE("fec selection: host routes by default, any length from a prefix-list") {
  const ldp::FecSelection host_routes;
  CHECK(host_routes.selects(ldp::Fec::of(kR1, 32)));
  CHECK_FALSE(host_routes.selects(kConnected));
  CHECK(selection("mpls ldp label\n allocate global host-routes\n") == host_routes);

  const ldp::FecSelection listed = selection(kLoopbacksAndSubnet);
  CHECK(listed.selects(kConnected));
  CHECK(listed.selects(ldp::Fec::of(kR1, 32)));
  CHECK_FALSE(listed.selects(ldp::Fec::of(0xAC100400, 24)));  // 172.16.4.0/24: the implicit deny
}

TEST_CASE("ldp: no binding for a connected /24 when only host routes are allocated") {
  Line line;
  REQUIRE(line.operational("R2"));
  for (const char* name : {"R1", "R2", "R3"}) {
    CAPTURE(name);
    CHECK(line.lib(name).local_label(ldp::Fec::of(kR3, 32)));  // the loopbacks are bound
    CHECK_FALSE(line.lib(name).local_label(kConnected));
    CHECK(line.lib(name).remote_labels(kConnected).empty());
    CHECK_FALSE(line.lab[name].lfib().contains(kConnected));
  }
}

TEST_CASE("ldp: a connected /24 permitted by 'allocate global prefix-list' is bound, implicit null at its owner") {
  Line line(kLoopbacksAndSubnet);
  REQUIRE(line.operational("R2"));
  CHECK(line.lib("R3").local_label(kConnected) == ldp::kImplicitNullLabel);  // R3's own subnet: R2 pops
  CHECK(line.lib("R2").remote_label(kConnected, idR3) == ldp::kImplicitNullLabel);
  const auto r2_label = line.lib("R2").local_label(kConnected);
  REQUIRE(r2_label);
  CHECK(*r2_label >= 16);
  CHECK(line.lib("R1").remote_label(kConnected, idR2) == *r2_label);

  // The LSP: R1 pushes R2's label toward R2, R2 pops toward R3.
  REQUIRE(line.lab["R1"].lfib().contains(kConnected));
  CHECK(line.lab["R1"].lfib().at(kConnected).out_label == *r2_label);
  REQUIRE(line.lab["R2"].lfib().contains(kConnected));
  CHECK(line.lab["R2"].lfib().at(kConnected).pop());
  CHECK(line.lab["R2"].lfib().at(kConnected).in_label == *r2_label);
  CHECK(line.lib("R2").local_label(ldp::Fec::of(kR3, 32)));  // the loopbacks too (ge 32)
}

TEST_CASE("ldp: the prefix-list no longer permits the /24: its label is withdrawn, the LFIB entries go, sessions stay") {
  Line line(kLoopbacksAndSubnet);
  REQUIRE(line.lab["R1"].lfib().contains(kConnected));
  const std::uint32_t r2_label = *line.lib("R2").local_label(kConnected);
  const std::size_t r1_lfib = line.lab["R1"].lfib().size();

  line.lab["R2"].set_fec_selection(selection(kLoopbacksOnly));  // R2 reloads with the /24 denied
  line.lab.network.advance(1s);

  CHECK(count_sent(line.lab["R2"], kR1, ldp::MessageType::LabelWithdraw, kConnected) == 1);
  CHECK(count_sent(line.lab["R2"], kR3, ldp::MessageType::LabelWithdraw, kConnected) == 1);
  CHECK(count_sent(line.lab["R1"], kR2, ldp::MessageType::LabelRelease, kConnected) == 1);  // RFC 5036 3.5.10
  CHECK_FALSE(line.lib("R2").local_label(kConnected));
  CHECK_FALSE(line.lab["R2"].lfib().contains(kConnected));
  CHECK_FALSE(line.lib("R1").remote_label(kConnected, idR2));
  CHECK_FALSE(line.lab["R1"].lfib().contains(kConnected));
  CHECK(line.lab["R1"].lfib().size() == r1_lfib - 1);  // only the /24's entry went
  CHECK(line.operational("R1"));
  CHECK(line.operational("R2"));
  // Liberal retention: R2 keeps R3's implicit null for it, unused.
  CHECK(line.lib("R2").remote_label(kConnected, idR3) == ldp::kImplicitNullLabel);

  // Permitted again: bound again, with the same label (its own, still held down).
  line.lab["R2"].set_fec_selection(selection(kLoopbacksAndSubnet));
  line.lab.network.advance(1s);
  CHECK(line.lib("R2").local_label(kConnected) == r2_label);
  REQUIRE(line.lab["R1"].lfib().contains(kConnected));
  CHECK(line.lab["R1"].lfib().at(kConnected).out_label == r2_label);
}

TEST_CASE("ldp: the IGP losing a selected prefix withdraws it like a loopback") {
  Line line(kLoopbacksAndSubnet);
  REQUIRE(line.lab["R1"].lfib().contains(kConnected));
  line.lab.install_igp();  // 172.16.3.0/24 gone from OSPF everywhere
  line.lab.network.advance(1s);
  CHECK(count_sent(line.lab["R2"], kR1, ldp::MessageType::LabelWithdraw, kConnected) == 1);
  CHECK(count_sent(line.lab["R3"], kR2, ldp::MessageType::LabelWithdraw, kConnected) == 1);
  for (const char* name : {"R1", "R2", "R3"}) {
    CAPTURE(name);
    CHECK_FALSE(line.lib(name).local_label(kConnected));
    CHECK_FALSE(line.lab[name].lfib().contains(kConnected));
  }
}
