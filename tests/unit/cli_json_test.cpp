#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "cli/json_reader.hpp"
#include "cli/json_writer.hpp"

using l3vpn::cli::json_quote;
using l3vpn::cli::JsonWriter;
using l3vpn::cli::parse_json;

TEST_CASE("JSON string escaping") {
  CHECK(json_quote("plain") == "\"plain\"");
  CHECK(json_quote("a\"b\\c") == "\"a\\\"b\\\\c\"");
  CHECK(json_quote("l1\nl2\r\t") == "\"l1\\nl2\\r\\t\"");
  CHECK(json_quote(std::string("\x01\x1f\b\f", 4)) == "\"\\u0001\\u001f\\b\\f\"");
  CHECK(json_quote("caf\xc3\xa9") == "\"caf\xc3\xa9\"");  // valid UTF-8 kept
  CHECK(json_quote("bad\xff") == "\"bad\\ufffd\"");     // invalid byte replaced
  CHECK(json_quote("/") == "\"/\"");
}

TEST_CASE("JSON writer builds nested documents") {
  JsonWriter w;
  w.begin_object()
      .key("name").string("Technique")
      .key("rd").null()
      .key("count").number(3)
      .key("big").number(std::uint64_t{4200000000})
      .key("neg").number(std::int64_t{-7})
      .key("ok").boolean(true)
      .key("list").begin_array().string("a").number(1).begin_object().end_object().end_array()
      .key("empty").begin_array().end_array()
      .end_object();
  CHECK(w.str() ==
        "{\"name\":\"Technique\",\"rd\":null,\"count\":3,\"big\":4200000000,\"neg\":-7,"
        "\"ok\":true,\"list\":[\"a\",1,{}],\"empty\":[]}");
}

TEST_CASE("JSON writer refuses misuse instead of writing broken JSON") {
  JsonWriter w;
  w.begin_object();
  CHECK_THROWS_AS(w.string("no key"), std::logic_error);
  CHECK_THROWS_AS(w.str(), std::logic_error);
  CHECK_THROWS_AS(w.end_array(), std::logic_error);
}

TEST_CASE("JSON reader reads what the writer writes") {
  JsonWriter w;
  w.begin_object().key("s").string("a\"\n\x01\xc3\xa9").key("n").number(-12).key("b").boolean(false)
      .key("a").begin_array().null().end_array().end_object();
  const auto parsed = parse_json(w.str());
  REQUIRE(parsed.value.has_value());
  CHECK(parsed.value->find("s")->string == "a\"\n\x01\xc3\xa9");
  CHECK(parsed.value->find("n")->number == -12);
  CHECK(parsed.value->find("b")->boolean == false);
  CHECK(parsed.value->find("a")->items.at(0).is_null());
  CHECK(parsed.value->find("missing") == nullptr);
}

TEST_CASE("JSON reader: escapes, surrogate pairs and errors") {
  auto parsed = parse_json(R"(["\u00e9\ud83d\ude00", 1.5e2, true])");
  REQUIRE(parsed.value.has_value());
  CHECK(parsed.value->items[0].string == "\xc3\xa9\xf0\x9f\x98\x80");
  CHECK(parsed.value->items[1].number == 150);
  CHECK(parse_json("{\"a\":}").error == "offset 5: unexpected character '}'");
  CHECK_FALSE(parse_json("[1,2").value.has_value());
  CHECK_FALSE(parse_json("\"open").value.has_value());
  CHECK_FALSE(parse_json("{} x").value.has_value());
  CHECK_FALSE(parse_json(std::string(100, '[')).value.has_value());  // too deep
}
