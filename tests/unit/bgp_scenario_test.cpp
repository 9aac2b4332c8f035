// BGP speakers from the lab configs, on the in-process network and its
// manual clock: the seed's full mesh of PEs, and the RR lab.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "bgp/speaker/speaker.hpp"
#include "config/parser.hpp"
#include "sim/bgp_lab.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;

namespace {

constexpr std::uint32_t ip(int a, int b, int c, int d) {
  return static_cast<std::uint32_t>((a << 24) | (b << 16) | (c << 8) | d);
}

bgp::WireRouteDistinguisher rd(std::uint32_t asn, std::uint32_t number) {
  return bgp::WireRouteDistinguisher{(std::uint64_t{asn} << 32) | number};
}

// The routers of a lab, their configs read from labs/, on the in-process network.
class Backbone {
 public:
  // A router of the lab: its config from `path` under labs/, or from `text` when given.
  struct Router {
    Router(std::string name_, std::string path_, std::string text_ = {})
        : name(std::move(name_)), path(std::move(path_)), text(std::move(text_)) {}
    std::string name, path, text;
  };

  explicit Backbone(std::vector<Router> routers) {
    for (const Router& r : routers) {
      const std::string& name = r.name;
      auto parsed = r.text.empty() ? config::parse_config_file(std::string(L3VPN_SOURCE_DIR) + "/" + r.path)
                                   : config::parse_config(r.text, name + ".conf");
      for (const auto& e : parsed.errors) MESSAGE(e.to_string());
      REQUIRE(parsed.ok());
      REQUIRE(lab_.add_router(name, parsed.config));
    }
    lab_.start();
  }

  bgp::Speaker& operator[](const std::string& name) { return *lab_.router(name).speaker; }

  bool all_established() {
    if (lab_.converged()) return true;
    for (const auto& name : {"R2", "R3", "R4", "RR1", "PE1", "PE2"}) {
      if (!lab_.has(name)) continue;
      for (const auto& p : (*this)[name].peers())
        if (p->session->state() != bgp::SessionState::Established)
          MESSAGE(name << " -> peer " << p->config.address << ": " << std::string(bgp::to_string(p->session->state()))
                       << " (" << p->session->last_error() << ")");
    }
    return false;
  }

  const bgp::rib::Path* best(const std::string& router, const bgp::rib::RouteKey& key) {
    const auto* entry = (*this)[router].rib(bgp::kVpnv4Unicast)->loc_rib().find(key);
    return entry ? entry->best : nullptr;
  }

 private:
  bgp::rib::EveryNextHopReachable reachable_;
  core::Logger log_{"scenario", core::LogLevel::Error};
  sim::BgpLab lab_{reachable_, log_};

