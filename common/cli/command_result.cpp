#include "cli/command_result.hpp"

namespace l3vpn::cli {

namespace {
std::string trim_right(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r' ||
                     text[end - 1] == '\n')) {
    --end;
  }
  return std::string(text.substr(0, end));
}
}  // namespace

CommandResult invalid_input(std::string_view line, std::size_t column) {
  std::string echo = trim_right(line);
  for (char& c : echo) {
    if (c == '\t') c = ' ';
  }
  std::string out = echo + "\n";
  out += std::string(column, ' ') + "^\n";
  out += "% Invalid input detected at '^' marker.\n";
  return CommandResult::failure(std::move(out));
}

CommandResult incomplete_command() { return CommandResult::failure("% Incomplete command.\n"); }

CommandResult ambiguous_command(std::string_view line) {
  return CommandResult::failure("% Ambiguous command:  \"" + trim_right(line) + "\"\n");
}

}  // namespace l3vpn::cli
