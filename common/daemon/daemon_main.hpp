// The whole life of a daemon process, shared by l3vpn-pe, l3vpn-p, l3vpn-rr:
// options, --check, configuration loading, then the Daemon until a signal
// stops it. Returns the process exit status: 0 success, 1 configuration or
// startup error, 2 bad command line.
#pragma once

#include "config/parser.hpp"

namespace l3vpn::daemon {

int daemon_main(config::Role role, const char* name, int argc, char** argv);

}  // namespace l3vpn::daemon
