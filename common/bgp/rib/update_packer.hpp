// From Adj-RIB-Out changes to UPDATE messages: as many NLRI per UPDATE as
// fit, all sharing one attribute set (RFC 4271 section 4.3), each message at
// most the negotiated size (4096, or 65535 with RFC 8654 extended messages).
//
// Advertisements are grouped by interned attribute set and next hop (the
// next hop is an attribute for IPv4 unicast and part of MP_REACH_NLRI for
// VPNv4, RFC 4760). Withdrawals come first, in the withdrawn-routes field
// (IPv4) or in MP_UNREACH_NLRI (VPNv4), so a key moving between attribute
// sets is never withdrawn after its new advertisement.
//
// Sizes are computed, not tried: the fixed part of a message is encoded once
// per attribute set, and each NLRI adds exactly its encoded length (one more
// byte when MP_(UN)REACH_NLRI passes 255 bytes and needs the extended length).
//
// An attribute set too large to fit even with a single NLRI still gets a
// message of its own; encode_update() of it is then over the limit and the
// speaker must not send it (a known gap: no attribute trimming).
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "bgp/codec/update.hpp"
#include "bgp/rib/adj_rib_out.hpp"
#include "bgp/session/fsm.hpp"

namespace l3vpn::bgp::rib {

struct PackingOptions {
  std::size_t max_message_size = kMaxMessageLength;
  SessionCodecOptions codec;
};
PackingOptions packing_options(const NegotiatedSession& session);

std::vector<Update> pack_updates(AfiSafi family, std::span<const OutChange> changes,
                                 const PackingOptions& options = {});

// RFC 4724 section 2: sent after the initial table dump of each family.
Update end_of_rib(AfiSafi family);

// The encoded length of one NLRI. A VPN route is the same size in a reach
// (its one label) and a withdrawal (the 3-byte placeholder, RFC 8277 2.4).
std::size_t nlri_size(AfiSafi family, const RouteKey& key);

}  // namespace l3vpn::bgp::rib
