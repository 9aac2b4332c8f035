// A small JSON reader, the counterpart of JsonWriter: enough for l3vpnctl and
// tests to read what the daemons answer. Pure; never throws on bad input:
// parse_json() returns nothing and an error naming the byte offset.
// Limits: nesting depth 64; numbers are held as double.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace l3vpn::cli {

struct JsonValue {
  enum class Type { Null, Boolean, Number, String, Array, Object };
  Type type = Type::Null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<JsonValue> items;   // array elements, or object member values
  std::vector<std::string> keys;  // object member names, parallel to items

  // Object member, or nullptr when absent or when this is not an object.
  const JsonValue* find(std::string_view key) const;
  bool is_null() const { return type == Type::Null; }
};

struct JsonParseResult {
  std::optional<JsonValue> value;
  std::string error;  // "offset N: what was wrong"
};

JsonParseResult parse_json(std::string_view text);

}  // namespace l3vpn::cli
