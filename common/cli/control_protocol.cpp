#include "cli/control_protocol.hpp"

namespace l3vpn::cli {

std::string encode_request(std::string_view line) {
  std::string out;
  out.reserve(line.size() + 1);
  for (char c : line) {
    if (c != '\n' && c != '\r') out += c;
  }
  out += '\n';
  return out;
}

std::string encode_reply(const CommandResult& result) {
  std::string out(result.ok ? kStatusOk : kStatusError);
  out += '\n';
  out += result.output;
  return out;
}

std::optional<CommandResult> decode_reply(std::string_view reply) {
  const std::size_t newline = reply.find('\n');
  if (newline == std::string_view::npos) return std::nullopt;
  const std::string_view status = reply.substr(0, newline);
  std::string body(reply.substr(newline + 1));
  if (status == kStatusOk) return CommandResult::success(std::move(body));
  if (status == kStatusError) return CommandResult::failure(std::move(body));
  return std::nullopt;
}

}  // namespace l3vpn::cli