 public:
  netsim::Network& network = lab_.network;
};

// A lab file's text.
std::string lab_text(const std::string& path) {
  std::ifstream in(std::string(L3VPN_SOURCE_DIR) + "/" + path);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// R3 of the seed with its session to R2 passive: the line IOS would show after
// the neighbor's update-source.
std::string r3_passive_toward_r2() {
  std::string text = lab_text("labs/inter-vrf-leaking/R3.conf");
  const std::string anchor = " neighbor 2.2.2.2 update-source Loopback0\n";
  auto at = text.find(anchor);
  REQUIRE(at != std::string::npos);
  text.insert(at + anchor.size(), " neighbor 2.2.2.2 transport connection-mode passive\n");
  return text;
}

bgp::PathAttributes exported(std::uint32_t rt_assigned, std::uint32_t med) {
  bgp::PathAttributes a;
  a.origin = bgp::Origin::Incomplete;
  a.as_path = std::vector<bgp::AsPathSegment>{};
  a.med = med;
  a.extended_communities = {bgp::ExtendedCommunity::route_target(0, 65103, rt_assigned)};
  return a;
}

}  // namespace

TEST_CASE("seed full mesh: R2's default route of VRF Internet reaches R3 and R4 with its RD, RT and label") {
  Backbone lab({{"R2", "labs/inter-vrf-leaking/R2.conf"},
                {"R3", "labs/inter-vrf-leaking/R3.conf"},
                {"R4", "labs/inter-vrf-leaking/R4.conf"}});
  lab.network.advance(30s);
  REQUIRE(lab.all_established());  // every pair connected at once: collisions resolved

  auto key = bgp::rib::RouteKey::vpnv4(rd(65103, 402), bgp::Prefix4{0, 0});
  lab["R2"].originate(bgp::kVpnv4Unicast, key, exported(4444, 33), bgp::rib::Label{16});
  lab.network.advance(1s);

  for (std::string pe : {"R3", "R4"}) {
    CAPTURE(pe);
    const bgp::rib::Path* path = lab.best(pe, key);
    REQUIRE(path);
    CHECK(path->next_hop == ip(2, 2, 2, 2));  // R2's update-source, Loopback0
    CHECK(path->label.value == 16u);
    CHECK(path->attributes->med == 33u);
    CHECK(path->attributes->local_pref == 100u);
    REQUIRE(path->attributes->extended_communities.size() == 1);
    CHECK(path->attributes->extended_communities[0] == bgp::ExtendedCommunity::route_target(0, 65103, 4444));
    CHECK_FALSE(path->attributes->originator_id.has_value());  // full mesh: nothing reflected
  }
  // iBGP learned routes are not passed on to other iBGP peers without a reflector
  CHECK(lab["R3"].find_peer(ip(4, 4, 4, 4))->out.at(bgp::kVpnv4Unicast).size() == 0);

  lab["R2"].withdraw_local(bgp::kVpnv4Unicast, key);
  lab.network.advance(1s);
  CHECK(lab.best("R3", key) == nullptr);
  CHECK(lab.best("R4", key) == nullptr);
}

TEST_CASE("RR lab: PE1's route reaches PE2 through RR1 with ORIGINATOR_ID and CLUSTER_LIST") {
  Backbone lab({{"RR1", "labs/rr-core/RR1.conf"}, {"PE1", "labs/rr-core/PE1.conf"}, {"PE2", "labs/rr-core/PE2.conf"}});
  lab.network.advance(30s);
  REQUIRE(lab.all_established());

  auto key = bgp::rib::RouteKey::vpnv4(rd(65000, 1), bgp::Prefix4{ip(192, 168, 100, 0), 24});
  bgp::PathAttributes a = exported(100, 0);
  lab["PE1"].originate(bgp::kVpnv4Unicast, key, a, bgp::rib::Label{2001});
  lab.network.advance(1s);

  const bgp::rib::Path* at_rr = lab.best("RR1", key);
  REQUIRE(at_rr);  // the RR keeps it whatever its route targets
  const bgp::rib::Path* at_pe2 = lab.best("PE2", key);
  REQUIRE(at_pe2);
  CHECK(at_pe2->next_hop == ip(10, 255, 0, 11));  // PE1's loopback, unchanged by the reflector
  CHECK(at_pe2->label.value == 2001u);
  CHECK(at_pe2->attributes->originator_id == ip(10, 255, 0, 11));
  CHECK(at_pe2->attributes->cluster_list == std::vector<std::uint32_t>{ip(10, 255, 0, 10)});
  // not reflected back to where it came from
  CHECK(lab["RR1"].find_peer(ip(10, 255, 0, 11))->out.at(bgp::kVpnv4Unicast).find(key) == nullptr);

  // PE1 goes away: the RR withdraws the route from PE2
  lab["PE1"].find_peer(ip(10, 255, 0, 10))->session->stop();
  lab.network.advance(1s);
  CHECK(lab.best("RR1", key) == nullptr);
  CHECK(lab.best("PE2", key) == nullptr);
  CHECK(lab["RR1"].find_peer(ip(10, 255, 0, 11))->session->state() != bgp::SessionState::Established);
}

TEST_CASE("a neighbor shut down and brought back: its routes go, then return with the table dump") {
  Backbone lab({{"R2", "labs/inter-vrf-leaking/R2.conf"}, {"R3", "labs/inter-vrf-leaking/R3.conf"}});
  lab.network.advance(30s);
  bgp::SpeakerPeer* r3_at_r2 = lab["R2"].find_peer(ip(3, 3, 3, 3));
  REQUIRE(r3_at_r2->session->state() == bgp::SessionState::Established);
  auto key = bgp::rib::RouteKey::vpnv4(rd(65103, 103), bgp::Prefix4{ip(10, 10, 10, 1), 32});
  lab["R3"].originate(bgp::kVpnv4Unicast, key, exported(1111, 11), bgp::rib::Label{17});
  lab.network.advance(1s);
  REQUIRE(lab.best("R2", key));
  CHECK(r3_at_r2->prefixes_received == 1);

  lab["R3"].find_peer(ip(2, 2, 2, 2))->session->stop();  // Cease: R2 sees it at once
  lab.network.advance(1s);
  CHECK(r3_at_r2->session->state() != bgp::SessionState::Established);
  CHECK(lab.best("R2", key) == nullptr);
  CHECK(r3_at_r2->prefixes_received == 0);

  lab["R3"].find_peer(ip(2, 2, 2, 2))->session->start();
  lab.network.advance(60s);
  CHECK(r3_at_r2->session->state() == bgp::SessionState::Established);
  CHECK(lab.best("R2", key) != nullptr);  // the table dump on the new session
}

TEST_CASE("clear ip bgp soft: out re-sends the Adj-RIB-Out, in asks the peer with ROUTE-REFRESH") {
  Backbone lab({{"R2", "labs/inter-vrf-leaking/R2.conf"}, {"R3", "labs/inter-vrf-leaking/R3.conf"}});
  lab.network.advance(30s);
  auto key = bgp::rib::RouteKey::vpnv4(rd(65103, 103), bgp::Prefix4{ip(10, 10, 10, 1), 32});
  lab["R3"].originate(bgp::kVpnv4Unicast, key, exported(1111, 11), bgp::rib::Label{17});
  lab.network.advance(1s);
  const bgp::PeerCounters& at_r2 = lab["R2"].find_peer(ip(3, 3, 3, 3))->session->counters();
  const bgp::PeerCounters& at_r3 = lab["R3"].find_peer(ip(2, 2, 2, 2))->session->counters();

  std::uint64_t updates = at_r2.updates_received;
  CHECK(lab["R3"].soft_reset_out(ip(2, 2, 2, 2)));
  lab.network.advance(1s);
  CHECK(at_r2.updates_received == updates + 1);  // the one route, packed in one UPDATE
  CHECK(lab.best("R2", key) != nullptr);

  updates = at_r2.updates_received;
  std::uint64_t sent = at_r2.messages_sent;
  CHECK(lab["R2"].soft_reset_in(ip(3, 3, 3, 3)));
  lab.network.advance(1s);
  CHECK(at_r2.messages_sent > sent);               // the ROUTE-REFRESH messages
  CHECK(at_r2.updates_received > updates);         // R3 answered with its table (and End-of-RIB)
  CHECK(at_r3.messages_received > 0);
  CHECK(lab.best("R2", key) != nullptr);
  CHECK_FALSE(lab["R2"].soft_reset_in(ip(9, 9, 9, 9)));  // no such neighbor
}

TEST_CASE("transport connection-mode passive: R3 only accepts, R2 brings the session up") {
  auto run = [](bool passive) {
    CAPTURE(passive);
    Backbone lab({{"R2", "labs/inter-vrf-leaking/R2.conf"},
                  {"R3", "labs/inter-vrf-leaking/R3.conf", passive ? r3_passive_toward_r2() : std::string()}});
    bgp::SpeakerPeer* r2_at_r3 = lab["R3"].find_peer(ip(2, 2, 2, 2));
    bgp::SpeakerPeer* r3_at_r2 = lab["R2"].find_peer(ip(3, 3, 3, 3));
    REQUIRE(r2_at_r3);
    REQUIRE(r3_at_r2);
    CHECK(r2_at_r3->config.passive == passive);
    CHECK(r2_at_r3->session->config().passive == passive);
    CHECK_FALSE(r3_at_r2->config.passive);

    // Up whichever side may connect.
    lab.network.advance(30s);
    REQUIRE(r2_at_r3->session->state() == bgp::SessionState::Established);
    REQUIRE(r3_at_r2->session->state() == bgp::SessionState::Established);

    // R2 stops its side: nobody connects to R3, and R2 refuses R3's attempts.
    r3_at_r2->session->stop();
    lab.network.advance(1s);
    CHECK(r2_at_r3->session->state() != bgp::SessionState::Established);
    const std::uint64_t opens = r2_at_r3->session->counters().opens_sent;
    bool initiated = false;  // R3 went to Connect or OpenSent (only its own connection could take it there)
    for (int tick = 0; tick < 5 * 60 * 10; ++tick) {
      lab.network.advance(100ms);
      auto state = r2_at_r3->session->state();
      initiated |= state == bgp::SessionState::Connect || state == bgp::SessionState::OpenSent;
    }
    initiated |= r2_at_r3->session->counters().opens_sent != opens;
    if (passive) {
      CHECK_FALSE(initiated);
      CHECK(r2_at_r3->session->state() == bgp::SessionState::Active);  // listening, for 5 minutes
      CHECK(r2_at_r3->session->counters().opens_sent == opens);
    } else {
      CHECK(initiated);  // the control: an active R3 keeps trying
    }

    // R2 comes back and connects: the session is up again.
    const std::uint64_t ups = r2_at_r3->session->counters().established;
    r3_at_r2->session->start();
    lab.network.advance(60s);
    CHECK(r2_at_r3->session->state() == bgp::SessionState::Established);
    CHECK(r3_at_r2->session->state() == bgp::SessionState::Established);
    CHECK(r2_at_r3->session->counters().established == ups + 1);
  };
  run(true);
  run(false);
}
