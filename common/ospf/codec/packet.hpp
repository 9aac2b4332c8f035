// OSPFv2 packets (RFC 2328 appendix A.3): the 24-byte header and the five
// bodies (Hello, Database Description, Link State Request, Link State Update,
// Link State Acknowledgment).
//
// Pure: bytes in, structs out, and back. decode_packet runs the header
// checks of section 8.2 that need no interface state (version, length,
// type, checksum, AuType) and decodes the body; authentication itself is in
// auth.hpp, area / network / neighbor checks belong to the interface.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "ospf/codec/drop_reason.hpp"
#include "ospf/codec/lsa.hpp"

namespace l3vpn::ospf {

inline constexpr std::uint8_t kOspfVersion = 2;
inline constexpr std::size_t kPacketHeaderLength = 24;
inline constexpr std::size_t kAuthFieldOffset = 16;  // 8 bytes, outside the checksum
inline constexpr std::size_t kChecksumOffset = 12;

enum class PacketType : std::uint8_t {
  Hello = 1,
  DatabaseDescription = 2,
  LinkStateRequest = 3,
  LinkStateUpdate = 4,
  LinkStateAck = 5,
};

namespace au_type {
inline constexpr std::uint16_t Null = 0;
inline constexpr std::uint16_t SimplePassword = 1;
inline constexpr std::uint16_t Cryptographic = 2;
}  // namespace au_type

struct PacketHeader {
  std::uint8_t version = kOspfVersion;
  PacketType type = PacketType::Hello;
  std::uint16_t length = 0;  // header included, any crypto digest excluded
  std::uint32_t router_id = 0;
  std::uint32_t area_id = 0;
  std::uint16_t checksum = 0;
  std::uint16_t au_type = au_type::Null;
  std::array<std::uint8_t, 8> authentication{};
  bool operator==(const PacketHeader&) const = default;
};

// Options field bits (A.2).
namespace option {
inline constexpr std::uint8_t E = 0x02;   // external routing
inline constexpr std::uint8_t MC = 0x04;
inline constexpr std::uint8_t NP = 0x08;
inline constexpr std::uint8_t EA = 0x10;
inline constexpr std::uint8_t DC = 0x20;
inline constexpr std::uint8_t O = 0x40;   // opaque, RFC 5250
}  // namespace option

struct Hello {  // A.3.2
  std::uint32_t network_mask = 0;
  std::uint16_t hello_interval = 10;
  std::uint8_t options = 0;
  std::uint8_t router_priority = 1;
  std::uint32_t router_dead_interval = 40;
  std::uint32_t designated_router = 0;
  std::uint32_t backup_designated_router = 0;
  std::vector<std::uint32_t> neighbors;
  bool operator==(const Hello&) const = default;
};

namespace dd_flag {
inline constexpr std::uint8_t MS = 0x01;  // master
inline constexpr std::uint8_t M = 0x02;   // more
inline constexpr std::uint8_t I = 0x04;   // init
}  // namespace dd_flag

struct DatabaseDescription {  // A.3.3
  std::uint16_t interface_mtu = 1500;
  std::uint8_t options = 0;
  std::uint8_t flags = 0;  // dd_flag bits (the reserved bits are kept)
  std::uint32_t dd_sequence = 0;
  std::vector<LsaHeader> lsa_headers;
  bool operator==(const DatabaseDescription&) const = default;
};

struct LsRequest {
  std::uint32_t ls_type = 0;  // 32 bits on the wire
  std::uint32_t link_state_id = 0;
  std::uint32_t advertising_router = 0;
  bool operator==(const LsRequest&) const = default;
};

struct LinkStateRequest {  // A.3.4
  std::vector<LsRequest> requests;
  bool operator==(const LinkStateRequest&) const = default;
};

struct LinkStateUpdate {  // A.3.5
  std::vector<Lsa> lsas;
  bool operator==(const LinkStateUpdate&) const = default;
};

struct LinkStateAck {  // A.3.6
  std::vector<LsaHeader> lsa_headers;
  bool operator==(const LinkStateAck&) const = default;
};

using PacketBody =
    std::variant<Hello, DatabaseDescription, LinkStateRequest, LinkStateUpdate, LinkStateAck>;

struct Packet {
  PacketHeader header;  // header.type follows the body on encode
  PacketBody body;
  bool operator==(const Packet&) const = default;
};

// The header alone, checked: at least 24 bytes, version 2, type 1..5, length
// field within [24, bytes.size()], AuType 0..2, and for AuType 0 and 1 the
// checksum over header.length bytes minus the authentication field.
OspfDecoded<PacketHeader> decode_packet_header(std::span<const std::uint8_t> bytes);

// Header and body. Bytes after header.length (the crypto digest) are ignored.
OspfDecoded<Packet> decode_packet(std::span<const std::uint8_t> bytes);

// Writes the packet with its length, type and checksum filled in: the
// checksum is computed for AuType 0 and 1 (with the authentication field
// taken as zero) and written as given for AuType 2 (RFC 2328 D.4.3: not
// computed). No digest is appended: that is auth.hpp's sign().
std::vector<std::uint8_t> encode_packet(const Packet& packet);

// RFC 2328 D.4.1: the IP checksum (one's complement of the one's complement
// sum of 16-bit words) over `packet` with the checksum field and the 8-byte
// authentication field taken as zero. `packet` is header.length bytes.
std::uint16_t compute_packet_checksum(std::span<const std::uint8_t> packet);

}  // namespace l3vpn::ospf
