// OSPFv2 link state advertisements (RFC 2328 appendix A.4): the 20-byte LSA
// header and the bodies of types 1-5; any other LS type is kept as raw bytes
// so it can be flooded unchanged. And the LSA Fletcher checksum (12.1.7).
//
// Pure: bytes in, structs out, and back. Decoding goes through ByteReader,
// one sub-reader per LSA, and never reads past the buffer.
#pragma once

#include <cstdint>
#include <span>
#include <variant>
#include <vector>

#include "ospf/codec/drop_reason.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"

namespace l3vpn::ospf {

inline constexpr std::size_t kLsaHeaderLength = 20;
inline constexpr std::size_t kLsaChecksumOffset = 16;  // from the start of the LSA

namespace ls_type {
inline constexpr std::uint8_t Router = 1;
inline constexpr std::uint8_t Network = 2;
inline constexpr std::uint8_t SummaryNetwork = 3;
inline constexpr std::uint8_t SummaryAsbr = 4;
inline constexpr std::uint8_t AsExternal = 5;
}  // namespace ls_type

struct LsaHeader {
  std::uint16_t age = 0;  // seconds; not covered by the checksum
  std::uint8_t options = 0;
  std::uint8_t type = ls_type::Router;
  std::uint32_t link_state_id = 0;
  std::uint32_t advertising_router = 0;
  std::uint32_t sequence = 0x80000001;  // InitialSequenceNumber
  std::uint16_t checksum = 0;
  std::uint16_t length = 0;  // whole LSA, header included
  bool operator==(const LsaHeader&) const = default;
};

// Router-LSA (type 1, A.4.2).
namespace router_flag {
inline constexpr std::uint8_t B = 0x01;  // area border router
inline constexpr std::uint8_t E = 0x02;  // AS boundary router
inline constexpr std::uint8_t V = 0x04;  // virtual link endpoint
}  // namespace router_flag

enum class RouterLinkType : std::uint8_t {
  PointToPoint = 1,
  Transit = 2,
  Stub = 3,
  Virtual = 4,
};

// Reserved bytes are kept as received, so that an LSA re-encoded for
// flooding is byte for byte the one its originator checksummed.
struct TosMetric {
  std::uint8_t tos = 0;
  std::uint32_t metric = 0;    // 16 bits in router-LSAs, 24 in summary-LSAs
  std::uint8_t reserved = 0;   // router-LSAs: the byte between TOS and metric
  bool operator==(const TosMetric&) const = default;
};

struct RouterLink {
  std::uint32_t link_id = 0;
  std::uint32_t link_data = 0;
  RouterLinkType type = RouterLinkType::PointToPoint;
  std::uint16_t metric = 0;
  std::vector<TosMetric> tos;  // kept as received (RFC 2328 routers ignore them)
  bool operator==(const RouterLink&) const = default;
};

struct RouterLsa {
  std::uint8_t flags = 0;  // router_flag bits (the others kept)
  std::vector<RouterLink> links;
  std::uint8_t reserved = 0;  // the byte after the flags
  bool operator==(const RouterLsa&) const = default;
};

// Network-LSA (type 2, A.4.3).
struct NetworkLsa {
  std::uint32_t network_mask = 0;
  std::vector<std::uint32_t> attached_routers;
  bool operator==(const NetworkLsa&) const = default;
};

// Summary-LSAs (types 3 and 4, A.4.4); which one is in the header.
struct SummaryLsa {
  std::uint32_t network_mask = 0;  // 0 for type 4
  std::uint32_t metric = 0;        // 24 bits
  std::vector<TosMetric> tos;      // 24-bit metrics
  std::uint8_t reserved = 0;       // the byte before the metric
  bool operator==(const SummaryLsa&) const = default;
};

// AS-external-LSA (type 5, A.4.5).
struct ExternalMetric {
  bool e_bit = false;  // type 2 external metric
  std::uint8_t tos = 0;
  std::uint32_t metric = 0;  // 24 bits
  std::uint32_t forwarding_address = 0;
  std::uint32_t external_route_tag = 0;
  bool operator==(const ExternalMetric&) const = default;
};

struct AsExternalLsa {
  std::uint32_t network_mask = 0;
  ExternalMetric metric;             // TOS 0
  std::vector<ExternalMetric> tos;   // further TOS entries, kept
  bool operator==(const AsExternalLsa&) const = default;
};

// Any other LS type (NSSA, opaque...): the body after the header, unchanged.
struct RawLsa {
  std::vector<std::uint8_t> body;
  bool operator==(const RawLsa&) const = default;
};

using LsaBody = std::variant<RouterLsa, NetworkLsa, SummaryLsa, AsExternalLsa, RawLsa>;

struct Lsa {
  LsaHeader header;
  LsaBody body;
  bool operator==(const Lsa&) const = default;
};

// The 20-byte header alone, as in Database Description and Link State Ack
// packets. Reads exactly 20 bytes; checks nothing but their presence.
OspfDecoded<LsaHeader> decode_lsa_header(wire::ByteReader& r);
void encode_lsa_header(wire::ByteWriter& w, const LsaHeader& h);

// One whole LSA at the reader's position: checks the length against what is
// left, the LS type, the Fletcher checksum and the body's shape, and moves
// the reader past the LSA.
OspfDecoded<Lsa> decode_lsa(wire::ByteReader& r);
OspfDecoded<Lsa> decode_lsa(std::span<const std::uint8_t> bytes);  // exactly one LSA

// Writes the LSA with its length filled in. The header's checksum is kept if
// it verifies over the written bytes (a received LSA floods unchanged), and
// computed otherwise (origination: leave it 0).
void encode_lsa(wire::ByteWriter& w, const Lsa& lsa);
std::vector<std::uint8_t> encode_lsa(const Lsa& lsa);

// RFC 2328 12.1.7 / ISO 8473 annex C Fletcher checksum over an LSA from the
// options field (offset 2) to its end. `lsa` is the whole LSA, header
// included, at least 20 bytes. compute returns the value to put at offset 16
// (whatever is there now is taken as zero); verify checks both sums are zero.
std::uint16_t compute_lsa_checksum(std::span<const std::uint8_t> lsa);
bool verify_lsa_checksum(std::span<const std::uint8_t> lsa);

}  // namespace l3vpn::ospf
