// OSPFv2 authentication (RFC 2328 appendix D, RFC 5709): simple password,
// keyed MD5 and HMAC-SHA-256 on R1's Hello. The expected digests were
// computed independently with Python's hashlib / hmac
// (tests/fuzz/make_ospf_corpus.py --print) and checked with
// `openssl dgst -md5` over the packet followed by the padded key.
#include <doctest/doctest.h>

#include <string_view>

#include "ospf/codec/auth.hpp"
#include "ospf/codec/packet.hpp"
#include "ospf_codec_fixtures.hpp"

using namespace l3vpn::ospf;
using namespace ospf_fixtures;

namespace {

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

const Bytes kHelloBody(kHelloR1.begin() + 24, kHelloR1.end());

// R1's Hello with simple password "lab13pw".
const Bytes kHelloSimple = cat({
    {0x02, 0x01, 0x00, 0x30, 0x0B, 0x0B, 0x0B, 0x0B, 0x00, 0x00, 0x00, 0x00,
     0xA4, 0x41,              // checksum (the password is not covered)
     0x00, 0x01,              // AuType 1
     'l', 'a', 'b', '1', '3', 'p', 'w', 0x00},  // password, zero padded to 8
    kHelloBody,
});

// R1's Hello with keyed MD5: key ID 1, key "l3vpn-md5", sequence 7.
const Bytes kHelloMd5 = cat({
    {0x02, 0x01, 0x00, 0x30, 0x0B, 0x0B, 0x0B, 0x0B, 0x00, 0x00, 0x00, 0x00,
     0x00, 0x00,              // checksum: not computed (D.4.3)
     0x00, 0x02,              // AuType 2
     0x00, 0x00,              // 0
     0x01,                    // key ID 1
     0x10,                    // auth data length 16
     0x00, 0x00, 0x00, 0x07}, // crypto sequence number 7
    kHelloBody,
    // MD5(packet + "l3vpn-md5" zero padded to 16), after the packet length.
    {0x8B, 0xA6, 0xBA, 0xCC, 0x0D, 0x6E, 0xF6, 0x65, 0xCD, 0x7D, 0xA1, 0x0E, 0xA6, 0x43, 0xB7, 0x0C},
});

// R1's Hello with HMAC-SHA-256: key ID 2, key "l3vpn-sha", sequence 7.
const Bytes kHelloSha256 = cat({
    {0x02, 0x01, 0x00, 0x30, 0x0B, 0x0B, 0x0B, 0x0B, 0x00, 0x00, 0x00, 0x00,
     0x00, 0x00, 0x00, 0x02,  // checksum 0, AuType 2
     0x00, 0x00, 0x02, 0x20,  // 0, key ID 2, auth data length 32
     0x00, 0x00, 0x00, 0x07}, // sequence 7
    kHelloBody,
    // HMAC-SHA-256(key zero padded to 32, packet + Apad 0x878FE1F3 x 8)
    {0x03, 0x16, 0xC2, 0xB5, 0x1A, 0xBD, 0x44, 0x35, 0x50, 0xE1, 0x54, 0xA3, 0xF1, 0xA0, 0x89, 0x63,
     0xA4, 0x18, 0x83, 0x14, 0x14, 0xBA, 0x59, 0xF0, 0xEF, 0x2E, 0x02, 0xA0, 0x5C, 0xB2, 0xEE, 0xAF},
});

OspfDropReason reason_of(const OspfDecoded<AuthAccepted>& d) {
  REQUIRE(dropped(d));
  return std::get<OspfDrop>(d).reason;
}

}  // namespace

TEST_CASE("ospf auth: null") {
  CHECK(sign(kHelloR1, null_auth()) == kHelloR1);
  CHECK_FALSE(dropped(verify(kHelloR1, null_auth(), std::nullopt)));
  CHECK(reason_of(verify(kHelloR1, simple_password_auth(text("lab13pw")), std::nullopt)) ==
        OspfDropReason::AuthTypeMismatch);
}

TEST_CASE("ospf auth: simple password") {
  AuthConfig config = simple_password_auth(text("lab13pw"));
  Bytes signed_hello = sign(kHelloR1, config);
  CHECK(signed_hello == kHelloSimple);
  CHECK_FALSE(dropped(decode_packet(signed_hello)));  // the checksum skips the password
  CHECK_FALSE(dropped(verify(signed_hello, config, std::nullopt)));
  CHECK(reason_of(verify(signed_hello, simple_password_auth(text("lab13pW")), std::nullopt)) ==
        OspfDropReason::AuthPasswordMismatch);
  CHECK(reason_of(verify(signed_hello, null_auth(), std::nullopt)) == OspfDropReason::AuthTypeMismatch);
  // Signing again with null auth gives the plain packet back.
  CHECK(sign(signed_hello, null_auth()) == kHelloR1);
}

