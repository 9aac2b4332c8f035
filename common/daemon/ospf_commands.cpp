#include "daemon/ospf_commands.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

namespace l3vpn::daemon {
namespace {

std::string upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

std::string hh_mm_ss(core::Duration d) {
  const long long s = std::max<long long>(0, std::chrono::duration_cast<std::chrono::seconds>(d).count());
  char out[32];
  std::snprintf(out, sizeof out, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  return out;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

int length_of(std::uint32_t mask) { return __builtin_popcount(mask); }

cli::CommandResult show_neighbors(const OspfRuntime& runtime) {
  std::string out = "\nNeighbor ID     Pri   State           Dead Time   Address         Interface\n";
  const core::TimePoint now = runtime.clock().now();
  for (const auto& p : runtime.processes()) {
    if (!p->instance) continue;
    for (const auto& n : p->instance->neighbors()) {
      // IOS: FULL/DR, FULL/BDR, FULL/DROTHER on broadcast links, FULL/  - on point-to-point.
      std::string role = "  -";
      if (n.dr != 0 && n.dr == n.address) role = "DR";
      else if (n.bdr != 0 && n.bdr == n.address) role = "BDR";
      else if (n.dr != 0) role = "DROTHER";
      const std::string dead = n.dead_at ? hh_mm_ss(*n.dead_at - now) : "-";
      char pri[8];
      std::snprintf(pri, sizeof pri, "%3u", static_cast<unsigned>(n.priority));
      out += pad(ospf::dotted(n.router_id), 16) + pri + "   " +
             pad(upper(ospf::to_string(n.state)) + "/" + role, 16) + pad(dead, 12) +
             pad(ospf::dotted(n.address), 16) + n.interface + "\n";
    }
  }
  return cli::CommandResult::success(out);
}

cli::CommandResult show_rib(const OspfRuntime& runtime) {
  std::string out;
  for (const auto& r : runtime.routes()) {
    out += ospf::dotted(r.prefix) + "/" + std::to_string(length_of(r.mask)) + " " + ospf::to_string(r.type) +
           " cost " + std::to_string(r.metric());
    for (const auto& hop : r.next_hops)
      out += hop.address == 0 ? ", directly connected, " + hop.interface
                              : ", via " + ospf::dotted(hop.address) + ", " + hop.interface;
    out += "\n";
  }
  return cli::CommandResult::success(out);
}

}  // namespace

void register_ospf_commands(cli::CommandTree& tree, const OspfRuntime& runtime) {
  const cli::Word show{"show", "Show running system information", false};
  const cli::Word ip{"ip", "IP information", false};
  const cli::Word ospf{"ospf", "OSPF information", false};
  const cli::Word neighbor{"neighbor", "Neighbor list", false};
  const cli::Word rib{"rib", "OSPF local RIB", false};
  const auto inactive = [] { return cli::CommandResult::failure("% OSPF not active\n"); };
  tree.add({show, ip, ospf, neighbor}, [&runtime, inactive](const cli::Invocation&) {
    return runtime.active() ? show_neighbors(runtime) : inactive();
  }, false);
  tree.add({show, ip, ospf, rib}, [&runtime, inactive](const cli::Invocation&) {
    return runtime.active() ? show_rib(runtime) : inactive();
  }, false);
}

}  // namespace l3vpn::daemon
