#include "cli/output_filter.hpp"

#include <cctype>

namespace l3vpn::cli {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool starts_with_nocase(std::string_view word, std::string_view prefix) {
  if (prefix.size() > word.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> output_filter_keywords() {
  return {{"begin", "Begin with the line that matches"},
          {"exclude", "Exclude lines that match"},
          {"include", "Include lines that match"}};
}

FilterParse parse_output_filter(std::string_view line, std::size_t pipe) {
  std::size_t pos = pipe + 1;
  while (pos < line.size() && is_space(line[pos])) ++pos;
  if (pos >= line.size()) return {std::nullopt, incomplete_command()};
  const std::size_t word_start = pos;
  while (pos < line.size() && !is_space(line[pos])) ++pos;
  const std::string_view word = line.substr(word_start, pos - word_start);

  std::optional<OutputFilter::Kind> kind;
  int matches = 0;
  const OutputFilter::Kind kinds[] = {OutputFilter::Kind::Begin, OutputFilter::Kind::Exclude,
                                      OutputFilter::Kind::Include};
  const auto keywords = output_filter_keywords();
  for (std::size_t i = 0; i < keywords.size(); ++i) {
    if (starts_with_nocase(keywords[i].first, word)) {
      kind = kinds[i];
      ++matches;
    }
  }
  if (matches == 0) return {std::nullopt, invalid_input(line, word_start)};
  if (matches > 1) return {std::nullopt, ambiguous_command(line)};

  while (pos < line.size() && is_space(line[pos])) ++pos;
  std::size_t end = line.size();
  while (end > pos && is_space(line[end - 1])) --end;
  if (pos >= end) return {std::nullopt, incomplete_command()};

  if (end - pos > kMaxPatternLength) {
    return {std::nullopt, CommandResult::failure("% Regular expression too long (at most " +
                                                 std::to_string(kMaxPatternLength) + " characters)\n")};
  }
  OutputFilter filter;
  filter.kind = *kind;
  filter.pattern_text = std::string(line.substr(pos, end - pos));
  try {
    filter.pattern = std::regex(filter.pattern_text, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return {std::nullopt, CommandResult::failure("% Invalid regular expression \"" +
                                                 filter.pattern_text + "\": " + e.what() + "\n")};
  }
  return {std::move(filter), {}};
}

std::string apply_output_filter(const OutputFilter& filter, std::string_view output) {
  std::string kept;
  bool begun = false;
  std::size_t start = 0;
  while (start < output.size()) {
    std::size_t end = output.find('\n', start);
    const std::size_t next = end == std::string_view::npos ? output.size() : end + 1;
    if (end == std::string_view::npos) end = output.size();
    const std::string line(output.substr(start, end - start));
    const std::string_view tested = std::string_view(line).substr(0, kMaxMatchedLineLength);
    const bool match = std::regex_search(tested.begin(), tested.end(), filter.pattern);
    bool keep = false;
    switch (filter.kind) {
      case OutputFilter::Kind::Include: keep = match; break;
      case OutputFilter::Kind::Exclude: keep = !match; break;
      case OutputFilter::Kind::Begin:
        begun = begun || match;
        keep = begun;
        break;
    }
    if (keep) kept += line + "\n";
    start = next;
  }
  return kept;
}

}  // namespace l3vpn::cli