TEST_CASE("ospf auth: keyed MD5 matches the independent digest") {
  AuthConfig config = crypto_auth(1, CryptoAlgorithm::Md5, text("l3vpn-md5"));
  Bytes signed_hello = sign(kHelloR1, config, 7);
  CHECK(signed_hello == kHelloMd5);
  auto ok = verify(kHelloMd5, config, std::nullopt);
  REQUIRE_FALSE(dropped(ok));
  CHECK(std::get<AuthAccepted>(ok).crypto_sequence == 7);
  CHECK_FALSE(dropped(verify(kHelloMd5, config, 7)));  // equal sequence: accepted (D.5.2)
  CHECK_FALSE(dropped(verify(kHelloMd5, config, 6)));
  // The packet itself decodes without a checksum check.
  auto packet = decode_packet(kHelloMd5);
  REQUIRE_FALSE(dropped(packet));
  CHECK(std::get<Packet>(packet).header.length == 48);
}

TEST_CASE("ospf auth: keyed MD5 drops") {
  AuthConfig config = crypto_auth(1, CryptoAlgorithm::Md5, text("l3vpn-md5"));
  CHECK(reason_of(verify(kHelloMd5, config, 8)) == OspfDropReason::AuthSequenceBackwards);
  CHECK(reason_of(verify(kHelloMd5, crypto_auth(2, CryptoAlgorithm::Md5, text("l3vpn-md5")),
                         std::nullopt)) == OspfDropReason::AuthKeyIdUnknown);
  CHECK(reason_of(verify(kHelloMd5, crypto_auth(1, CryptoAlgorithm::Md5, text("l3vpn-md6")),
                         std::nullopt)) == OspfDropReason::AuthBadDigest);
  CHECK(reason_of(verify(kHelloMd5, crypto_auth(1, CryptoAlgorithm::HmacSha256, text("l3vpn-md5")),
                         std::nullopt)) == OspfDropReason::AuthBadDataLength);
  CHECK(reason_of(verify(Bytes(kHelloMd5.begin(), kHelloMd5.end() - 1), config, std::nullopt)) ==
        OspfDropReason::AuthDigestMissing);
  CHECK(reason_of(verify(kHelloMd5, null_auth(), std::nullopt)) == OspfDropReason::AuthTypeMismatch);
  CHECK(reason_of(verify(Bytes(kHelloMd5.begin(), kHelloMd5.begin() + 20), config, std::nullopt)) ==
        OspfDropReason::PacketTooShort);
  // Any one changed byte of the packet or the digest is caught.
  for (std::size_t i = 0; i < kHelloMd5.size(); ++i) {
    if (i >= 18 && i < 24) continue;  // key ID, length, sequence: their own reasons
    CAPTURE(i);
    Bytes bad = kHelloMd5;
    bad[i] ^= 0x01;
    auto result = verify(bad, config, std::nullopt);
    CHECK(dropped(result));
  }
}

TEST_CASE("ospf auth: HMAC-SHA-256 (RFC 5709) matches the independent digest") {
  AuthConfig config = crypto_auth(2, CryptoAlgorithm::HmacSha256, text("l3vpn-sha"));
  CHECK(sign(kHelloR1, config, 7) == kHelloSha256);
  auto ok = verify(kHelloSha256, config, 3);
  REQUIRE_FALSE(dropped(ok));
  CHECK(std::get<AuthAccepted>(ok).crypto_sequence == 7);
  CHECK(reason_of(verify(kHelloSha256, config, 9)) == OspfDropReason::AuthSequenceBackwards);
  CHECK(reason_of(verify(kHelloSha256, crypto_auth(2, CryptoAlgorithm::HmacSha256, text("l3vpn-shb")),
                         std::nullopt)) == OspfDropReason::AuthBadDigest);
  CHECK(reason_of(verify(kHelloSha256, crypto_auth(2, CryptoAlgorithm::Md5, text("l3vpn-sha")),
                         std::nullopt)) == OspfDropReason::AuthBadDataLength);
  Bytes bad = kHelloSha256;
  bad[40] ^= 0x80;
  CHECK(reason_of(verify(bad, config, std::nullopt)) == OspfDropReason::AuthBadDigest);
}

TEST_CASE("ospf auth: an HMAC key longer than 32 bytes is hashed first, both ends agree") {
  AuthConfig config = crypto_auth(3, CryptoAlgorithm::HmacSha256, Bytes(40, 0x5A));
  Bytes signed_hello = sign(kHelloR1, config, 100);
  CHECK(signed_hello.size() == 48 + 32);
  CHECK_FALSE(dropped(verify(signed_hello, config, 99)));
  // A key equal to the first 32 bytes is a different key.
  CHECK(reason_of(verify(signed_hello, crypto_auth(3, CryptoAlgorithm::HmacSha256, Bytes(32, 0x5A)),
                         std::nullopt)) == OspfDropReason::AuthBadDigest);
}

TEST_CASE("ospf auth: sign never writes outside short or lying input") {
  AuthConfig config = crypto_auth(1, CryptoAlgorithm::Md5, text("k"));
  CHECK(sign(Bytes(10, 0x02), config, 1) == Bytes(10, 0x02));  // under 24 bytes: unchanged
  Bytes zero_length = kHelloR1;
  zero_length[2] = 0;
  zero_length[3] = 0;  // length field 0: signs the 24-byte header
  CHECK(sign(zero_length, config, 1).size() == 24 + 16);
  Bytes long_length = kHelloR1;
  long_length[3] = 0xFF;  // length field 255 of 48 bytes: signs the 48
  CHECK(sign(long_length, config, 1).size() == 48 + 16);
}
