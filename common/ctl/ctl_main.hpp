// l3vpnctl's command line: picks the subcommand and runs it. Returns the
// process exit status (see ctl/ctl_commands.hpp); 2 for a bad command line.
#pragma once

namespace l3vpn::ctl {

int ctl_main(int argc, char** argv);

}  // namespace l3vpn::ctl
