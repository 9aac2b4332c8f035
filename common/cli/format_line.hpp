// One line of command output formatted printf-style, as IOS's fixed columns
// are easiest to write ("%-15s %4u"): at most 511 characters, '\n' added.
// Pure.
#pragma once

#include <cstdio>
#include <string>

namespace l3vpn::cli {

template <typename... Args>
std::string format_line(const char* format, Args... args) {
  char text[512];
  std::snprintf(text, sizeof text, format, args...);
  return std::string(text) + "\n";
}

}  // namespace l3vpn::cli
