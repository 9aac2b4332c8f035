// OSPFv2 authentication (RFC 2328 appendix D; RFC 5709 for HMAC-SHA-256):
// null (AuType 0), simple password (AuType 1) and cryptographic (AuType 2)
// with keyed MD5 or HMAC-SHA-256. Works on encoded packets: sign() takes what
// encode_packet() wrote, verify() what came off the wire (the packet plus, for
// AuType 2, the digest after header.length).
//
// Pure functions over bytes; the hashes come from OpenSSL's libcrypto. The
// caller keeps the per-neighbor crypto sequence number (D.5.2) and passes the
// last one seen; verify() never stores state.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ospf/codec/drop_reason.hpp"

namespace l3vpn::ospf {

enum class CryptoAlgorithm : std::uint8_t {
  Md5,         // RFC 2328 D.3: 16-byte digest
  HmacSha256,  // RFC 5709: 32-byte digest, Apad
};

std::size_t digest_length(CryptoAlgorithm algorithm);

struct CryptoKey {
  std::uint8_t key_id = 1;
  CryptoAlgorithm algorithm = CryptoAlgorithm::Md5;
  std::vector<std::uint8_t> key;  // MD5: up to 16 bytes, zero padded
};

// An interface's authentication, as configured.
struct AuthConfig {
  std::uint16_t au_type = 0;                 // au_type::Null, SimplePassword, Cryptographic
  std::array<std::uint8_t, 8> password{};    // AuType 1, zero padded
  CryptoKey crypto;                          // AuType 2
};

AuthConfig null_auth();
AuthConfig simple_password_auth(std::span<const std::uint8_t> password);  // first 8 bytes
AuthConfig crypto_auth(std::uint8_t key_id, CryptoAlgorithm algorithm,
                       std::span<const std::uint8_t> key);

// Sets AuType and the authentication field of an encoded packet (its first
// header.length bytes), fixes the checksum (computed for AuType 0 and 1, 0
// for AuType 2) and, for AuType 2, appends the digest. `crypto_sequence` is
// the non-decreasing sequence number of D.4.3 (unused for AuType 0 and 1).
// Fewer than 24 bytes come back unchanged; a length field beyond the bytes
// given is taken as their size.
std::vector<std::uint8_t> sign(std::span<const std::uint8_t> packet, const AuthConfig& config,
                               std::uint32_t crypto_sequence = 0);

struct AuthAccepted {
  std::uint32_t crypto_sequence = 0;  // AuType 2: to remember for the neighbor
  bool operator==(const AuthAccepted&) const = default;
};

// D.5: AuType must be the interface's; AuType 1 compares the password;
// AuType 2 checks key ID, auth data length, that the digest is there, the
// sequence number against `last_sequence` (equal is accepted, lower dropped;
// nullopt: no neighbor state yet) and the digest (constant-time compare).
// The checksum (AuType 0 and 1) is decode_packet_header's job.
OspfDecoded<AuthAccepted> verify(std::span<const std::uint8_t> received, const AuthConfig& config,
                                 std::optional<std::uint32_t> last_sequence);

}  // namespace l3vpn::ospf
