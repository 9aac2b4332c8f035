// LDP's TCP stream framer: whole PDUs out of any split, and the header
// limits of RFC 5036 3.1 (length 6..4096, version 1, LSR ID not 0).
#include <doctest/doctest.h>

#include <vector>

#include "ldp/transport/pdu_framer.hpp"

using namespace l3vpn::ldp;

namespace {

// A KeepAlive PDU from 2.2.2.2:0: PDU length 14 (6 of LDP ID + 8 of message).
const std::vector<std::uint8_t> kKeepAlive = {
    0x00, 0x01,              // version 1
    0x00, 0x0E,              // PDU length 14
    2, 2, 2, 2, 0x00, 0x00,  // LDP identifier 2.2.2.2:0
    0x02, 0x01,              // KeepAlive
    0x00, 0x04,              // message length 4
    0x00, 0x00, 0x00, 0x07,  // message ID 7
};

std::vector<std::uint8_t> header_with_length(std::uint16_t length) {
  return {0x00, 0x01, static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length), 2, 2, 2, 2, 0, 0};
}

}  // namespace

TEST_CASE("two PDUs arriving a byte at a time come out whole, in order") {
  PduFramer framer;
  std::vector<std::uint8_t> stream = kKeepAlive;
  stream.insert(stream.end(), kKeepAlive.begin(), kKeepAlive.end());
  std::vector<std::vector<std::uint8_t>> out;
  for (std::uint8_t byte : stream) {
    framer.append(std::span<const std::uint8_t>(&byte, 1));
    while (auto next = framer.next()) {
      REQUIRE(std::holds_alternative<std::vector<std::uint8_t>>(*next));
      out.push_back(std::get<std::vector<std::uint8_t>>(*next));
    }
  }
  REQUIRE(out.size() == 2);
  CHECK(out[0] == kKeepAlive);
  CHECK(out[1] == kKeepAlive);
  CHECK(framer.buffered() == 0);
}

TEST_CASE("a PDU length below 6 or above 4096 loses the framing: one error, then nothing") {
  for (std::uint16_t bad : {std::uint16_t{5}, std::uint16_t{4097}}) {
    CAPTURE(bad);
    PduFramer framer;
    framer.append(header_with_length(bad));
    auto next = framer.next();
    REQUIRE(next.has_value());
    REQUIRE(std::holds_alternative<DecodeError>(*next));
    CHECK(std::get<DecodeError>(*next).status == StatusCode::BadPduLength);
    CHECK(framer.failed());
    framer.append(kKeepAlive);
    CHECK_FALSE(framer.next().has_value());
  }
}

TEST_CASE("a PDU of exactly 4096 bytes of length is waited for, not refused") {
  PduFramer framer;
  framer.append(header_with_length(4096));
  CHECK_FALSE(framer.next().has_value());
  CHECK_FALSE(framer.failed());
}

TEST_CASE("a wrong version is Bad Protocol Version") {
  PduFramer framer;
  std::vector<std::uint8_t> pdu = kKeepAlive;
  pdu[1] = 2;
  framer.append(pdu);
  auto next = framer.next();
  REQUIRE(next.has_value());
  CHECK(std::get<DecodeError>(*next).status == StatusCode::BadProtocolVersion);
}
