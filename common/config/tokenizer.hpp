// One config line split into words, each word remembering its column, so a
// diagnostic can point at the exact word that is wrong.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace l3vpn::config {

struct Token {
  std::string text;
  int column = 0;          // 1-based, in bytes
  std::size_t offset = 0;  // into the line, for commands that take the rest of the line
};

struct Line {
  int number = 0;  // 1-based
  std::string text;  // without the line terminator
  std::vector<Token> tokens;

  std::size_t size() const { return tokens.size(); }
  const Token& operator[](std::size_t i) const { return tokens[i]; }
  // The raw text from token `first` to the end, trailing blanks removed:
  // descriptions keep their inner spacing as typed.
  std::string rest_from(std::size_t first) const;
  // Tokens [first, last] joined by one space, for messages.
  std::string words(std::size_t first, std::size_t last) const;
  // Where a word missing at the end of the line would start.
  int end_column() const;
};

// Blanks are spaces, tabs, CR and the UTF-8 no-break space that copy-pasting
// configs from web pages brings in.
Line tokenize(std::string_view text, int number);

// IOS keywords are case-insensitive; names (VRFs, route-maps) are not.
bool keyword_is(std::string_view word, std::string_view keyword);

}  // namespace l3vpn::config
