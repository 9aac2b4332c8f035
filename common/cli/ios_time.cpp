#include "cli/ios_time.hpp"

#include <cstdio>

namespace l3vpn::cli {

std::string ios_age(core::Duration elapsed) {
  long long s = std::chrono::duration_cast<std::chrono::seconds>(elapsed).count();
  if (s < 0) s = 0;
  char text[32];
  if (s < 86400) {
    std::snprintf(text, sizeof text, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  } else if (s < 7 * 86400) {
    std::snprintf(text, sizeof text, "%lldd%02lldh", s / 86400, s / 3600 % 24);
  } else {
    std::snprintf(text, sizeof text, "%lldw%lldd", s / (7 * 86400), s / 86400 % 7);
  }
  return text;
}

}  // namespace l3vpn::cli
