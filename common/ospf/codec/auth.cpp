#include "ospf/codec/auth.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <string>

#include "ospf/codec/packet.hpp"
#include "wire/byte_reader.hpp"

namespace l3vpn::ospf {
namespace {

constexpr std::size_t kAuTypeOffset = 14;
constexpr std::size_t kMd5Length = 16;
constexpr std::size_t kSha256Length = 32;
constexpr std::uint32_t kApad = 0x878FE1F3;  // RFC 5709 section 3.3

OspfDrop drop(OspfDropReason reason, std::string detail) {
  return OspfDrop{reason, std::move(detail)};
}

void put_u16(std::vector<std::uint8_t>& b, std::size_t at, std::uint16_t v) {
  b[at] = static_cast<std::uint8_t>(v >> 8);
  b[at + 1] = static_cast<std::uint8_t>(v);
}

// `packet` is the header.length bytes with the authentication field as sent.
std::vector<std::uint8_t> digest(std::span<const std::uint8_t> packet, const CryptoKey& key) {
  std::vector<std::uint8_t> data(packet.begin(), packet.end());
  if (key.algorithm == CryptoAlgorithm::Md5) {
    // D.4.3: MD5 over the packet followed by the key, zero padded to 16 bytes.
    std::array<std::uint8_t, kMd5Length> padded{};
    std::copy_n(key.key.begin(), std::min(key.key.size(), padded.size()), padded.begin());
    data.insert(data.end(), padded.begin(), padded.end());
    std::vector<std::uint8_t> out(kMd5Length);
    unsigned int out_length = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &out_length, EVP_md5(), nullptr);
    return out;
  }
  // RFC 5709 3.3: Ko is the key zero padded to L = 32 bytes, or H(K) when
  // longer; the HMAC runs over the packet followed by L bytes of Apad.
  std::array<std::uint8_t, kSha256Length> ko{};
  if (key.key.size() > kSha256Length) {
    unsigned int hashed = 0;
    EVP_Digest(key.key.data(), key.key.size(), ko.data(), &hashed, EVP_sha256(), nullptr);
  } else {
    std::copy(key.key.begin(), key.key.end(), ko.begin());
  }
  for (std::size_t i = 0; i < kSha256Length; ++i)
    data.push_back(static_cast<std::uint8_t>(kApad >> (24 - 8 * (i % 4))));
  std::vector<std::uint8_t> out(kSha256Length);
  unsigned int out_length = 0;
  HMAC(EVP_sha256(), ko.data(), static_cast<int>(ko.size()), data.data(), data.size(), out.data(),
       &out_length);
  return out;
}

}  // namespace

std::size_t digest_length(CryptoAlgorithm algorithm) {
  return algorithm == CryptoAlgorithm::Md5 ? kMd5Length : kSha256Length;
}

AuthConfig null_auth() { return AuthConfig{}; }

AuthConfig simple_password_auth(std::span<const std::uint8_t> password) {
  AuthConfig config;
  config.au_type = au_type::SimplePassword;
  std::copy_n(password.begin(), std::min(password.size(), config.password.size()),
              config.password.begin());
  return config;
}

AuthConfig crypto_auth(std::uint8_t key_id, CryptoAlgorithm algorithm,
                       std::span<const std::uint8_t> key) {
  AuthConfig config;
  config.au_type = au_type::Cryptographic;
  config.crypto = CryptoKey{key_id, algorithm, {key.begin(), key.end()}};
  return config;
}

