// Client side of the control socket (plain POSIX, blocking with a deadline).
//
// Threads: any; each call opens its own connection. Limits: the whole
// exchange must finish within `timeout`; replies up to 16 MiB. Failure:
// never throws; a connection problem (no socket, refused, timeout, reply
// without a valid status line) is reported in `error`, naming the socket path.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "cli/command_result.hpp"

namespace l3vpn::cli {

struct ControlReply {
  std::optional<CommandResult> result;  // set when the daemon answered
  std::string error;                    // why not, otherwise
};

ControlReply send_control_request(const std::string& socket_path, std::string_view line,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace l3vpn::cli
