// The names of RFC 5036 section 3.9's status codes, as logs, counters and
// show commands print them ("Bad PDU Length"). Pure.
#pragma once

#include <cstdint>
#include <string>

#include "ldp/codec/status.hpp"

namespace l3vpn::ldp {

std::string status_text(StatusCode status);
// Any 30-bit Status Data: the name, or "Status 0x0000001a" for codes outside the table.
std::string status_text(std::uint32_t status_code);

}  // namespace l3vpn::ldp
