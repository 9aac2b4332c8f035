// The link-state database (RFC 2328 13.1, 13.2, 14): the "which instance is
// more recent" table, installation and aging over time, and MaxAge LSAs
// kept until acknowledged, then removed.
#include <doctest/doctest.h>

#include "ospf/lsdb.hpp"
#include "ospf_lsdb_fixtures.hpp"

using namespace lsdb_lab;

namespace {

LsaHeader hdr(std::uint32_t seq, std::uint16_t checksum, std::uint16_t age) {
  return LsaHeader{age, 0x02, ls_type::Router, kR3, kR3, seq, checksum, 48};
}

}  // namespace

TEST_CASE("lsdb: which instance is more recent (13.1)") {
  struct Row {
    const char* what;
    LsaHeader a;
    LsaHeader b;
    LsaRecency expected;
  };
  const Row rows[] = {
      {"higher sequence", hdr(0x80000003, 0x1000, 10), hdr(0x80000002, 0xFFFF, 10), LsaRecency::Newer},
      {"lower sequence", hdr(0x80000002, 0xFFFF, 10), hdr(0x80000003, 0x1000, 10), LsaRecency::Older},
      {"signed: 0x7FFFFFFF above 0x80000001", hdr(0x7FFFFFFF, 0, 10), hdr(0x80000001, 0, 10), LsaRecency::Newer},
      {"signed: 1 above 0x80000001", hdr(0x00000001, 0, 10), hdr(0x80000001, 0, 10), LsaRecency::Newer},
      {"larger checksum", hdr(0x80000002, 0x2000, 10), hdr(0x80000002, 0x1000, 10), LsaRecency::Newer},
      {"smaller checksum", hdr(0x80000002, 0x1000, 10), hdr(0x80000002, 0x2000, 10), LsaRecency::Older},
      {"MaxAge wins", hdr(0x80000002, 0x1000, 3600), hdr(0x80000002, 0x1000, 10), LsaRecency::Newer},
      {"not MaxAge loses", hdr(0x80000002, 0x1000, 3599), hdr(0x80000002, 0x1000, 3600), LsaRecency::Older},
      {"age difference 901 s: younger wins", hdr(0x80000002, 0x1000, 10), hdr(0x80000002, 0x1000, 911), LsaRecency::Newer},
      {"age difference 901 s: older loses", hdr(0x80000002, 0x1000, 911), hdr(0x80000002, 0x1000, 10), LsaRecency::Older},
      {"age difference 900 s: same", hdr(0x80000002, 0x1000, 10), hdr(0x80000002, 0x1000, 910), LsaRecency::Same},
      {"identical", hdr(0x80000002, 0x1000, 10), hdr(0x80000002, 0x1000, 10), LsaRecency::Same},
      {"both MaxAge", hdr(0x80000002, 0x1000, 3600), hdr(0x80000002, 0x1000, 3600), LsaRecency::Same},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    CHECK(compare_instances(row.a, row.b) == row.expected);
  }
}

TEST_CASE("lsdb: install and age over time, capped at MaxAge") {
  Lsdb db;
  CHECK(db.install(r3_router_lsa(0x80000002, 5), kT0));
  REQUIRE(db.size() == 1);
  const LsaKey key{ls_type::Router, kR3, kR3};
  CHECK(db.header(key, kT0)->age == 5);
  CHECK(db.header(key, kT0 + 100s)->age == 105);
  CHECK(db.header(key, kT0 + 100s + 999ms)->age == 105);  // whole seconds
  CHECK(db.header(key, kT0 + 3595s)->age == 3600);
  CHECK(db.header(key, kT0 + 10000s)->age == 3600);
  CHECK(db.lsa(key, kT0 + 20s)->header.age == 25);
  CHECK_FALSE(db.header(LsaKey{ls_type::Router, kR1, kR1}, kT0));

  // Same contents again: no routing table change (13.2); another body: a change.
  CHECK_FALSE(db.install(r3_router_lsa(0x80000003, 1), kT0 + 10s));
  Lsa other = r3_router_lsa(0x80000004);
  std::get<RouterLsa>(other.body).links.pop_back();
  other = finish_lsa(ls_type::Router, kR3, kR3, 0x02, 0x80000004, other.body);
  CHECK(db.install(other, kT0 + 20s));
  CHECK(db.header(key, kT0 + 20s)->sequence == 0x80000004);
  CHECK(db.size() == 1);
}

