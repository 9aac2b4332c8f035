// The CLI command tree: Cisco-style matching of a command line to a handler.
//
// Matching, word by word: a keyword typed in full wins; otherwise a unique
// case-insensitive prefix ("sh run" = "show running-config"); several
// prefixes are ambiguous ("% Ambiguous command:  \"sh i\""); no keyword but an
// argument word (e.g. WORD for a VRF name) takes the word as an argument;
// otherwise the line is echoed with a caret under the bad word and
// "% Invalid input detected at '^' marker.". Ending on a word with no handler
// is "% Incomplete command.".
//
// After the command, "| include|exclude|begin REGEX" filters the output
// (cli/output_filter.hpp). A line ending in '?' asks for help: the words that
// may come next ("show ?") or that complete a partial word ("show ru?"),
// with their descriptions, "|" and "<cr>" when the command can run there.
// Commands added with json=true also accept a final "json" keyword; their
// handler then sees Invocation::json.
//
// Pure: no I/O, no threads. Handlers run synchronously inside execute().
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_result.hpp"

namespace l3vpn::cli {

struct Invocation {
  std::vector<std::string> arguments;  // words taken by argument nodes, in order
  bool json = false;
};

using CommandHandler = std::function<CommandResult(const Invocation&)>;

struct Word {
  std::string keyword;  // for an argument: its help name, e.g. "WORD"
  std::string help;
  bool argument = false;
};

class CommandTree {
 public:
  CommandTree();
  ~CommandTree();
  CommandTree(CommandTree&&) noexcept;
  CommandTree& operator=(CommandTree&&) noexcept;

  // Adds `path` (reusing words already there) with `handler` at its end.
  void add(const std::vector<Word>& path, CommandHandler handler, bool json = true);

  // Runs the command `line` (filters included).
  CommandResult execute(std::string_view line) const;
  // Help for `line`, which is given without its trailing '?'.
  CommandResult help(std::string_view line) const;
  // help() when the line ends in '?', execute() otherwise.
  CommandResult dispatch(std::string_view line) const;

  struct Node;

 private:
  std::unique_ptr<Node> root_;
};

}  // namespace l3vpn::cli
