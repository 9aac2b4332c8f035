// LDP PDUs and messages (RFC 5036 section 3) over byte fixtures from the seed
// lab, commented field by field, in both directions: the struct encodes to the
// bytes, and the bytes decode to the struct with nothing to notify.
//
// Seed lab: R1 1.1.1.1 (P router), R2 2.2.2.2, R3 3.3.3.3, R4 4.4.4.4, label
// space 0, transport address = loopback, hello hold time 15 s, keepalive 180 s.
#include <doctest/doctest.h>

#include <vector>

#include "ldp/codec/pdu.hpp"
#include "ldp_codec_fixtures.hpp"

using namespace l3vpn::ldp;
using ldp_fixtures::Bytes;

namespace {

constexpr std::uint32_t kR1 = 0x01010101;
constexpr std::uint32_t kR2 = 0x02020202;
constexpr std::uint32_t kR3 = 0x03030303;
constexpr std::uint32_t kR4 = 0x04040404;

DecodedPdu decoded(const Bytes& bytes) {
  auto d = decode_pdu(bytes);
  if (failed(d)) FAIL("decode failed: " << std::get<DecodeError>(d).reason);
  return std::get<DecodedPdu>(d);
}

// Both directions, and nothing to notify.
void check_fixture(const Pdu& pdu, const Bytes& bytes) {
  CHECK(encode_pdu(pdu) == bytes);
  DecodedPdu d = decoded(bytes);
  CHECK(d.pdu == pdu);
  CHECK(d.notifications.empty());
}

LabelMessage label_message(MessageType type, std::uint32_t id, std::vector<FecElement> fec) {
  LabelMessage m;
  m.type = type;
  m.id = id;
  m.fec = std::move(fec);
  return m;
}

}  // namespace

TEST_CASE("ldp: R1's link Hello, hold 15 s, transport address 1.1.1.1") {
  Hello hello;
  hello.id = 1;
  hello.hold_time = 15;
  hello.transport_address = kR1;
  const Bytes bytes = {
      0x00, 0x01,              // version 1
      0x00, 0x1E,              // PDU length 30
      0x01, 0x01, 0x01, 0x01,  // LSR ID 1.1.1.1
      0x00, 0x00,              // label space 0
      0x01, 0x00,              // U=0, Hello
      0x00, 0x14,              // message length 20
      0x00, 0x00, 0x00, 0x01,  // message ID 1
      0x04, 0x00, 0x00, 0x04,  // Common Hello Parameters, 4 bytes
      0x00, 0x0F,              //   hold time 15 s
      0x00, 0x00,              //   T=0 (link), R=0, reserved
      0x04, 0x01, 0x00, 0x04,  // IPv4 Transport Address, 4 bytes
      0x01, 0x01, 0x01, 0x01,  //   1.1.1.1
  };
  check_fixture(Pdu{{kR1, 0}, {hello}}, bytes);
}

TEST_CASE("ldp: a targeted Hello asking for targeted Hellos, with a configuration sequence number") {
  Hello hello;
  hello.id = 9;
  hello.hold_time = 45;
  hello.targeted = true;
  hello.request_targeted = true;
  hello.configuration_sequence = 2;
  const Bytes bytes = {
      0x00, 0x01, 0x00, 0x1E,  // version 1, PDU length 30
      0x02, 0x02, 0x02, 0x02, 0x00, 0x00,  // LDP ID 2.2.2.2:0
      0x01, 0x00, 0x00, 0x14,  // Hello, length 20
      0x00, 0x00, 0x00, 0x09,  // message ID 9
      0x04, 0x00, 0x00, 0x04,  // Common Hello Parameters, 4 bytes
      0x00, 0x2D,              //   hold time 45 s
      0xC0, 0x00,              //   T=1, R=1
      0x04, 0x02, 0x00, 0x04,  // Configuration Sequence Number, 4 bytes
      0x00, 0x00, 0x00, 0x02,  //   2
  };
  check_fixture(Pdu{{kR2, 0}, {hello}}, bytes);
}