TEST_CASE("lsdb: the neighbor FSM's database view") {
  Lsdb db;
  db.install(r3_router_lsa(0x80000002, 1), kT0);
  const DatabaseView view = db.database_view(kT0 + 9s);
  REQUIRE(view.summary.size() == 1);
  CHECK(view.summary[0].age == 10);
  CHECK(view.summary[0].sequence == 0x80000002);
  CHECK(view.needs(hdr(0x80000003, 0, 1)));                          // newer
  CHECK_FALSE(view.needs(view.summary[0]));                           // same
  CHECK_FALSE(view.needs(hdr(0x80000001, 0, 1)));                    // older
  LsaHeader absent = hdr(0x80000001, 0, 1);
  absent.advertising_router = absent.link_state_id = kR2;
  CHECK(view.needs(absent));                                          // absent
}

TEST_CASE("lsdb: MaxAge LSA kept until acknowledged, then removed (14)") {
  Lsdb db;
  const LsaKey key{ls_type::Router, kR3, kR3};
  db.install(r3_router_lsa(0x80000002), kT0);
  REQUIRE(db.flush(key, kT0 + 10s));
  CHECK(db.header(key, kT0 + 10s)->age == kMaxAge);
  db.expect_acks(key, {kR1, kR2});
  CHECK(db.remove_acknowledged_max_age(kT0 + 11s).empty());

  LsaHeader acked = *db.header(key, kT0 + 11s);
  LsaHeader stale = acked;
  stale.sequence = 0x80000001;
  CHECK_FALSE(db.acknowledge(stale, kR1, kT0 + 11s));  // another instance: ignored
  CHECK_FALSE(db.acknowledge(acked, kR1, kT0 + 11s));  // R2 still owes one
  CHECK(db.contains(key));
  CHECK_FALSE(db.acknowledge(acked, kR2, kT0 + 12s, /*exchange_in_progress=*/true));
  CHECK(db.contains(key));  // a neighbor is in Exchange: kept
  CHECK(db.remove_acknowledged_max_age(kT0 + 12s, true).empty());
  CHECK(db.remove_acknowledged_max_age(kT0 + 13s) == std::vector<LsaKey>{key});
  CHECK_FALSE(db.contains(key));

  // Removed on the last ack.
  db.install(r3_router_lsa(0x80000003), kT0 + 20s);
  db.flush(key, kT0 + 20s);
  db.expect_acks(key, {kR1});
  CHECK(db.acknowledge(*db.header(key, kT0 + 21s), kR1, kT0 + 21s));
  CHECK(db.size() == 0);

  // A neighbor going down owes nothing.
  db.install(r3_router_lsa(0x80000004), kT0 + 30s);
  db.flush(key, kT0 + 30s);
  db.expect_acks(key, {kR2});
  db.forget_neighbor(kR2);
  CHECK(db.remove_acknowledged_max_age(kT0 + 31s).size() == 1);
}

TEST_CASE("lsdb: an LSA aging to MaxAge is reported once for flooding") {
  Lsdb db;
  db.install(r3_router_lsa(0x80000002, 3000), kT0);
  CHECK(db.take_newly_max_aged(kT0 + 599s).empty());
  const auto aged = db.take_newly_max_aged(kT0 + 600s);
  REQUIRE(aged.size() == 1);
  CHECK(aged[0].header.age == kMaxAge);
  CHECK(aged[0].header.sequence == 0x80000002);
  CHECK(db.take_newly_max_aged(kT0 + 700s).empty());
}
