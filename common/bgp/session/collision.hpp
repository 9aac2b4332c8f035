// Connection collision detection, RFC 4271 section 6.8: when both speakers
// open a connection at once, the one initiated by the speaker with the higher
// BGP identifier survives.
#pragma once

#include <cstdint>

namespace l3vpn::bgp {

enum class ConnectionOrigin { Initiated, Accepted };

// Which of the two connections to close, once the OPEN of the peer has told
// its identifier. Identifiers compare as host-order unsigned integers.
inline ConnectionOrigin connection_to_close(std::uint32_t local_id, std::uint32_t remote_id) {
  return local_id < remote_id ? ConnectionOrigin::Initiated : ConnectionOrigin::Accepted;
}

}  // namespace l3vpn::bgp
