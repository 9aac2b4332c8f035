#include <doctest/doctest.h>

#include <array>

#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"

using l3vpn::wire::ByteReader;
using l3vpn::wire::ByteWriter;

TEST_CASE("a reader decodes network byte order and stops at the end of its buffer") {
  const std::array<std::uint8_t, 10> bytes{0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
                                           0x07, 0x08, 0x09, 0x0A};
  ByteReader r(bytes);
  CHECK(r.u8() == 0x01);
  CHECK(r.u16() == 0x0203);
  CHECK(r.u24() == 0x040506u);
  CHECK(r.u32() == 0x0708090Au);
  CHECK(r.empty());
  CHECK_FALSE(r.failed());
  CHECK_FALSE(r.u8().has_value());
  CHECK(r.failed());
  CHECK(r.remaining() == 0);
}

TEST_CASE("a short read fails without consuming and every later read fails too") {
  const std::array<std::uint8_t, 3> bytes{0xAA, 0xBB, 0xCC};
  ByteReader r(bytes);
  CHECK_FALSE(r.u32().has_value());
  CHECK(r.failed());
  CHECK_FALSE(r.u8().has_value());  // failed readers stay failed: no half-decoded fields
  CHECK(r.rest().empty());
}

TEST_CASE("a sub-reader for a TLV ends where the TLV ends") {
  // type 1, length 2, value 0xBEEF, then the next TLV's type 9
  const std::array<std::uint8_t, 5> bytes{0x01, 0x02, 0xBE, 0xEF, 0x09};
  ByteReader r(bytes);
  REQUIRE(r.u8() == 1);
  auto len = r.u8();
  REQUIRE(len == 2);
  auto tlv = r.sub(*len);
  REQUIRE(tlv.has_value());
  CHECK(tlv->u16() == 0xBEEF);
  CHECK_FALSE(tlv->u8().has_value());  // cannot read into the neighbour
  CHECK(r.u8() == 9);                  // the outer reader went past the TLV
}

TEST_CASE("a sub-reader longer than what is left fails") {
  const std::array<std::uint8_t, 2> bytes{0x05, 0x00};
  ByteReader r(bytes);
  auto len = r.u8();
  CHECK_FALSE(r.sub(*len).has_value());
  CHECK(r.failed());
}

TEST_CASE("a writer patches length fields after the body is written") {
  ByteWriter w;
  w.u8(0x02);
  auto len16 = w.reserve_u16();
  w.u32(0xC0A80101u);
  auto len8 = w.reserve_u8();
  w.u24(0x800000u);
  w.patch_u8_length(len8);
  w.patch_u16_length(len16);
  const std::vector<std::uint8_t> expected{
      0x02,                    // type
      0x00, 0x08,              // length of what follows: 4 + 1 + 3
      0xC0, 0xA8, 0x01, 0x01,  // 192.168.1.1
      0x03,                    // inner length
      0x80, 0x00, 0x00};       // withdrawn label
  CHECK(w.data() == expected);
  ByteReader r(w.data());
  CHECK(r.u8() == 2);
  CHECK(r.u16() == 8);
}
