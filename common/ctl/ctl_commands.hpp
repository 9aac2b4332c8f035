// The non-interactive l3vpnctl commands. Each writes its answer to `out`,
// problems to `err`, and returns the process exit status. Never throws on bad
// input.
//   exec SOCKET LINE      0 success, 1 the CLI refused the line, 2 no daemon
//   check -f FILE --role  0 valid for the role (running-config printed), 1 not
//   lab check DIR         0 every node valid, 1 otherwise
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "config/parser.hpp"

namespace l3vpn::ctl {

inline constexpr int kExitOk = 0;
inline constexpr int kExitCliError = 1;
inline constexpr int kExitConnectionError = 2;

int exec_command(const std::string& socket_path, std::string_view line, std::ostream& out,
                 std::ostream& err);
int check_config_file(const std::string& file, config::Role role, std::ostream& out,
                      std::ostream& err);
int check_lab(const std::string& directory, std::ostream& out, std::ostream& err);

// "pe", "p", "rr", "host"
std::optional<config::Role> parse_role(std::string_view text);

}  // namespace l3vpn::ctl
