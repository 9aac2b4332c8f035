#include "core/clock.hpp"

#include <cstdint>

namespace l3vpn::core {

TimePoint SystemClock::now() const { return SteadyClock::now(); }

namespace {
void append_unit(std::string& out, std::int64_t count, const char* unit) {
  if (!out.empty()) out += ", ";
  out += std::to_string(count);
  out += ' ';
  out += unit;
  if (count != 1) out += 's';
}
}  // namespace

std::string format_uptime(Duration elapsed) {
  std::int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  if (seconds < 0) seconds = 0;
  const std::int64_t days = seconds / 86400;
  const std::int64_t hours = seconds / 3600 % 24;
  const std::int64_t minutes = seconds / 60 % 60;
  const std::int64_t secs = seconds % 60;
  std::string out;
  if (days > 0) append_unit(out, days, "day");
  if (days > 0 || hours > 0) append_unit(out, hours, "hour");
  if (days > 0 || hours > 0 || minutes > 0) append_unit(out, minutes, "minute");
  append_unit(out, secs, "second");
  return out;
}

}  // namespace l3vpn::core
