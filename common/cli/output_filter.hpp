// IOS output modifiers after '|': "include REGEX", "exclude REGEX",
// "begin REGEX" (keywords abbreviable: "| inc RT", "| e Gi", "| b VRF").
// The regex is the rest of the line (ECMAScript std::regex, searched in each
// line). Limits, because std::regex recurses: a pattern of at most 256
// characters, matched against the first 8 KiB of each line. Pure: no I/O. Bad input (unknown modifier, missing or invalid regex)
// gives an IOS-form error, never an exception.
#pragma once

#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_result.hpp"

namespace l3vpn::cli {

inline constexpr std::size_t kMaxPatternLength = 256;
inline constexpr std::size_t kMaxMatchedLineLength = 8 * 1024;

struct OutputFilter {
  enum class Kind { Include, Exclude, Begin };
  Kind kind = Kind::Include;
  std::string pattern_text;
  std::regex pattern;
};

struct FilterParse {
  std::optional<OutputFilter> filter;
  CommandResult error;  // set when filter is empty
};

// `line` is the whole command line; `pipe` the index of its '|'.
FilterParse parse_output_filter(std::string_view line, std::size_t pipe);

// The lines of `output` the filter keeps, each still ending in '\n'.
std::string apply_output_filter(const OutputFilter& filter, std::string_view output);

// The modifiers for '?' help: {keyword, description}.
std::vector<std::pair<std::string, std::string>> output_filter_keywords();

}  // namespace l3vpn::cli
