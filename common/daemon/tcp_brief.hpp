// `show tcp brief [all]` (IOS): the daemon's BGP TCP sockets, the global
// speaker's and each VRF speaker's, with the device each is bound to as the
// kernel reports it (getsockopt SO_BINDTODEVICE), so that a session or
// listener inside a VRF shows as `ss` shows it: 0.0.0.0%routing.179.
//
//   TCB       Local Address               Foreign Address             (state)
//   00000007  168.254.0.1%routing.179     168.254.0.5.41234           ESTAB
//   00000005  0.0.0.0%routing.179         *.*                         LISTEN   (all only)
//
// TCB is the socket descriptor in hex (IOS prints its control block's
// address). Addresses are written A.B.C.D.PORT as IOS writes them. The
// format is pure (format_tcp_brief); collecting reads the runtimes' sockets
// on the io_context's thread. Only BGP's sockets: LDP's TCP is not listed.
#pragma once

#include <string>
#include <vector>

#include "cli/command_tree.hpp"
#include "daemon/bgp_runtime.hpp"
#include "daemon/vrf_bgp_runtime.hpp"

namespace l3vpn::daemon {

struct TcpBriefRow {
  int descriptor = -1;
  std::string local;    // "168.254.0.1%routing.179"
  std::string foreign;  // "168.254.0.5.41234", "*.*" for a listener
  std::string state;    // "ESTAB", "LISTEN"
  bool operator==(const TcpBriefRow&) const = default;
};

// "A.B.C.D[%DEVICE].PORT".
std::string tcp_brief_address(const std::string& address, const std::string& device, unsigned port);
std::string format_tcp_brief(const std::vector<TcpBriefRow>& rows, bool all);

// The rows of the global speaker (its listener and sessions) and of every VRF speaker.
std::vector<TcpBriefRow> collect_tcp_brief(const BgpRuntime& global, const VrfBgpRuntime& vrfs);

void register_tcp_brief_command(cli::CommandTree& tree, const BgpRuntime& global, const VrfBgpRuntime& vrfs);

}  // namespace l3vpn::daemon
