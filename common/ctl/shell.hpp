// The interactive l3vpnctl shell: a prompt named after the daemon's hostname
// ("R3#"), each line sent to the daemon as one request and its answer
// printed; "?" asks the daemon for help on the line so far; "exit", "quit"
// or end of input leave. Returns the exit status: 0, or 2 when the daemon
// cannot be reached at start. A daemon that goes away later is reported per
// command and the shell goes on.
#pragma once

#include <ostream>
#include <string>

#include "ctl/line_reader.hpp"

namespace l3vpn::ctl {

// The daemon's hostname from "show version json"; nothing with `error` set when unreachable.
std::optional<std::string> fetch_hostname(const std::string& socket_path, std::string& error);

// Help text for `line` (typed so far, without '?') from the daemon.
std::string fetch_help(const std::string& socket_path, const std::string& line);

int run_shell(const std::string& socket_path, LineReader& reader, std::ostream& out,
              std::ostream& err);

}  // namespace l3vpn::ctl
