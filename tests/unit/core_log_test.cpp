#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/log.hpp"

using l3vpn::core::Logger;
using l3vpn::core::LogLevel;

namespace {
struct Captured {
  std::vector<std::string> lines;
  Logger make(LogLevel threshold) {
    return Logger("l3vpn-pe", threshold,
                  [this](std::string_view line) { lines.emplace_back(line); },
                  [] { return std::string("2026-01-02T03:04:05.678Z"); });
  }
};
}  // namespace

TEST_CASE("log lines carry timestamp, daemon name and level") {
  Captured c;
  const Logger log = c.make(LogLevel::Debug);
  log.debug("d");
  log.info("configuration loaded");
  log.warning("w");
  log.error("e");
  REQUIRE(c.lines.size() == 4);
  CHECK(c.lines[0] == "2026-01-02T03:04:05.678Z l3vpn-pe debug: d");
  CHECK(c.lines[1] == "2026-01-02T03:04:05.678Z l3vpn-pe info: configuration loaded");
  CHECK(c.lines[2] == "2026-01-02T03:04:05.678Z l3vpn-pe warning: w");
  CHECK(c.lines[3] == "2026-01-02T03:04:05.678Z l3vpn-pe error: e");
}

TEST_CASE("lines below the threshold are dropped") {
  Captured c;
  Logger log = c.make(LogLevel::Warning);
  log.debug("no");
  log.info("no");
  log.warning("yes");
  log.error("yes");
  CHECK(c.lines.size() == 2);
  log.set_threshold(LogLevel::Error);
  log.warning("no");
  CHECK(c.lines.size() == 2);
  CHECK_FALSE(log.enabled(LogLevel::Info));
}

TEST_CASE("log level names") {
  using l3vpn::core::parse_log_level;
  CHECK(parse_log_level("debug") == LogLevel::Debug);
  CHECK(parse_log_level("info") == LogLevel::Info);
  CHECK(parse_log_level("warning") == LogLevel::Warning);
  CHECK(parse_log_level("warn") == LogLevel::Warning);
  CHECK(parse_log_level("error") == LogLevel::Error);
  CHECK_FALSE(parse_log_level("verbose").has_value());
  CHECK(std::string(l3vpn::core::log_level_name(LogLevel::Warning)) == "warning");
}

TEST_CASE("wall-clock timestamp shape") {
  const std::string t = l3vpn::core::wall_clock_timestamp();
  CHECK(t.size() == 24);
  CHECK(t[10] == 'T');
  CHECK(t.back() == 'Z');
}
