// Malformed LDP PDUs, messages and TLVs, one table row each: the bytes (a
// whole PDU, built with the helpers of ldp_codec_fixtures.hpp so each row
// states only what it breaks) and the status RFC 5036 section 3.5.1 calls for,
// with its E bit: fatal errors are decode_pdu's answer (notify, then close),
// advisory ones are listed in DecodedPdu::notifications and drop only their
// message. Message-level rows use message ID 7, so the error must name it.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "ldp/codec/pdu.hpp"
#include "ldp_codec_fixtures.hpp"

using namespace l3vpn::ldp;
using namespace ldp_fixtures;

namespace {

constexpr std::uint32_t kId = 7;
constexpr std::uint16_t kHello = 0x0100, kInit = 0x0200, kKeepAlive = 0x0201, kAddress = 0x0300,
                        kMapping = 0x0400, kRequest = 0x0401, kAbort = 0x0404, kNotification = 0x0001;

struct Row {
  const char* name;
  Bytes bytes;
  StatusCode status;
  bool pdu_level = false;  // error not about one message: message ID 0
  std::optional<PduLimits> limits = std::nullopt;
};

Bytes hello(const Bytes& tlvs) { return pdu(message(kHello, kId, tlvs)); }
Bytes mapping(const Bytes& tlvs) { return pdu(message(kMapping, kId, tlvs)); }
Bytes address(const Bytes& tlvs) { return pdu(message(kAddress, kId, tlvs)); }
const Bytes kFecR3 = fec(prefix_element(0x03030303, 32));

std::vector<Row> rows() {
  const Bytes keepalive = message(kKeepAlive, 1, {});
  const Bytes whole = pdu(keepalive);
  return {
      // ------------------------------------------------------------ PDU header
      {"empty input", {}, StatusCode::BadPduLength, true},
      {"9 bytes: header cut", Bytes(whole.begin(), whole.begin() + 9),
       StatusCode::BadPduLength, true},
      {"version 2", pdu_raw(2, 14, 0x01010101, keepalive), StatusCode::BadProtocolVersion, true},
      {"version 0", pdu_raw(0, 14, 0x01010101, keepalive), StatusCode::BadProtocolVersion, true},
      {"PDU length 5: shorter than the LDP identifier", pdu_raw(1, 5, 0x01010101, {}),
       StatusCode::BadPduLength, true},
      {"PDU length 4097 above the default maximum", pdu_raw(1, 4097, 0x01010101, Bytes(4091, 0)),
       StatusCode::BadPduLength, true},
      {"PDU length above a negotiated maximum of 1000",
       pdu_raw(1, 1001, 0x01010101, Bytes(995, 0)), StatusCode::BadPduLength, true,
       PduLimits{1000, std::nullopt}},
      {"PDU length larger than the bytes", pdu_raw(1, 20, 0x01010101, keepalive),
       StatusCode::BadPduLength, true},
      {"bytes past the PDU length", pdu_raw(1, 6, 0x01010101, keepalive), StatusCode::BadPduLength,
       true},
      {"LDP identifier of another LSR", pdu(keepalive, 0x04040404), StatusCode::BadLdpIdentifier,
       true, PduLimits{4096, LdpId{0x03030303, 0}}},
      {"LSR ID 0.0.0.0", pdu(keepalive, 0), StatusCode::BadLdpIdentifier, true},
      {"3 stray bytes after the last message", pdu(cat({keepalive, {0x02, 0x01, 0x00}})),
       StatusCode::BadPduLength, true},
      // ------------------------------------------------------------ message header
      {"message length 3: no room for the message ID", pdu(message_raw(kKeepAlive, 3, kId, {})),
       StatusCode::BadMessageLength},
      {"message length past the end of the PDU", pdu(message_raw(kKeepAlive, 12, kId, {0, 0})),
       StatusCode::BadMessageLength},
      {"unknown message type 0x3E00 with U clear", pdu(message(0x3E00, kId, {})),
       StatusCode::UnknownMessageType},
      // ------------------------------------------------------------ TLV header
      {"TLV length past the end of the message", hello(tlv_raw_len(0x0400, 8, {0, 15, 0, 0})),
       StatusCode::BadTlvLength},
      {"TLV header cut: 2 bytes left in the message", hello(cat({common_hello(15), {0x04, 0x01}})),
       StatusCode::BadTlvLength},
      {"unknown TLV with U clear in a Hello", hello(cat({common_hello(15), tlv(0x0123, {1})})),
       StatusCode::UnknownTlv},
      {"unknown TLV with U clear in a KeepAlive", pdu(message(kKeepAlive, kId, tlv(0x3FFF, {}))),
       StatusCode::UnknownTlv},
      {"Generic Label TLV in a Label Request", pdu(message(kRequest, kId, cat({kFecR3, label(17)}))),
       StatusCode::UnknownTlv},
      // ------------------------------------------------------------ Hello
      {"Hello without Common Hello Parameters", hello(tlv(0x0401, u32(0x01010101))),
       StatusCode::MissingMessageParameters},
      {"Common Hello Parameters of 3 bytes", hello(tlv(0x0400, {0, 15, 0})), StatusCode::BadTlvLength},
      {"IPv4 Transport Address of 6 bytes",
       hello(cat({common_hello(15), tlv(0x0401, {1, 1, 1, 1, 0, 0})})), StatusCode::BadTlvLength},
      {"Configuration Sequence Number of 2 bytes",
       hello(cat({common_hello(15), tlv(0x0402, {0, 1})})), StatusCode::BadTlvLength},
      // ------------------------------------------------------------ Initialization
      {"Initialization without Common Session Parameters", pdu(message(kInit, kId, {})),
       StatusCode::MissingMessageParameters},
      {"Common Session Parameters of 12 bytes", pdu(message(kInit, kId, tlv(0x0500, Bytes(12, 0)))),
       StatusCode::BadTlvLength},
      {"session parameters for LDP version 2",
       pdu(message(kInit, kId, tlv(0x0500, cat({u16(2), u16(180), Bytes(10, 0)})))),
       StatusCode::BadProtocolVersion},
      {"keepalive time 0", pdu(message(kInit, kId, tlv(0x0500, cat({u16(1), u16(0), Bytes(10, 0)})))),
       StatusCode::SessionRejectedBadKeepAliveTime},
      // ------------------------------------------------------------ Address
      {"Address without Address List", address({}), StatusCode::MissingMessageParameters},
      {"Address Withdraw without Address List", pdu(message(0x0301, kId, {})),
       StatusCode::MissingMessageParameters},
      {"Address List of family 2 (IPv6)", address(tlv(0x0101, cat({u16(2), Bytes(16, 0)}))),
       StatusCode::UnsupportedAddressFamily},
      {"IPv4 Address List of 5 bytes", address(tlv(0x0101, cat({u16(1), {1, 1, 1, 1, 1}}))),
       StatusCode::MalformedTlvValue},
      {"Address List of 1 byte", address(tlv(0x0101, {0})), StatusCode::BadTlvLength},
      // ------------------------------------------------------------ label messages
      {"Label Mapping without FEC", mapping(label(17)), StatusCode::MissingMessageParameters},
      {"Label Mapping without label", mapping(kFecR3), StatusCode::MissingMessageParameters},
      {"Label Request without FEC", pdu(message(kRequest, kId, {})),
       StatusCode::MissingMessageParameters},
      {"Label Abort Request without Label Request Message ID", pdu(message(kAbort, kId, kFecR3)),
       StatusCode::MissingMessageParameters},
      {"FEC TLV with no element", mapping(cat({fec({}), label(17)})), StatusCode::MalformedTlvValue},
      {"prefix length 33", mapping(cat({fec({2, 0, 1, 33, 3, 3, 3, 3, 0}), label(17)})),
       StatusCode::MalformedTlvValue},
      {"prefix /32 with 3 bytes", mapping(cat({fec({2, 0, 1, 32, 3, 3, 3}), label(17)})),
       StatusCode::MalformedTlvValue},
      {"prefix element cut after its family", mapping(cat({fec({2, 0, 1}), label(17)})),
       StatusCode::MalformedTlvValue},
      {"prefix of address family 2 (IPv6)",
       mapping(cat({fec(cat({{2}, u16(2), {128}, Bytes(16, 0)})), label(17)})),
       StatusCode::UnsupportedAddressFamily},
      {"FEC element type 0x80 (PWid, RFC 4447)", mapping(cat({fec({0x80, 0, 0}), label(17)})),
       StatusCode::UnknownFec},
      {"wildcard FEC with a prefix in the same TLV",
       pdu(message(0x0402, kId, fec(cat({{1}, prefix_element(0x03030303, 32)})))),
       StatusCode::MalformedTlvValue},
      {"label 0x100000: more than 20 bits", mapping(cat({kFecR3, label(0x100000)})),
       StatusCode::MalformedTlvValue},
      {"Generic Label of 3 bytes", mapping(cat({kFecR3, tlv(0x0200, {0, 0, 17})})),
       StatusCode::BadTlvLength},
      {"Label Request Message ID of 5 bytes",
       mapping(cat({kFecR3, label(17), tlv(0x0600, Bytes(5, 0))})), StatusCode::BadTlvLength},
      // ------------------------------------------------------------ Notification
      {"Notification without Status", pdu(message(kNotification, kId, {})),
       StatusCode::MissingMessageParameters},
      {"Status TLV of 8 bytes", pdu(message(kNotification, kId, tlv(0x0300, Bytes(8, 0)))),
       StatusCode::BadTlvLength},
      {"Extended Status of 2 bytes",
       pdu(message(kNotification, kId, cat({tlv(0x0300, Bytes(10, 0)), tlv(0x0301, {0, 1})}))),
       StatusCode::BadTlvLength},
  };
}

}  // namespace

TEST_CASE("ldp malformed: the table is big enough to mean something") {
  CHECK(rows().size() >= 30);
}

TEST_CASE("ldp malformed: each gets the status and E bit of RFC 5036 section 3.9") {
  for (const Row& row : rows()) {
    const std::string name = row.name;
    CAPTURE(name);
    auto d = decode_pdu(row.bytes, row.limits.value_or(PduLimits{}));
    std::optional<DecodeError> error;
    if (failed(d)) {
      error = std::get<DecodeError>(d);
      CHECK(error->fatal);  // only fatal errors stop the PDU
    } else {
      const DecodedPdu& p = std::get<DecodedPdu>(d);
      CHECK(p.pdu.messages.empty());  // the bad message is dropped
      REQUIRE(p.notifications.size() == 1);
      error = p.notifications[0];
      CHECK_FALSE(error->fatal);
    }
    CHECK(static_cast<int>(error->status) == static_cast<int>(row.status));
    CHECK(error->fatal == is_fatal(row.status));
    CHECK(error->message_id == (row.pdu_level ? 0u : kId));
    CHECK_FALSE(error->reason.empty());
  }
}