TEST_CASE("ldp: R1's Initialization to R2, keepalive 180 s, downstream unsolicited") {
  Initialization init;
  init.id = 2;
  init.keepalive_time = 180;
  init.receiver = LdpId{kR2, 0};
  const Bytes bytes = {
      0x00, 0x01, 0x00, 0x20,  // version 1, PDU length 32
      0x01, 0x01, 0x01, 0x01, 0x00, 0x00,  // LDP ID 1.1.1.1:0
      0x02, 0x00,              // Initialization
      0x00, 0x16,              // message length 22
      0x00, 0x00, 0x00, 0x02,  // message ID 2
      0x05, 0x00, 0x00, 0x0E,  // Common Session Parameters, 14 bytes
      0x00, 0x01,              //   protocol version 1
      0x00, 0xB4,              //   keepalive time 180 s
      0x00,                    //   A=0 (unsolicited), D=0 (no loop detection), reserved
      0x00,                    //   path vector limit 0
      0x00, 0x00,              //   max PDU length 0 (= 4096)
      0x02, 0x02, 0x02, 0x02,  //   receiver LSR ID 2.2.2.2
      0x00, 0x00,              //   receiver label space 0
  };
  check_fixture(Pdu{{kR1, 0}, {init}}, bytes);
  CHECK(init.effective_max_pdu_length() == 4096);
}

TEST_CASE("ldp: KeepAlive, then Initialization and KeepAlive in one PDU") {
  const Bytes keepalive = {
      0x00, 0x01, 0x00, 0x0E,  // version 1, PDU length 14
      0x03, 0x03, 0x03, 0x03, 0x00, 0x00,  // LDP ID 3.3.3.3:0
      0x02, 0x01, 0x00, 0x04,  // KeepAlive, length 4
      0x00, 0x00, 0x00, 0x07,  // message ID 7
  };
  check_fixture(Pdu{{kR3, 0}, {KeepAlive{7, {}}}}, keepalive);

  Initialization init;
  init.id = 1;
  init.downstream_on_demand = true;
  init.loop_detection = true;
  init.path_vector_limit = 254;
  init.max_pdu_length = 9000;
  init.receiver = LdpId{kR1, 0};
  const Bytes both = {
      0x00, 0x01, 0x00, 0x28,  // version 1, PDU length 40
      0x03, 0x03, 0x03, 0x03, 0x00, 0x00,  // LDP ID 3.3.3.3:0
      0x02, 0x00, 0x00, 0x16,  // Initialization, length 22
      0x00, 0x00, 0x00, 0x01,  // message ID 1
      0x05, 0x00, 0x00, 0x0E,  // Common Session Parameters, 14 bytes
      0x00, 0x01, 0x00, 0xB4,  //   version 1, keepalive 180 s
      0xC0, 0xFE,              //   A=1 (on demand), D=1, path vector limit 254
      0x23, 0x28,              //   max PDU length 9000
      0x01, 0x01, 0x01, 0x01, 0x00, 0x00,  //   receiver 1.1.1.1:0
      0x02, 0x01, 0x00, 0x04,  // KeepAlive, length 4
      0x00, 0x00, 0x00, 0x02,  // message ID 2
  };
  check_fixture(Pdu{{kR3, 0}, {init, KeepAlive{2, {}}}}, both);
  CHECK(init.effective_max_pdu_length() == 9000);
}

TEST_CASE("ldp: R1 advertises its addresses and its label for 3.3.3.3/32 in one PDU") {
  AddressMessage address;
  address.id = 3;
  address.addresses = {kR1, 0x0A000C01};
  LabelMessage mapping = label_message(MessageType::LabelMapping, 4, {PrefixFec{kR3, 32}});
  mapping.label = 17;
  const Bytes bytes = {
      0x00, 0x01, 0x00, 0x38,  // version 1, PDU length 56
      0x01, 0x01, 0x01, 0x01, 0x00, 0x00,  // LDP ID 1.1.1.1:0
      0x03, 0x00, 0x00, 0x12,  // Address, length 18
      0x00, 0x00, 0x00, 0x03,  // message ID 3
      0x01, 0x01, 0x00, 0x0A,  // Address List, 10 bytes
      0x00, 0x01,              //   address family 1 (IPv4)
      0x01, 0x01, 0x01, 0x01,  //   1.1.1.1
      0x0A, 0x00, 0x0C, 0x01,  //   10.0.12.1
      0x04, 0x00, 0x00, 0x18,  // Label Mapping, length 24
      0x00, 0x00, 0x00, 0x04,  // message ID 4
      0x01, 0x00, 0x00, 0x08,  // FEC, 8 bytes
      0x02,                    //   Prefix element
      0x00, 0x01,              //   address family 1
      0x20,                    //   prefix length 32
      0x03, 0x03, 0x03, 0x03,  //   3.3.3.3
      0x02, 0x00, 0x00, 0x04,  // Generic Label, 4 bytes
      0x00, 0x00, 0x00, 0x11,  //   label 17
  };
  check_fixture(Pdu{{kR1, 0}, {address, mapping}}, bytes);
}

