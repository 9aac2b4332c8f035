#include "cli/command_tree.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "cli/output_filter.hpp"

namespace l3vpn::cli {

struct CommandTree::Node {
  Word word;
  CommandHandler handler;
  bool json_variant = false;  // the "json" keyword added by add(json=true)
  std::vector<std::unique_ptr<Node>> children;
};

namespace {

using Node = CommandTree::Node;

struct Token {
  std::string text;
  std::size_t column = 0;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::vector<Token> tokenize(std::string_view line) {
  std::vector<Token> tokens;
  std::size_t pos = 0;
  while (pos < line.size()) {
    while (pos < line.size() && is_space(line[pos])) ++pos;
    if (pos >= line.size()) break;
    const std::size_t start = pos;
    while (pos < line.size() && !is_space(line[pos])) ++pos;
    tokens.push_back({std::string(line.substr(start, pos - start)), start});
  }
  return tokens;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool keyword_starts_with(const Node& node, std::string_view prefix) {
  return !node.word.argument && lower(node.word.keyword).rfind(lower(prefix), 0) == 0;
}

enum class StepStatus { Matched, Invalid, Ambiguous };

struct Step {
  StepStatus status = StepStatus::Invalid;
  const Node* node = nullptr;
  bool is_argument = false;
};

Step match_word(const Node& parent, std::string_view word) {
  const Node* exact = nullptr;
  const Node* argument = nullptr;
  std::vector<const Node*> prefixed;
  for (const auto& child : parent.children) {
    if (child->word.argument) {
      if (!argument) argument = child.get();
      continue;
    }
    if (lower(child->word.keyword) == lower(word)) exact = child.get();
    if (keyword_starts_with(*child, word)) prefixed.push_back(child.get());
  }
  if (exact) return {StepStatus::Matched, exact, false};
  if (prefixed.size() == 1) return {StepStatus::Matched, prefixed.front(), false};
  if (prefixed.size() > 1) return {StepStatus::Ambiguous, nullptr, false};
  if (argument) return {StepStatus::Matched, argument, true};
  return {StepStatus::Invalid, nullptr, false};
}

struct Walk {
  const Node* node = nullptr;
  Invocation invocation;
  std::optional<CommandResult> error;
};

Walk walk(const Node& root, std::string_view line, const std::vector<Token>& tokens,
          std::string_view echo) {
  Walk result{&root, {}, std::nullopt};
  for (const Token& token : tokens) {
    const Step step = match_word(*result.node, token.text);
    if (step.status == StepStatus::Invalid) {
      result.error = invalid_input(line, token.column);
      return result;
    }
    if (step.status == StepStatus::Ambiguous) {
      result.error = ambiguous_command(echo);
      return result;
    }
    result.node = step.node;
    if (step.is_argument) result.invocation.arguments.push_back(token.text);
    if (step.node->json_variant) result.invocation.json = true;
  }
  return result;
}

std::string format_help(std::vector<std::pair<std::string, std::string>> entries, bool runnable) {
  std::sort(entries.begin(), entries.end());
  if (runnable) {
    entries.emplace_back("|", "Output modifiers");
    entries.emplace_back("<cr>", "");
  }
  std::size_t width = 0;
  for (const auto& [keyword, help] : entries) width = std::max(width, keyword.size());
  std::string out;
  for (const auto& [keyword, help] : entries) {
    std::string line = "  " + keyword;
    if (!help.empty()) line += std::string(width - keyword.size() + 2, ' ') + help;
    out += line + "\n";
  }
  return out;
}

}  // namespace

CommandTree::CommandTree() : root_(std::make_unique<Node>()) {}
CommandTree::~CommandTree() = default;
CommandTree::CommandTree(CommandTree&&) noexcept = default;
CommandTree& CommandTree::operator=(CommandTree&&) noexcept = default;

void CommandTree::add(const std::vector<Word>& path, CommandHandler handler, bool json) {
  Node* node = root_.get();
  for (const Word& word : path) {
    Node* next = nullptr;
    for (auto& child : node->children) {
      if (child->word.argument == word.argument && child->word.keyword == word.keyword) {
        next = child.get();
      }
    }
    if (!next) {
      node->children.push_back(std::make_unique<Node>());
      next = node->children.back().get();
      next->word = word;
    }
    node = next;
  }
  node->handler = handler;
  if (json) {
    auto json_node = std::make_unique<Node>();
    json_node->word = Word{"json", "Output in JSON format", false};
    json_node->handler = std::move(handler);
    json_node->json_variant = true;
    node->children.push_back(std::move(json_node));
  }
}

CommandResult CommandTree::execute(std::string_view line) const {
  const std::size_t pipe = line.find('|');
  const std::string_view command = line.substr(0, pipe);
  const std::vector<Token> tokens = tokenize(command);
  if (tokens.empty()) {
    if (pipe != std::string_view::npos) return invalid_input(line, pipe);
    return CommandResult::success("");
  }
  Walk w = walk(*root_, line, tokens, command);
  if (w.error) return *w.error;
  if (!w.node->handler) return incomplete_command();

  std::optional<OutputFilter> filter;
  if (pipe != std::string_view::npos) {
    FilterParse parsed = parse_output_filter(line, pipe);
    if (!parsed.filter) return parsed.error;
    filter = std::move(parsed.filter);
  }
  CommandResult result = w.node->handler(w.invocation);
  if (result.ok && filter) result.output = apply_output_filter(*filter, result.output);
  return result;
}

CommandResult CommandTree::help(std::string_view line) const {
  const bool partial = !line.empty() && !is_space(line.back());
  const std::size_t pipe = line.find('|');
  if (pipe != std::string_view::npos) {
    const std::vector<Token> command_tokens = tokenize(line.substr(0, pipe));
    Walk w = walk(*root_, line, command_tokens, line.substr(0, pipe));
    if (w.error) return *w.error;
    if (!w.node->handler) return incomplete_command();
    const std::vector<Token> after = tokenize(line.substr(pipe + 1));
    std::vector<std::pair<std::string, std::string>> entries;
    if (after.empty() || (after.size() == 1 && partial)) {
      const std::string prefix = after.empty() ? "" : lower(after.front().text);
      for (auto& entry : output_filter_keywords()) {
        if (entry.first.rfind(prefix, 0) == 0) entries.push_back(entry);
      }
      if (entries.empty()) return invalid_input(line, pipe + 1 + after.front().column);
      return CommandResult::success(format_help(entries, false));
    }
    return CommandResult::success(format_help({{"LINE", "Regular Expression"}}, false));
  }

  std::vector<Token> tokens = tokenize(line);
  std::optional<Token> partial_word;
  if (partial && !tokens.empty()) {
    partial_word = tokens.back();
    tokens.pop_back();
  }
  Walk w = walk(*root_, line, tokens, line);
  if (w.error) return *w.error;

  std::vector<std::pair<std::string, std::string>> entries;
  for (const auto& child : w.node->children) {
    if (partial_word && !child->word.argument && !keyword_starts_with(*child, partial_word->text)) {
      continue;
    }
    entries.emplace_back(child->word.keyword, child->word.help);
  }
  if (partial_word) {
    if (entries.empty()) return invalid_input(line, partial_word->column);
    return CommandResult::success(format_help(entries, false));
  }
  return CommandResult::success(format_help(entries, w.node != root_.get() && w.node->handler));
}

CommandResult CommandTree::dispatch(std::string_view line) const {
  std::size_t end = line.size();
  while (end > 0 && is_space(line[end - 1])) --end;
  if (end > 0 && line[end - 1] == '?') return help(line.substr(0, end - 1));
  return execute(line);
}

}  // namespace l3vpn::cli
