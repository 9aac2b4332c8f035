#include "ctl/lab_drill_timeline.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace l3vpn::ctl {

DrillTimeline::DrillTimeline(std::vector<DrillCell> cells) : cells_(std::move(cells)), probes_(cells_.size()) {}

std::size_t DrillTimeline::must_fail_count() const {
  return static_cast<std::size_t>(std::count_if(cells_.begin(), cells_.end(), [](const DrillCell& c) { return c.must_fail(); }));
}

void DrillTimeline::record(const DrillProbe& probe) {
  if (probe.cell >= cells_.size()) return;  // not a cell of this matrix: ignored
  probes_[probe.cell].push_back(Seen{probe.sent, probe.reached});
}

void DrillTimeline::link_up_at(double seconds_since_down) { link_up_ = seconds_since_down; }

std::optional<double> DrillTimeline::first_failure(std::size_t cell) const {
  for (const Seen& s : probes_[cell])
    if (!s.reached && (!link_up_ || s.sent < *link_up_)) return s.sent;
  return std::nullopt;
}

bool DrillTimeline::failure_seen() const { return not_failed().empty(); }

std::vector<std::size_t> DrillTimeline::not_failed() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < cells_.size(); ++i)
    if (cells_[i].must_fail() && !first_failure(i)) out.push_back(i);
  return out;
}

std::optional<double> DrillTimeline::time_to_fail() const {
  std::optional<double> latest;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    if (!cells_[i].must_fail()) continue;
    const std::optional<double> failed = first_failure(i);
    if (!failed) return std::nullopt;
    latest = std::max(latest.value_or(0.0), *failed);
  }
  return latest;
}

const DrillTimeline::Seen* DrillTimeline::latest_since_up(std::size_t cell) const {
  if (!link_up_) return nullptr;
  const Seen* latest = nullptr;
  for (const Seen& s : probes_[cell])
    if (s.sent >= *link_up_) latest = &s;
  return latest;
}

bool DrillTimeline::wrong_before_up(std::size_t cell) const {
  const Seen* latest = nullptr;
  for (const Seen& s : probes_[cell])
    if (!link_up_ || s.sent < *link_up_) latest = &s;
  return latest != nullptr && latest->reached != cells_[cell].expected;
}

std::vector<std::size_t> DrillTimeline::not_recovered() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    const Seen* latest = latest_since_up(i);
    if (latest == nullptr || latest->reached != cells_[i].expected) out.push_back(i);
  }
  return out;
}

bool DrillTimeline::recovered() const { return link_up_ && not_recovered().empty(); }

std::optional<double> DrillTimeline::time_to_recover() const {
  if (!recovered()) return std::nullopt;
  double worst = 0;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    // The final run of expected results since link up starts after the last
    // wrong probe; a cell wrong only before link up starts it at its first
    // probe since.
    std::optional<double> run_start;
    bool wrong_since_up = false;
    for (const Seen& s : probes_[i]) {
      if (s.sent < *link_up_) continue;
      if (s.reached != cells_[i].expected) {
        wrong_since_up = true;
        run_start.reset();
      } else if (!run_start) {
        run_start = s.sent;
      }
    }
    if ((wrong_since_up || wrong_before_up(i)) && run_start) worst = std::max(worst, *run_start - *link_up_);
  }
  return worst;
}

std::vector<DrillCellChange> DrillTimeline::changes() const {
  std::vector<DrillCellChange> out;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    const Seen* first_wrong = nullptr;
    for (const Seen& s : probes_[i]) {
      if (s.sent >= 0 && s.reached != cells_[i].expected) {
        first_wrong = &s;
        break;
      }
    }
    if (first_wrong == nullptr) continue;
    DrillCellChange change{cells_[i].from, cells_[i].to, cells_[i].expected, first_wrong->sent, std::nullopt};
    if (link_up_) {
      const Seen* latest = latest_since_up(i);
      if (latest != nullptr && latest->reached == cells_[i].expected) {
        // back at the first probe of the final run of expected results
        double back = latest->sent;
        for (auto it = probes_[i].rbegin(); it != probes_[i].rend() && it->sent >= *link_up_; ++it) {
          if (it->reached != cells_[i].expected) break;
          back = it->sent;
        }
        change.back_after_up = back - *link_up_;
      }
    }
    out.push_back(std::move(change));
  }
  return out;
}

std::vector<std::size_t> DrillTimeline::wrong_at_latest() const {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < cells_.size(); ++i)
    if (!probes_[i].empty() && probes_[i].back().reached != cells_[i].expected) out.push_back(i);
  return out;
}

std::vector<std::size_t> DrillTimeline::to_probe(std::size_t sample, std::size_t round) const {
  std::vector<std::size_t> pending = link_up_ ? wrong_at_latest() : not_failed();
  std::vector<std::size_t> others;
  for (std::size_t i = 0; i < cells_.size(); ++i)
    if (std::find(pending.begin(), pending.end(), i) == pending.end()) others.push_back(i);
  if (pending.empty() || others.empty()) return pending;
  const std::size_t n = std::min(sample, others.size());
  for (std::size_t k = 0; k < n; ++k) pending.push_back(others[(round * n + k) % others.size()]);
  std::sort(pending.begin(), pending.end());
  pending.erase(std::unique(pending.begin(), pending.end()), pending.end());
  return pending;
}

std::string format_seconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", std::round(seconds * 10.0) / 10.0);
  return buffer;
}

std::string render_drill_report(const DrillTimeline& t, const DrillReportHeader& h) {
  std::string out = "drill: " + h.node + " " + h.interface + " (" + h.linux_name + ", to " + h.peer +
                    ") down; the simulator expects " + std::to_string(t.must_fail_count()) + " of " +
                    std::to_string(t.cells().size()) + " cells to fail\n";
  if (t.must_fail_count() == 0) {
    out += "time to fail: none (no cell depends on this link alone)\n";
  } else if (const auto failed = t.time_to_fail()) {
    out += "time to fail: " + format_seconds(*failed) + " s (" + std::to_string(t.must_fail_count()) +
           " cells failed)\n";
  } else {
    out += "time to fail: NOT SEEN (" + std::to_string(t.not_failed().size()) + " cells still reached)\n";
  }
  if (const auto up = t.link_up()) out += "link up after " + format_seconds(*up) + " s\n";
  if (const auto back = t.time_to_recover()) {
    out += "time to recover: " + format_seconds(*back) + " s (the whole matrix as expected again)\n";
  } else {
    out += "time to recover: NOT RECOVERED (" + std::to_string(t.not_recovered().size()) + " cells not as expected)\n";
  }
  if (h.poll_seconds > 0) out += "(probing rounds of " + format_seconds(h.poll_seconds) + " s: times are within one round)\n";
  const std::vector<DrillCellChange> changes = t.changes();
  out += "cells that changed: " + std::to_string(changes.size()) + "\n";
  std::size_t width = 0;
  for (const DrillCellChange& c : changes) width = std::max(width, c.from.size() + c.to.size() + 4);
  for (const DrillCellChange& c : changes) {
    const std::string pair = c.from + " -> " + c.to;
    out += "  " + pair + std::string(width - pair.size(), ' ') + (c.expected ? "  failed at " : "  reached at ") +
           format_seconds(c.first_wrong) + " s, " +
           (c.back_after_up ? "back " + format_seconds(*c.back_after_up) + " s after link up" : std::string("NOT back")) +
           "\n";
  }
  return out;
}

}  // namespace l3vpn::ctl
