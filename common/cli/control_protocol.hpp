// The control socket protocol between a daemon and l3vpnctl.
//
// Transport: a Unix-domain stream socket, one request per connection.
// Request: one command line terminated by "\n" (a "\r" before it is dropped),
//   at most kMaxRequestBytes including the newline. A line whose last
//   non-blank character is '?' is a help request: the daemon answers the
//   possible next words, as IOS does for '?' (so a filter regex cannot end
//   in '?').
// Reply: a status line, "ok\n" or "error\n", then the command's output as
//   text (lines ending in "\n", possibly empty); the daemon then closes the
//   connection, so the reply ends at end-of-file. "error" means the CLI
//   refused the line (invalid input, incomplete, ambiguous, bad regex,
//   request too long); its body is the IOS-form message.
// Pure: encoding and decoding only, no I/O.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "cli/command_result.hpp"

namespace l3vpn::cli {

inline constexpr std::size_t kMaxRequestBytes = 64 * 1024;
inline constexpr std::string_view kStatusOk = "ok";
inline constexpr std::string_view kStatusError = "error";

std::string encode_request(std::string_view line);  // line + "\n", newlines inside removed
std::string encode_reply(const CommandResult& result);
// Nothing when the reply has no valid status line.
std::optional<CommandResult> decode_reply(std::string_view reply);

}  // namespace l3vpn::cli
