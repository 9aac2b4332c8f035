#include "core/log.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <utility>

namespace l3vpn::core {

const char* log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
  }
  return "?";
}

std::optional<LogLevel> parse_log_level(std::string_view text) {
  if (text == "debug") return LogLevel::Debug;
  if (text == "info") return LogLevel::Info;
  if (text == "warning" || text == "warn") return LogLevel::Warning;
  if (text == "error") return LogLevel::Error;
  return std::nullopt;
}

LogSink stderr_sink() {
  return [](std::string_view line) {
    std::string out(line);
    out += '\n';
    // One write per line so lines of concurrent processes do not interleave.
    const ssize_t written = ::write(STDERR_FILENO, out.data(), out.size());
    (void)written;
  };
}

std::string wall_clock_timestamp() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                          now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis));
  return buffer;
}

Logger::Logger(std::string name, LogLevel threshold, LogSink sink, TimestampSource timestamp)
    : name_(std::move(name)), threshold_(threshold), sink_(std::move(sink)),
      timestamp_(std::move(timestamp)) {}

void Logger::log(LogLevel level, std::string_view message) const {
  if (!enabled(level) || !sink_) return;
  std::string line = timestamp_ ? timestamp_() : std::string();
  if (!line.empty()) line += ' ';
  line += name_;
  line += ' ';
  line += log_level_name(level);
  line += ": ";
  line += message;
  sink_(line);
}

}  // namespace l3vpn::core
