// UPDATE message (RFC 4271 section 4.3) with MP_REACH_NLRI / MP_UNREACH_NLRI
// (RFC 4760) for IPv4 unicast and VPN-IPv4 (AFI 1 / SAFI 128, RFC 4364).
//
// Decoding follows RFC 7606: a malformed attribute does not always cost the
// session. The result says the strongest action the errors call for:
// attribute discard (the attribute is dropped, the route kept), treat-as-
// withdraw (every NLRI of the UPDATE is withdrawn), or session reset (the
// NOTIFICATION to send). The reasons are kept for the log.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "bgp/codec/decode_error.hpp"
#include "bgp/codec/nlri.hpp"
#include "bgp/codec/open.hpp"
#include "bgp/codec/path_attributes.hpp"

namespace l3vpn::bgp {

struct MpReach {
  AfiSafi family = kVpnv4Unicast;
  std::uint32_t next_hop = 0;  // IPv4; for VPNv4 carried as RD 0 + IPv4 (RFC 4364 4.3.2)
  std::vector<Prefix4> ipv4;  // family IPv4 unicast
  std::vector<VpnNlri> vpn;   // family VPNv4
  auto operator<=>(const MpReach&) const = default;
};

struct MpUnreach {
  AfiSafi family = kVpnv4Unicast;
  std::vector<Prefix4> ipv4;
  std::vector<VpnNlri> vpn;
  auto operator<=>(const MpUnreach&) const = default;
};

struct Update {
  std::vector<Prefix4> withdrawn;
  PathAttributes attributes;
  std::optional<MpReach> mp_reach;
  std::optional<MpUnreach> mp_unreach;
  std::vector<Prefix4> nlri;
  bool operator==(const Update&) const = default;

  // RFC 4724 End-of-RIB: an UPDATE with nothing in it (IPv4), or with only an
  // empty MP_UNREACH for the family.
  bool is_end_of_rib() const;
};

enum class ErrorAction { None, AttributeDiscard, TreatAsWithdraw, SessionReset };

struct UpdateDecodeResult {
  Update update;
  ErrorAction action = ErrorAction::None;
  std::optional<DecodeError> error;  // set for SessionReset: the NOTIFICATION to send
  std::vector<std::string> reasons;  // every error found, for the log
};

struct SessionCodecOptions {
  bool four_octet_as = true;  // both sides announced the 4-octet AS capability
};

UpdateDecodeResult decode_update(std::span<const std::uint8_t> body,
                                 const SessionCodecOptions& options = {});
// The whole message. The caller packs NLRI so that it fits the negotiated size.
std::vector<std::uint8_t> encode_update(const Update& update,
                                        const SessionCodecOptions& options = {});

}  // namespace l3vpn::bgp
