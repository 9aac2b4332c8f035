// The bookkeeping of a failure drill (`l3vpnctl lab drill`, lab_drill.hpp):
// which cells of the reachability matrix to probe next, when the link's
// failure has shown in the matrix, when the whole matrix is back, and which
// cells changed on the way.
//
// Pure: probes come in as (cell, send time, reached), times in seconds
// since the link went down; nothing here pings or reads a clock.
// A cell "must fail" when lab.yaml expects it to reach and the simulator,
// run with the link down, says it cannot: those are the cells through the
// link. The failure shows when each of them has failed once; the matrix is
// back when, after the link came up, every cell has been probed and its
// latest probe is as lab.yaml expects.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace l3vpn::ctl {

struct DrillCell {
  std::string from;
  std::string to;
  bool expected = false;             // lab.yaml: must reach
  bool expected_while_down = false;  // the simulator with the link down
  bool must_fail() const { return expected && !expected_while_down; }
};

struct DrillProbe {
  std::size_t cell = 0;
  double sent = 0;  // seconds since the link went down
  bool reached = false;
};

// A cell that was not as lab.yaml expects at some probe after the link went
// down: when that was first seen, and when it was back for good.
struct DrillCellChange {
  std::string from;
  std::string to;
  bool expected = false;
  double first_wrong = 0;               // seconds since the link went down
  std::optional<double> back_after_up;  // seconds since the link came up
};

class DrillTimeline {
 public:
  explicit DrillTimeline(std::vector<DrillCell> cells);

  const std::vector<DrillCell>& cells() const { return cells_; }
  std::size_t must_fail_count() const;

  void record(const DrillProbe& probe);
  void link_up_at(double seconds_since_down);
  bool link_is_up() const { return link_up_.has_value(); }
  std::optional<double> link_up() const { return link_up_; }

  // Every cell that must fail has failed at least once since the link went down.
  bool failure_seen() const;
  // The latest send time among the first failures of the cells that must
  // fail; nullopt while one has not failed, or when none must.
  std::optional<double> time_to_fail() const;
  // The must-fail cells that have not failed (for the report of a timeout).
  std::vector<std::size_t> not_failed() const;

  // Since the link came up, every cell was probed and its latest probe is
  // as expected.
  bool recovered() const;
  // Seconds from link up until the last cell that was wrong came back: the
  // send time of the first probe of its final run of expected results.
  // 0 when no cell was wrong after the link came up; nullopt until recovered.
  std::optional<double> time_to_recover() const;
  // Cells not as expected at their latest probe since the link came up, or
  // not probed since (for the report of a timeout).
  std::vector<std::size_t> not_recovered() const;

  std::vector<DrillCellChange> changes() const;

  // The next round: while the link is down, the must-fail cells that have
  // not failed yet; once it is up, the cells wrong at their latest probe;
  // plus `sample` other cells, a different few each `round`, to notice
  // collateral damage. Empty when nothing is pending: the caller then
  // probes every cell (recovered() needs each probed since link up).
  std::vector<std::size_t> to_probe(std::size_t sample, std::size_t round) const;

 private:
  struct Seen {
    double sent = 0;
    bool reached = false;
  };
  std::vector<DrillCell> cells_;
  std::vector<std::vector<Seen>> probes_;  // per cell, in the order recorded
  std::optional<double> link_up_;

  std::optional<double> first_failure(std::size_t cell) const;
  std::vector<std::size_t> wrong_at_latest() const;
  const Seen* latest_since_up(std::size_t cell) const;
  bool wrong_before_up(std::size_t cell) const;  // its latest probe before link up was not as expected
};

// The drill's report: the link, the two times (0.1 s resolution) and the
// cells that changed.
struct DrillReportHeader {
  std::string node;
  std::string interface;    // the config name
  std::string linux_name;   // its device in the node's namespace
  std::string peer;         // "R3 GigabitEthernet0/0"
  double poll_seconds = 0;  // the mean time a probing round took
};
std::string render_drill_report(const DrillTimeline& timeline, const DrillReportHeader& header);

// "12.3": seconds with one decimal.
std::string format_seconds(double seconds);

}  // namespace l3vpn::ctl