TEST_CASE("ldp: R3 maps its own loopback to implicit null") {
  LabelMessage mapping = label_message(MessageType::LabelMapping, 5, {PrefixFec{kR3, 32}});
  mapping.label = kImplicitNullLabel;
  const Bytes bytes = {
      0x00, 0x01, 0x00, 0x22,  // version 1, PDU length 34
      0x03, 0x03, 0x03, 0x03, 0x00, 0x00,  // LDP ID 3.3.3.3:0
      0x04, 0x00, 0x00, 0x18,  // Label Mapping, length 24
      0x00, 0x00, 0x00, 0x05,  // message ID 5
      0x01, 0x00, 0x00, 0x08,  // FEC, 8 bytes
      0x02, 0x00, 0x01, 0x20,  //   Prefix, IPv4, /32
      0x03, 0x03, 0x03, 0x03,  //   3.3.3.3
      0x02, 0x00, 0x00, 0x04,  // Generic Label, 4 bytes
      0x00, 0x00, 0x00, 0x03,  //   label 3 (implicit null)
  };
  check_fixture(Pdu{{kR3, 0}, {mapping}}, bytes);
}

TEST_CASE("ldp: a prefix takes only the bytes its length needs") {
  LabelMessage mapping = label_message(MessageType::LabelMapping, 6,
                                       {PrefixFec{0x0A000C00, 24}, PrefixFec{0, 0}});
  mapping.label = 18;
  mapping.label_request_id = 40;
  const Bytes bytes = {
      0x00, 0x01, 0x00, 0x2D,  // version 1, PDU length 45
      0x01, 0x01, 0x01, 0x01, 0x00, 0x00,  // LDP ID 1.1.1.1:0
      0x04, 0x00, 0x00, 0x23,  // Label Mapping, length 35
      0x00, 0x00, 0x00, 0x06,  // message ID 6
      0x01, 0x00, 0x00, 0x0B,  // FEC, 11 bytes
      0x02, 0x00, 0x01, 0x18,  //   Prefix, IPv4, /24
      0x0A, 0x00, 0x0C,        //   10.0.12 (3 bytes)
      0x02, 0x00, 0x01, 0x00,  //   Prefix, IPv4, /0 (no bytes: the default route)
      0x02, 0x00, 0x00, 0x04,  // Generic Label, 4 bytes
      0x00, 0x00, 0x00, 0x12,  //   label 18
      0x06, 0x00, 0x00, 0x04,  // Label Request Message ID, 4 bytes
      0x00, 0x00, 0x00, 0x28,  //   40
  };
  check_fixture(Pdu{{kR1, 0}, {mapping}}, bytes);
}

