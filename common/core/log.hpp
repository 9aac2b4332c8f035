// Logging: one Logger per daemon, passed by reference to whoever logs.
//
// Each line: "TIMESTAMP NAME LEVEL: MESSAGE", e.g.
//   2026-11-25T16:44:29.123Z l3vpn-pe info: configuration loaded
// Lines below the threshold are dropped. The sink receives one complete line
// without its newline; the default sink writes it to stderr with a newline in
// one write. Threads: not synchronised, use from one thread. Failure: a sink
// that cannot write (closed stderr) loses the line silently, never throws.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace l3vpn::core {

enum class LogLevel { Debug, Info, Warning, Error };

const char* log_level_name(LogLevel level);  // "debug", "info", "warning", "error"
// Accepts the names above (and "warn"); nothing for anything else.
std::optional<LogLevel> parse_log_level(std::string_view text);

using LogSink = std::function<void(std::string_view line)>;
using TimestampSource = std::function<std::string()>;

LogSink stderr_sink();
// UTC wall-clock time, ISO 8601 with milliseconds.
std::string wall_clock_timestamp();

class Logger {
 public:
  explicit Logger(std::string name, LogLevel threshold = LogLevel::Info,
                  LogSink sink = stderr_sink(), TimestampSource timestamp = wall_clock_timestamp);

  void log(LogLevel level, std::string_view message) const;
  void debug(std::string_view message) const { log(LogLevel::Debug, message); }
  void info(std::string_view message) const { log(LogLevel::Info, message); }
  void warning(std::string_view message) const { log(LogLevel::Warning, message); }
  void error(std::string_view message) const { log(LogLevel::Error, message); }

  bool enabled(LogLevel level) const { return level >= threshold_; }
  void set_threshold(LogLevel level) { threshold_ = level; }
  LogLevel threshold() const { return threshold_; }
  const std::string& name() const { return name_; }

 private:
  std::string name_;
  LogLevel threshold_;
  LogSink sink_;
  TimestampSource timestamp_;
};

}  // namespace l3vpn::core
