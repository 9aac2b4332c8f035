// Keeps a speaker's locally originated VPNv4 routes equal to what the VRFs
// export now (vpn::vrf_exports): routes no longer exported are withdrawn,
// new or changed ones originated, unchanged ones left alone (no UPDATE). The
// daemons' BgpRuntime and the lab simulator call it after every reload and
// whenever a VRF's OSPF routes change.
// Pure apart from the speaker calls; O(n log n) in the number of routes.
#pragma once

#include <vector>

#include "bgp/speaker/speaker.hpp"
#include "vpn/vrf_export.hpp"

namespace l3vpn::vpn {

struct ExportSyncResult {
  std::size_t withdrawn = 0;
  std::size_t originated = 0;  // new or changed
};

ExportSyncResult sync_exports(bgp::Speaker& speaker, const std::vector<ExportedRoute>& before,
                              const std::vector<ExportedRoute>& after);

}  // namespace l3vpn::vpn
