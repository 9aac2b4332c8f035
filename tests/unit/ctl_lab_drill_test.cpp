// The failure drill's bookkeeping (ctl/lab_drill_timeline.hpp): which cells
// it probes, when the failure has shown, when the matrix is back, the cells
// that changed and the report, on timelines written out probe by probe.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ctl/lab_drill_timeline.hpp"

using namespace l3vpn;
using ctl::DrillProbe;

namespace {

// The seed lab's shape in small: Technique at R3 reaches Technique-R4 over
// the R1-R3 link and back (both must fail while it is down); R3's own
// Technique reaches its Commercial by leaking on R3 (stays up); Commercial
// never reaches Serveurs (must not reach, before, during and after).
enum Cell : std::size_t { kT3toT4, kT4toT3, kT3toC3, kC3toS3 };

ctl::DrillTimeline r3_link_timeline() {
  return ctl::DrillTimeline({
      {"Technique", "Technique-R4", true, false},
      {"Technique-R4", "Technique", true, false},
      {"Technique", "Commercial", true, true},
      {"Commercial", "Serveurs", false, false},
  });
}

void probe(ctl::DrillTimeline& t, std::size_t cell, double sent, bool reached) {
  t.record(DrillProbe{cell, sent, reached});
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("drill: the cells through the link are probed first, with a rotating sample of the others") {
  ctl::DrillTimeline t = r3_link_timeline();
  CHECK(t.must_fail_count() == 2);
  CHECK(t.to_probe(1, 0) == std::vector<std::size_t>{kT3toT4, kT4toT3, kT3toC3});
  CHECK(t.to_probe(1, 1) == std::vector<std::size_t>{kT3toT4, kT4toT3, kC3toS3});
  CHECK(t.to_probe(0, 0) == std::vector<std::size_t>{kT3toT4, kT4toT3});

  probe(t, kT3toT4, 0.1, false);  // through the link: fails at once
  probe(t, kT4toT3, 0.1, true);   // R4 still has its route for a moment
  CHECK_FALSE(t.failure_seen());
  CHECK_FALSE(t.time_to_fail().has_value());
  CHECK(t.not_failed() == std::vector<std::size_t>{kT4toT3});
  // A failed cell is not probed again while the link is down.
  CHECK(t.to_probe(0, 2) == std::vector<std::size_t>{kT4toT3});
}

TEST_CASE("drill: R1-R3 down then up: time to fail is the last cell's first failure, time to recover the last cell's return") {
  ctl::DrillTimeline t = r3_link_timeline();
  probe(t, kT3toT4, 0.1, false);
  probe(t, kT4toT3, 0.1, true);
  probe(t, kT3toC3, 0.1, true);
  probe(t, kT4toT3, 1.3, false);
  REQUIRE(t.failure_seen());
  CHECK(t.time_to_fail() == doctest::Approx(1.3));
  CHECK(t.to_probe(2, 0).empty());  // nothing pending: the caller holds or brings the link up

  t.link_up_at(2.0);
  CHECK_FALSE(t.recovered());
  // After link up the cells last seen failed are probed (plus the sample);
  // the others wait for the full round that confirms the return.
  CHECK(t.to_probe(0, 0) == std::vector<std::size_t>{kT3toT4, kT4toT3});
  CHECK(t.to_probe(1, 0) == std::vector<std::size_t>{kT3toT4, kT4toT3, kT3toC3});
  probe(t, kT3toT4, 2.1, false);
  probe(t, kT4toT3, 2.1, false);
  probe(t, kT3toC3, 2.1, true);
  probe(t, kC3toS3, 2.1, false);
  CHECK(t.not_recovered() == std::vector<std::size_t>{kT3toT4, kT4toT3});
  CHECK(t.to_probe(0, 0) == std::vector<std::size_t>{kT3toT4, kT4toT3});
  probe(t, kT3toT4, 5.0, true);
  probe(t, kT4toT3, 5.0, false);
  CHECK_FALSE(t.recovered());
  CHECK_FALSE(t.time_to_recover().has_value());
  probe(t, kT4toT3, 9.5, true);
  REQUIRE(t.recovered());
  CHECK(*t.time_to_recover() == doctest::Approx(7.5));  // 9.5 s, 2.0 s after the link went down

  const std::vector<ctl::DrillCellChange> changes = t.changes();
  REQUIRE(changes.size() == 2);
  CHECK(changes[0].from == "Technique");
  CHECK(changes[0].first_wrong == doctest::Approx(0.1));
  CHECK(*changes[0].back_after_up == doctest::Approx(3.0));
  CHECK(changes[1].from == "Technique-R4");
  CHECK(changes[1].first_wrong == doctest::Approx(1.3));
  CHECK(*changes[1].back_after_up == doctest::Approx(7.5));

  const std::string report = ctl::render_drill_report(t, {"R1", "GigabitEthernet0/3", "gi0-3", "R3 GigabitEthernet0/0", 1.2});
  CHECK(contains(report, "drill: R1 GigabitEthernet0/3 (gi0-3, to R3 GigabitEthernet0/0) down; the simulator expects 2 of 4 cells to fail"));
  CHECK(contains(report, "time to fail: 1.3 s (2 cells failed)"));
  CHECK(contains(report, "link up after 2.0 s"));
  CHECK(contains(report, "time to recover: 7.5 s (the whole matrix as expected again)"));
  CHECK(contains(report, "cells that changed: 2"));
  CHECK(contains(report, "Technique-R4 -> Technique  failed at 1.3 s, back 7.5 s after link up"));
}

TEST_CASE("drill: a cell that flaps after coming back counts from its last return") {
  ctl::DrillTimeline t = r3_link_timeline();
  probe(t, kT3toT4, 0.2, false);
  probe(t, kT4toT3, 0.2, false);
  t.link_up_at(1.0);
  probe(t, kT3toT4, 1.5, true);
  probe(t, kT4toT3, 1.5, true);
  probe(t, kT3toC3, 1.5, true);
  probe(t, kC3toS3, 1.5, false);
  probe(t, kT3toT4, 3.0, false);  // BGP churn takes it away again
  CHECK_FALSE(t.recovered());
  probe(t, kT3toT4, 6.0, true);
  REQUIRE(t.recovered());
  CHECK(*t.time_to_recover() == doctest::Approx(5.0));
  CHECK(*t.changes()[0].back_after_up == doctest::Approx(5.0));
}

TEST_CASE("drill: collateral damage on a cell that should survive is listed, and must come back too") {
  ctl::DrillTimeline t = r3_link_timeline();
  probe(t, kT3toT4, 0.1, false);
  probe(t, kT4toT3, 0.1, false);
  probe(t, kT3toC3, 0.1, false);  // should have stayed up
  CHECK(*t.time_to_fail() == doctest::Approx(0.1));
  t.link_up_at(0.5);
  probe(t, kT3toT4, 0.6, true);
  probe(t, kT4toT3, 0.6, true);
  probe(t, kT3toC3, 0.6, false);
  probe(t, kC3toS3, 0.6, false);
  CHECK(t.not_recovered() == std::vector<std::size_t>{kT3toC3});
  probe(t, kT3toC3, 2.6, true);
  REQUIRE(t.recovered());
  CHECK(*t.time_to_recover() == doctest::Approx(2.1));
  const auto changes = t.changes();
  REQUIRE(changes.size() == 3);
  CHECK(std::any_of(changes.begin(), changes.end(), [](const auto& c) { return c.to == "Commercial"; }));
}

TEST_CASE("drill: a cell that must not reach and starts reaching is a change the other way") {
  ctl::DrillTimeline t = r3_link_timeline();
  probe(t, kC3toS3, 0.3, true);  // a leak while routes move
  const auto changes = t.changes();
  REQUIRE(changes.size() == 1);
  CHECK_FALSE(changes[0].expected);
  t.link_up_at(1.0);
  const std::string report = ctl::render_drill_report(t, {"R1", "Gi0/3", "gi0-3", "R3 Gi0/0", 0});
  CHECK(contains(report, "Commercial -> Serveurs  reached at 0.3 s, NOT back"));
  CHECK(contains(report, "time to recover: NOT RECOVERED (4 cells not as expected)"));
}

TEST_CASE("drill: the matrix is back only once every cell was probed since the link came up") {
  ctl::DrillTimeline t = r3_link_timeline();
  probe(t, kT3toT4, 0.1, false);
  probe(t, kT4toT3, 0.1, false);
  t.link_up_at(1.0);
  probe(t, kT3toT4, 1.1, true);
  probe(t, kT4toT3, 1.1, true);
  CHECK_FALSE(t.recovered());
  CHECK(t.to_probe(2, 0).empty());  // nothing is wrong at its latest probe: time for the full round
  CHECK(t.not_recovered() == std::vector<std::size_t>{kT3toC3, kC3toS3});
  probe(t, kT3toC3, 1.2, true);
  probe(t, kC3toS3, 1.2, false);
  CHECK(t.recovered());
  // Probes from before the link came up do not count for the return.
  CHECK(*t.time_to_recover() == doctest::Approx(0.1));
}

TEST_CASE("drill: a link no cell depends on alone: no time to fail, and the report says so") {
  ctl::DrillTimeline t({{"A", "B", true, true}, {"B", "A", true, true}});
  CHECK(t.must_fail_count() == 0);
  CHECK(t.failure_seen());
  CHECK_FALSE(t.time_to_fail().has_value());
  CHECK(t.to_probe(3, 0).empty());
  t.link_up_at(0.0);
  probe(t, 0, 0.1, true);
  probe(t, 1, 0.1, true);
  CHECK(*t.time_to_recover() == doctest::Approx(0.0));
  const std::string report = ctl::render_drill_report(t, {"R1", "Gi0/1", "gi0-1", "R2 Gi0/1", 0});
  CHECK(contains(report, "time to fail: none (no cell depends on this link alone)"));
  CHECK(contains(report, "time to recover: 0.0 s"));
  CHECK(contains(report, "cells that changed: 0"));
}

TEST_CASE("drill: a probe of a cell outside the matrix is ignored, and seconds print with one decimal") {
  ctl::DrillTimeline t = r3_link_timeline();
  probe(t, 99, 0.1, false);
  CHECK(t.changes().empty());
  CHECK(ctl::format_seconds(0.04) == "0.0");
  CHECK(ctl::format_seconds(12.36) == "12.4");
  CHECK(ctl::format_seconds(95.0) == "95.0");
}