TEST_CASE("ldp: Label Request, Withdraw, Release and Abort Request") {
  LabelMessage request = label_message(MessageType::LabelRequest, 40, {PrefixFec{kR4, 32}});
  LabelMessage withdraw = label_message(MessageType::LabelWithdraw, 41, {WildcardFec{}});
  LabelMessage release = label_message(MessageType::LabelRelease, 42, {PrefixFec{kR3, 32}});
  release.label = 17;
  LabelMessage abort = label_message(MessageType::LabelAbortRequest, 43, {PrefixFec{kR4, 32}});
  abort.label_request_id = 40;
  const Bytes bytes = {
      0x00, 0x01, 0x00, 0x5F,  // version 1, PDU length 95
      0x02, 0x02, 0x02, 0x02, 0x00, 0x00,  // LDP ID 2.2.2.2:0
      0x04, 0x01, 0x00, 0x10,  // Label Request, length 16
      0x00, 0x00, 0x00, 0x28,  // message ID 40
      0x01, 0x00, 0x00, 0x08,  // FEC, 8 bytes
      0x02, 0x00, 0x01, 0x20, 0x04, 0x04, 0x04, 0x04,  // Prefix 4.4.4.4/32
      0x04, 0x02, 0x00, 0x09,  // Label Withdraw, length 9
      0x00, 0x00, 0x00, 0x29,  // message ID 41
      0x01, 0x00, 0x00, 0x01,  // FEC, 1 byte
      0x01,                    //   Wildcard element: every FEC
      0x04, 0x03, 0x00, 0x18,  // Label Release, length 24
      0x00, 0x00, 0x00, 0x2A,  // message ID 42
      0x01, 0x00, 0x00, 0x08,  // FEC, 8 bytes
      0x02, 0x00, 0x01, 0x20, 0x03, 0x03, 0x03, 0x03,  // Prefix 3.3.3.3/32
      0x02, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x11,  // Generic Label 17
      0x04, 0x04, 0x00, 0x18,  // Label Abort Request, length 24
      0x00, 0x00, 0x00, 0x2B,  // message ID 43
      0x01, 0x00, 0x00, 0x08,  // FEC, 8 bytes
      0x02, 0x00, 0x01, 0x20, 0x04, 0x04, 0x04, 0x04,  // Prefix 4.4.4.4/32
      0x06, 0x00, 0x00, 0x04,  // Label Request Message ID, 4 bytes
      0x00, 0x00, 0x00, 0x28,  //   40
  };
  check_fixture(Pdu{{kR2, 0}, {request, withdraw, release, abort}}, bytes);
}

TEST_CASE("ldp: Address Withdraw") {
  AddressMessage withdraw;
  withdraw.id = 8;
  withdraw.withdraw = true;
  withdraw.addresses = {0x0A000C01};
  const Bytes bytes = {
      0x00, 0x01, 0x00, 0x18,  // version 1, PDU length 24
      0x01, 0x01, 0x01, 0x01, 0x00, 0x00,  // LDP ID 1.1.1.1:0
      0x03, 0x01, 0x00, 0x0E,  // Address Withdraw, length 14
      0x00, 0x00, 0x00, 0x08,  // message ID 8
      0x01, 0x01, 0x00, 0x06,  // Address List, 6 bytes
      0x00, 0x01,              //   IPv4
      0x0A, 0x00, 0x0C, 0x01,  //   10.0.12.1
  };
  check_fixture(Pdu{{kR1, 0}, {withdraw}}, bytes);
}

TEST_CASE("ldp: Notification: Shutdown (fatal), and an advisory one with Extended Status") {
  Notification shutdown;
  shutdown.id = 10;
  shutdown.status_code = static_cast<std::uint32_t>(StatusCode::Shutdown);
  shutdown.fatal = true;
  const Bytes bytes = {
      0x00, 0x01, 0x00, 0x1C,  // version 1, PDU length 28
      0x01, 0x01, 0x01, 0x01, 0x00, 0x00,  // LDP ID 1.1.1.1:0
      0x00, 0x01, 0x00, 0x12,  // Notification, length 18
      0x00, 0x00, 0x00, 0x0A,  // message ID 10
      0x03, 0x00, 0x00, 0x0A,  // Status, 10 bytes
      0x80, 0x00, 0x00, 0x0A,  //   E=1, F=0, status Shutdown (0x0A)
      0x00, 0x00, 0x00, 0x00,  //   message ID 0: not about one message
      0x00, 0x00,              //   message type 0
  };
  check_fixture(Pdu{{kR1, 0}, {shutdown}}, bytes);

  Notification unknown_fec;
  unknown_fec.id = 11;
  unknown_fec.status_code = static_cast<std::uint32_t>(StatusCode::UnknownFec);
  unknown_fec.forward = true;
  unknown_fec.message_id = 4;
  unknown_fec.message_type = 0x0400;
  unknown_fec.extended_status = 0xDEAD;
  const Bytes advisory = {
      0x00, 0x01, 0x00, 0x24,  // version 1, PDU length 36
      0x01, 0x01, 0x01, 0x01, 0x00, 0x00,  // LDP ID 1.1.1.1:0
      0x00, 0x01, 0x00, 0x1A,  // Notification, length 26
      0x00, 0x00, 0x00, 0x0B,  // message ID 11
      0x03, 0x00, 0x00, 0x0A,  // Status, 10 bytes
      0x40, 0x00, 0x00, 0x0C,  //   E=0, F=1, Unknown FEC (0x0C)
      0x00, 0x00, 0x00, 0x04,  //   about message ID 4
      0x04, 0x00,              //   a Label Mapping
      0x03, 0x01, 0x00, 0x04,  // Extended Status, 4 bytes
      0x00, 0x00, 0xDE, 0xAD,  //   0xDEAD
  };
  check_fixture(Pdu{{kR1, 0}, {unknown_fec}}, advisory);
}