std::vector<std::uint8_t> sign(std::span<const std::uint8_t> packet, const AuthConfig& config,
                               std::uint32_t crypto_sequence) {
  if (packet.size() < kPacketHeaderLength) return {packet.begin(), packet.end()};
  // The packet length field, kept within [24, the bytes given].
  const std::size_t length = std::clamp<std::size_t>(std::size_t{packet[2]} << 8 | packet[3],
                                                     kPacketHeaderLength, packet.size());
  std::vector<std::uint8_t> out(packet.begin(), packet.begin() + static_cast<std::ptrdiff_t>(length));
  put_u16(out, kAuTypeOffset, config.au_type);
  std::fill_n(out.begin() + kAuthFieldOffset, 8, std::uint8_t{0});
  put_u16(out, kChecksumOffset, 0);
  if (config.au_type != au_type::Cryptographic) {
    put_u16(out, kChecksumOffset, compute_packet_checksum(out));
    if (config.au_type == au_type::SimplePassword)
      std::copy(config.password.begin(), config.password.end(), out.begin() + kAuthFieldOffset);
    return out;
  }
  // D.3: 0x0000, key ID, auth data length, crypto sequence number.
  const auto len = static_cast<std::uint8_t>(digest_length(config.crypto.algorithm));
  out[kAuthFieldOffset + 2] = config.crypto.key_id;
  out[kAuthFieldOffset + 3] = len;
  for (std::size_t i = 0; i < 4; ++i)
    out[kAuthFieldOffset + 4 + i] = static_cast<std::uint8_t>(crypto_sequence >> (24 - 8 * i));
  std::vector<std::uint8_t> d = digest(out, config.crypto);
  out.insert(out.end(), d.begin(), d.end());
  return out;
}

OspfDecoded<AuthAccepted> verify(std::span<const std::uint8_t> received, const AuthConfig& config,
                                 std::optional<std::uint32_t> last_sequence) {
  wire::ByteReader r(received);
  r.skip(2);
  auto length = r.u16();
  r.skip(8);  // router ID, area ID
  r.skip(2);  // checksum
  auto au = r.u16();
  auto auth = r.sub(8);
  if (!length || !au || !auth)
    return drop(OspfDropReason::PacketTooShort, "fewer than 24 bytes for a header");
  if (*length < kPacketHeaderLength)
    return drop(OspfDropReason::PacketLengthTooShort, "packet length " + std::to_string(*length));
  if (*length > received.size())
    return drop(OspfDropReason::PacketLengthExceedsBuffer, "packet length beyond the bytes received");
  if (*au != config.au_type)
    return drop(OspfDropReason::AuthTypeMismatch, "AuType " + std::to_string(*au) +
                                                      ", interface uses " +
                                                      std::to_string(config.au_type));
  if (config.au_type == au_type::Null) return AuthAccepted{};
  if (config.au_type == au_type::SimplePassword) {
    auto password = auth->bytes(8);
    if (!std::equal(password->begin(), password->end(), config.password.begin()))
      return drop(OspfDropReason::AuthPasswordMismatch, "simple password differs");
    return AuthAccepted{};
  }
  auth->skip(2);
  auto key_id = auth->u8();
  auto data_length = auth->u8();
  auto sequence = auth->u32();
  if (*key_id != config.crypto.key_id)
    return drop(OspfDropReason::AuthKeyIdUnknown, "key ID " + std::to_string(*key_id));
  const std::size_t expected_length = digest_length(config.crypto.algorithm);
  if (*data_length != expected_length)
    return drop(OspfDropReason::AuthBadDataLength,
                "auth data length " + std::to_string(*data_length) + ", expected " +
                    std::to_string(expected_length));
  wire::ByteReader rest(received.subspan(*length));
  auto received_digest = rest.bytes(expected_length);
  if (!received_digest)
    return drop(OspfDropReason::AuthDigestMissing,
                std::to_string(received.size() - *length) + " bytes after the packet");
  if (last_sequence && *sequence < *last_sequence)
    return drop(OspfDropReason::AuthSequenceBackwards,
                "sequence " + std::to_string(*sequence) + " below " + std::to_string(*last_sequence));
  std::vector<std::uint8_t> computed = digest(received.first(*length), config.crypto);
  if (CRYPTO_memcmp(computed.data(), received_digest->data(), expected_length) != 0)
    return drop(OspfDropReason::AuthBadDigest, "digest differs");
  return AuthAccepted{*sequence};
}

}  // namespace l3vpn::ospf
