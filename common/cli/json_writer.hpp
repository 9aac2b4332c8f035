// A small JSON writer: objects, arrays, strings, numbers, booleans, null.
// Compact output (no whitespace). Strings are escaped per RFC 8259; bytes that
// are not valid UTF-8 become U+FFFD so the output is always valid JSON.
// Misuse (a value where a key is due, unbalanced end_*) is a programming
// error: it throws std::logic_error rather than writing broken JSON.
//
//   JsonWriter w;
//   w.begin_object().key("name").string("Technique").key("rd").null().end_object();
//   w.str()  // {"name":"Technique","rd":null}
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace l3vpn::cli {

// `text` as a JSON string literal, quotes included.
std::string json_quote(std::string_view text);

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);
  JsonWriter& string(std::string_view value);
  JsonWriter& number(std::int64_t value);
  JsonWriter& number(std::uint64_t value);
  JsonWriter& number(int value) { return number(static_cast<std::int64_t>(value)); }
  JsonWriter& number(unsigned value) { return number(static_cast<std::uint64_t>(value)); }
  JsonWriter& number(double value);  // NaN and infinities are written as null
  JsonWriter& boolean(bool value);
  JsonWriter& null();
  // A string, or null when empty / absent.
  JsonWriter& string_or_null(std::string_view value);
  JsonWriter& strings(const std::vector<std::string>& values);  // an array of strings

  // The document; throws std::logic_error when an object or array is still open.
  const std::string& str() const;

 private:
  enum class Frame { Object, Array };
  void before_value();
  std::string out_;
  std::vector<Frame> stack_;
  std::vector<bool> first_;  // per frame: nothing written in it yet
  bool key_pending_ = false;
  bool done_ = false;
};

}  // namespace l3vpn::cli
