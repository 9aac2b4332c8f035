#include "config/tokenizer.hpp"

namespace l3vpn::config {

namespace {
// Length of the blank starting at `i`, 0 when text[i] is not blank.
std::size_t blank_length(std::string_view text, std::size_t i) {
  char c = text[i];
  if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') return 1;
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() &&
      static_cast<unsigned char>(text[i + 1]) == 0xA0)
    return 2;
  return 0;
}
}  // namespace

Line tokenize(std::string_view text, int number) {
  Line line;
  line.number = number;
  line.text = std::string(text);
  std::size_t i = 0;
  while (i < text.size()) {
    if (std::size_t blank = blank_length(text, i)) {
      i += blank;
      continue;
    }
    std::size_t start = i;
    while (i < text.size() && blank_length(text, i) == 0) ++i;
    line.tokens.push_back(
        Token{std::string(text.substr(start, i - start)), static_cast<int>(start) + 1, start});
  }
  return line;
}

std::string Line::rest_from(std::size_t first) const {
  if (first >= tokens.size()) return {};
  const Token& last = tokens.back();
  std::size_t end = last.offset + last.text.size();
  return text.substr(tokens[first].offset, end - tokens[first].offset);
}

std::string Line::words(std::size_t first, std::size_t last) const {
  std::string out;
  for (std::size_t i = first; i <= last && i < tokens.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += tokens[i].text;
  }
  return out;
}

int Line::end_column() const {
  if (tokens.empty()) return 1;
  const Token& last = tokens.back();
  return last.column + static_cast<int>(last.text.size()) + 1;
}

bool keyword_is(std::string_view word, std::string_view keyword) {
  if (word.size() != keyword.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char a = word[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (a != keyword[i]) return false;
  }
  return true;
}

}  // namespace l3vpn::config
