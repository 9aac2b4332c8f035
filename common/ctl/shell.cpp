#include "ctl/shell.hpp"

#include "cli/control_client.hpp"
#include "cli/json_reader.hpp"

namespace l3vpn::ctl {

namespace {
std::string trim(const std::string& text) {
  const std::size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const std::size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}
}  // namespace

std::optional<std::string> fetch_hostname(const std::string& socket_path, std::string& error) {
  const cli::ControlReply reply = cli::send_control_request(socket_path, "show version json");
  if (!reply.result) {
    error = reply.error;
    return std::nullopt;
  }
  const cli::JsonParseResult parsed = cli::parse_json(reply.result->output);
  const cli::JsonValue* hostname = parsed.value ? parsed.value->find("hostname") : nullptr;
  if (!reply.result->ok || !hostname || hostname->type != cli::JsonValue::Type::String) {
    error = "control socket " + socket_path + ": unexpected answer to \"show version json\"";
    return std::nullopt;
  }
  return hostname->string;
}

std::string fetch_help(const std::string& socket_path, const std::string& line) {
  const cli::ControlReply reply = cli::send_control_request(socket_path, line + "?");
  if (!reply.result) return "% " + reply.error + "\n";
  return reply.result->output;
}

int run_shell(const std::string& socket_path, LineReader& reader, std::ostream& out,
              std::ostream& err) {
  std::string error;
  const auto hostname = fetch_hostname(socket_path, error);
  if (!hostname) {
    err << "l3vpnctl: " << error << "\n";
    return 2;
  }
  const std::string prompt = *hostname + "#";
  for (;;) {
    const auto line = reader.read_line(prompt);
    if (!line) return 0;
    const std::string command = trim(*line);
    if (command.empty()) continue;
    if (command == "exit" || command == "quit") return 0;
    const cli::ControlReply reply = cli::send_control_request(socket_path, command);
    if (!reply.result) {
      err << "l3vpnctl: " << reply.error << "\n";
      continue;
    }
    out << reply.result->output << std::flush;
  }
}

}  // namespace l3vpn::ctl