TEST_CASE("ldp: a decode error becomes the Notification RFC 5036 asks for") {
  // A Label Mapping without a label: Missing Message Parameters, advisory.
  const Bytes bytes = ldp_fixtures::pdu(
      ldp_fixtures::message(0x0400, 4, ldp_fixtures::fec(ldp_fixtures::prefix_element(kR3, 32))));
  DecodedPdu d = decoded(bytes);
  CHECK(d.pdu.messages.empty());
  REQUIRE(d.notifications.size() == 1);
  Notification n = to_notification(d.notifications[0], 100);
  CHECK(n.id == 100);
  CHECK(n.status_code == 0x16);
  CHECK_FALSE(n.fatal);
  CHECK(n.message_id == 4);
  CHECK(n.message_type == 0x0400);
  CHECK(encode_message(n) == Bytes{0x00, 0x01, 0x00, 0x12,  // Notification, length 18
                                   0x00, 0x00, 0x00, 0x64,  // message ID 100
                                   0x03, 0x00, 0x00, 0x0A,  // Status, 10 bytes
                                   0x00, 0x00, 0x00, 0x16,  //   E=0, Missing Message Parameters
                                   0x00, 0x00, 0x00, 0x04,  //   message ID 4
                                   0x04, 0x00});            //   Label Mapping
}

TEST_CASE("ldp: unknown TLVs and messages follow the U and F bits (RFC 5036 3.5.1.2)") {
  using namespace ldp_fixtures;
  const Bytes hello_tlvs = common_hello(15);
  SUBCASE("unknown TLV, U=1 F=1: kept and forwarded with the message") {
    Bytes bytes = pdu(message(0x0100, 1, cat({hello_tlvs, tlv(0xC123, {0xAB, 0xCD})})));
    DecodedPdu d = decoded(bytes);
    CHECK(d.notifications.empty());
    REQUIRE(d.pdu.messages.size() == 1);
    const Hello& h = std::get<Hello>(d.pdu.messages[0]);
    REQUIRE(h.forwarded.size() == 1);
    CHECK(h.forwarded[0] == RawTlv{0x0123, {0xAB, 0xCD}});
    CHECK(encode_pdu(d.pdu) == bytes);
  }
  SUBCASE("unknown TLV, U=1 F=0: ignored silently") {
    DecodedPdu d = decoded(pdu(message(0x0100, 1, cat({tlv(0x8123, {0x01}), hello_tlvs}))));
    CHECK(d.notifications.empty());
    REQUIRE(d.pdu.messages.size() == 1);
    CHECK(std::get<Hello>(d.pdu.messages[0]).forwarded.empty());
  }
  SUBCASE("unknown TLV, U=0: Unknown TLV, that message dropped, the next one kept") {
    DecodedPdu d = decoded(pdu(cat({message(0x0100, 1, cat({hello_tlvs, tlv(0x0123, {})})),
                                    message(0x0201, 2, {})})));
    REQUIRE(d.notifications.size() == 1);
    CHECK(d.notifications[0].status == StatusCode::UnknownTlv);
    CHECK_FALSE(d.notifications[0].fatal);
    CHECK(d.notifications[0].message_id == 1);
    REQUIRE(d.pdu.messages.size() == 1);
    CHECK(std::holds_alternative<KeepAlive>(d.pdu.messages[0]));
  }
  SUBCASE("a known TLV in a message it does not belong to is unknown there") {
    DecodedPdu d = decoded(pdu(message(0x0100, 1, cat({hello_tlvs, label(17)}))));
    REQUIRE(d.notifications.size() == 1);
    CHECK(d.notifications[0].status == StatusCode::UnknownTlv);
  }
  SUBCASE("unknown message, U=1: ignored silently") {
    DecodedPdu d = decoded(pdu(cat({message(0xBF00, 5, {0x00}), message(0x0201, 6, {})})));
    CHECK(d.notifications.empty());
    REQUIRE(d.pdu.messages.size() == 1);
    CHECK(id_of(d.pdu.messages[0]) == 6);
  }
  SUBCASE("unknown message, U=0: Unknown Message Type, advisory") {
    DecodedPdu d = decoded(pdu(cat({message(0x3F00, 5, {}), message(0x0201, 6, {})})));
    REQUIRE(d.notifications.size() == 1);
    CHECK(d.notifications[0].status == StatusCode::UnknownMessageType);
    CHECK_FALSE(d.notifications[0].fatal);
    CHECK(d.notifications[0].message_type == 0x3F00);
    CHECK(d.pdu.messages.size() == 1);
  }
  SUBCASE("a fatal error stops the PDU") {
    auto d = decode_pdu(pdu(cat({message(0x0201, 6, {}), message(0x0100, 1, tlv(0x0400, {0x00}))})));
    REQUIRE(failed(d));
    CHECK(std::get<DecodeError>(d).status == StatusCode::BadTlvLength);
    CHECK(std::get<DecodeError>(d).fatal);
  }
}

