// Terse read access to a JSON answer in tests: doc->at("routes")[0].at("prefix").as_string().
// A missing key or index fails the test (REQUIRE) instead of crashing.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "cli/json_reader.hpp"

namespace l3vpn::cli::test {

class JsonAccess {
 public:
  explicit JsonAccess(const JsonValue* v) : v_(v) {}
  JsonAccess at(std::string_view key) const {
    const JsonValue* f = v_->find(key);
    REQUIRE_MESSAGE(f != nullptr, "no key " << std::string(key));
    return JsonAccess(f);
  }
  JsonAccess operator[](std::size_t i) const {
    REQUIRE(i < v_->items.size());
    return JsonAccess(&v_->items[i]);
  }
  std::string as_string() const { return v_->string; }
  double as_number() const { return v_->number; }
  bool as_bool() const { return v_->boolean; }
  std::size_t size() const { return v_->items.size(); }
  bool is_null() const { return v_->is_null(); }

 private:
  const JsonValue* v_;
};

// The parsed document; false when the text is not JSON.
class JsonDocument {
 public:
  explicit JsonDocument(std::string_view text) : parsed_(parse_json(text)), root_(parsed_.value ? &*parsed_.value : nullptr) {}
  explicit operator bool() const { return parsed_.value.has_value(); }
  const JsonAccess* operator->() const { return &root_; }

 private:
  JsonParseResult parsed_;
  JsonAccess root_;
};

}  // namespace l3vpn::cli::test
