// What a CLI command answers, and the IOS-form error replies.
// Pure: no I/O. Output text is complete lines, each ending in '\n'.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace l3vpn::cli {

struct CommandResult {
  bool ok = true;
  std::string output;

  static CommandResult success(std::string text) { return {true, std::move(text)}; }
  static CommandResult failure(std::string text) { return {false, std::move(text)}; }
};

// The line echoed, a caret under `column` (0-based), then
// "% Invalid input detected at '^' marker.". Tabs in the echo become spaces so
// the caret stays under the word.
CommandResult invalid_input(std::string_view line, std::size_t column);
// "% Incomplete command."
CommandResult incomplete_command();
// "% Ambiguous command:  \"sh i\"" (two spaces, as IOS writes it).
CommandResult ambiguous_command(std::string_view line);

}  // namespace l3vpn::cli
