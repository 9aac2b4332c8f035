// `l3vpnctl sim --explain FROM TO`: why a ping between two endpoints works or
// not, lookup by lookup, as text and as JSON. Pure formatting over a
// PingResult (packet_walk.hpp).
//
// Text:
//   Technique -> Serveurs-R4: ok
//   echo 10.10.10.1 -> 10.10.30.254: delivered
//     R3 vrf Technique: 10.10.30.254/32, B 10.10.30.254/32 [200/0] via 4.4.4.4 ...
//        -> push [17, 20], to 192.168.13.1 out GigabitEthernet0/0 (R1)
//     R1 (in GigabitEthernet0/3) label 17: ...
//   reply 10.10.30.254 -> 10.10.10.1: delivered
//     ...
// A failed walk ends with "dropped: MESSAGE"; the reply of a failed echo is
// "reply: not sent (the echo did not arrive)".
#pragma once

#include <string>
#include <string_view>

#include "cli/json_writer.hpp"
#include "sim/packet_walk.hpp"

namespace l3vpn::sim {

std::string explain_text(std::string_view from_name, std::string_view to_name, const PingResult& result);
std::string explain_json(std::string_view from_name, std::string_view to_name, const PingResult& result);
// One walk as a JSON object: {"source","destination","delivered","drop":{reason,node,message}|null,"steps":[...]}
void write_walk_json(cli::JsonWriter& json, const Walk& walk);

}  // namespace l3vpn::sim