TEST_CASE("ldp: the PDU header alone frames a stream") {
  const Bytes bytes = ldp_fixtures::pdu(ldp_fixtures::message(0x0201, 1, {}));
  auto h = decode_pdu_header(Bytes(bytes.begin(), bytes.begin() + 10));
  REQUIRE_FALSE(failed(h));
  CHECK(std::get<PduHeader>(h).length + 4u == bytes.size());
  CHECK(std::get<PduHeader>(h).ldp_id == LdpId{kR1, 0});
  CHECK_FALSE(failed(decode_pdu(bytes, PduLimits{4096, LdpId{kR1, 0}})));
}

TEST_CASE("ldp: status codes carry the E bit of RFC 5036 section 3.9") {
  CHECK_FALSE(is_fatal(StatusCode::Success));
  CHECK(is_fatal(StatusCode::BadLdpIdentifier));
  CHECK(is_fatal(StatusCode::BadProtocolVersion));
  CHECK(is_fatal(StatusCode::BadPduLength));
  CHECK_FALSE(is_fatal(StatusCode::UnknownMessageType));
  CHECK(is_fatal(StatusCode::BadMessageLength));
  CHECK_FALSE(is_fatal(StatusCode::UnknownTlv));
  CHECK(is_fatal(StatusCode::BadTlvLength));
  CHECK(is_fatal(StatusCode::MalformedTlvValue));
  CHECK(is_fatal(StatusCode::HoldTimerExpired));
  CHECK(is_fatal(StatusCode::Shutdown));
  CHECK_FALSE(is_fatal(StatusCode::LoopDetected));
  CHECK_FALSE(is_fatal(StatusCode::UnknownFec));
  CHECK_FALSE(is_fatal(StatusCode::NoRoute));
  CHECK_FALSE(is_fatal(StatusCode::NoLabelResources));
  CHECK_FALSE(is_fatal(StatusCode::LabelResourcesAvailable));
  CHECK(is_fatal(StatusCode::SessionRejectedNoHello));
  CHECK(is_fatal(StatusCode::SessionRejectedAdvertisementMode));
  CHECK(is_fatal(StatusCode::SessionRejectedMaxPduLength));
  CHECK(is_fatal(StatusCode::SessionRejectedLabelRange));
  CHECK(is_fatal(StatusCode::KeepAliveTimerExpired));
  CHECK_FALSE(is_fatal(StatusCode::LabelRequestAborted));
  CHECK_FALSE(is_fatal(StatusCode::MissingMessageParameters));
  CHECK_FALSE(is_fatal(StatusCode::UnsupportedAddressFamily));
  CHECK(is_fatal(StatusCode::SessionRejectedBadKeepAliveTime));
  CHECK(is_fatal(StatusCode::InternalError));
  CHECK(static_cast<std::uint32_t>(StatusCode::InternalError) == 0x19);
}
