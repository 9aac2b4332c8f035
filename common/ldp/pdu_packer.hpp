// Packs the messages one event produced for one peer into PDUs (RFC 5036
// section 3.1: a PDU carries one or more messages), numbering each message
// from the instance's counter as it goes.
//
// Order is kept. A PDU's length field (from the LDP identifier on) never
// exceeds `max_pdu_length` unless a single message alone is longer: that one
// goes out in a PDU of its own (the peer then answers Bad PDU Length, which
// is what the RFC wants for it). Pure.
#pragma once

#include <cstdint>
#include <vector>

#include "ldp/codec/messages.hpp"

namespace l3vpn::ldp {

std::vector<std::vector<std::uint8_t>> pack_pdus(LdpId sender, std::vector<Message> messages,
                                                 std::uint16_t max_pdu_length,
                                                 std::uint32_t& next_message_id);

}  // namespace l3vpn::ldp
