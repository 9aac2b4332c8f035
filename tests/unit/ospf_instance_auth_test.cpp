// OSPF instances with cryptographic authentication (RFC 2328 D.3, D.5):
// the same MD5 key on both ends gives a full adjacency; different keys give
// none, and every packet refused is counted as auth-bad-digest.
#include <doctest/doctest.h>

#include "ospf_instance_fixtures.hpp"

using namespace ospf_lab;

namespace {

ospf::AuthConfig md5(const std::string& secret) {
  const std::vector<std::uint8_t> key(secret.begin(), secret.end());
  return ospf::crypto_auth(1, ospf::CryptoAlgorithm::Md5, key);
}

void build(Lab& lab, const std::string& r1_key, const std::string& r2_key) {
  lab.add_router("R1", "1.1.1.1");
  lab.add_router("R2", "2.2.2.2");
  lab.add_segment("lan", ospf::NetworkType::Broadcast, 24,
                  {{"R1", "eth0", "10.0.0.1", 1, 1, 0, md5(r1_key)}, {"R2", "eth0", "10.0.0.2", 1, 1, 0, md5(r2_key)}});
  lab.add_loopback("R2", "2.2.2.2");
  lab.start();
  lab.run_for(60s);
}

}  // namespace

TEST_CASE("OSPF authentication: the same MD5 key on both sides, a full adjacency") {
  Lab lab;
  build(lab, "s3cret", "s3cret");
  CHECK(neighbor_state(lab.ospf("R1"), "2.2.2.2") == ospf::NeighborState::Full);
  CHECK(lab.ospf("R1").interfaces().front().au_type == ospf::au_type::Cryptographic);
  CHECK(route(lab.ospf("R1"), "2.2.2.2", 32) != nullptr);
  CHECK(lab.ospf("R1").drop_counters().count("auth-bad-digest") == 0);
}

TEST_CASE("OSPF authentication: a key mismatch, no adjacency and the drops counted") {
  Lab lab;
  build(lab, "s3cret", "other");
  CHECK(lab.ospf("R1").neighbors().empty());
  CHECK(lab.ospf("R2").neighbors().empty());
  CHECK(route(lab.ospf("R1"), "2.2.2.2", 32) == nullptr);
  // One hello every 10 s from the other side during 60 s.
  const auto drops = lab.ospf("R1").drop_counters();
  REQUIRE(drops.count("auth-bad-digest") == 1);
  CHECK(drops.at("auth-bad-digest") >= 6);
}

TEST_CASE("OSPF authentication: MD5 on one side only, refused as an AuType mismatch") {
  Lab lab;
  lab.add_router("R1", "1.1.1.1");
  lab.add_router("R2", "2.2.2.2");
  lab.add_segment("lan", ospf::NetworkType::Broadcast, 24,
                  {{"R1", "eth0", "10.0.0.1", 1, 1, 0, md5("s3cret")}, {"R2", "eth0", "10.0.0.2"}});
  lab.start();
  lab.run_for(30s);
  CHECK(lab.ospf("R1").neighbors().empty());
  CHECK(lab.ospf("R1").drop_counters().count("auth-type-mismatch") == 1);
}
