#include "cli/show_ip_route_entry.hpp"

#include "cli/ios_time.hpp"
#include "cli/show_bgp.hpp"  // ipv4_text
#include "config/address.hpp"

namespace l3vpn::cli {
namespace {

std::string ospf_type(const std::string& sub_code) {
  if (sub_code == "IA") return "inter area";
  if (sub_code == "E1") return "extern 1";
  if (sub_code == "E2") return "extern 2";
  return "intra area";
}

}  // namespace

std::string known_via(const config::Config& config, std::string_view vrf, const RouteView& route) {
  switch (route.code) {
    case 'B': return "bgp " + std::to_string(config.bgp ? config.bgp->asn : 0);
    case 'O':
      for (const auto& p : config.ospf)
        if (p.vrf == vrf) return "ospf " + std::to_string(p.id);
      return "ospf";
    case 'S': return "static";
    default: return "connected";
  }
}

const RouteView* longest_match(const RouteTableView& table, std::uint32_t address, bool with_default) {
  const RouteView* best = nullptr;
  for (const RouteView& r : table.routes) {
    if (r.length == 0 && !with_default) continue;
    if ((address & config::length_to_mask(r.length).value) != r.address) continue;
    if (!best || r.length > best->length) best = &r;
  }
  return best;
}

CommandResult show_ip_route_entry(const RouteView* route, const std::string& source) {
  if (!route) return CommandResult::failure("% Network not in table\n");
  const RouteView& r = *route;
  // A leaked route of this PE's other VRF shows no [AD/metric]: iBGP's 200.
  const std::uint32_t distance = r.distance.value_or(r.code == 'C' ? 0 : r.code == 'B' ? 200 : 1);
  const std::uint32_t metric = r.metric.value_or(0);
  std::string out = "Routing entry for " + ipv4_text(r.address) + "/" + std::to_string(r.length) + "\n";
  out += "  Known via \"" + source + "\", distance " + std::to_string(distance) + ", metric " + std::to_string(metric);
  if (r.code == 'C') out += " (connected, via interface)";
  else if (r.code == 'B') out += distance == 20 ? ", type external" : ", type internal";
  else if (r.code == 'O') out += ", type " + ospf_type(r.sub_code);
  out += "\n";
  const std::string ago = r.age ? ios_age(*r.age) + " ago" : std::string();
  if (r.next_hop && r.age) {
    out += "  Last update from " + ipv4_text(*r.next_hop);
    out += r.code == 'O' && !r.interface.empty() ? " on " + r.interface + ", " + ago : " " + ago;
    out += "\n";
  }
  out += "  Routing Descriptor Blocks:\n";
  if (!r.next_hop) {
    out += "  * directly connected, via " + r.interface + "\n";
  } else {
    out += "  * " + ipv4_text(*r.next_hop);
    if (r.code == 'B' || r.code == 'O') {
      if (r.code == 'B') out += " (default)";
      out += ", from " + ipv4_text(*r.next_hop);
      if (r.age) out += ", " + ago;
    }
    if (!r.interface.empty()) out += ", via " + r.interface;
    out += "\n";
  }
  out += "      Route metric is " + std::to_string(metric) + ", traffic share count is 1\n";
  // Equal-cost paths: one more block each, without IOS's '*' (which marks
  // the path the next packet takes in its round robin).
  for (const RouteView::Path& path : r.more_paths) {
    if (!path.next_hop) continue;
    out += "    " + ipv4_text(*path.next_hop);
    if (r.code == 'O') {
      out += ", from " + ipv4_text(*path.next_hop);
      if (r.age) out += ", " + ago;
    }
    if (!path.interface.empty()) out += ", via " + path.interface;
    out += "\n      Route metric is " + std::to_string(metric) + ", traffic share count is 1\n";
  }
  if (r.code == 'B' && distance != 20) out += "      AS Hops 0\n";  // iBGP: the path has no AS of ours
  return CommandResult::success(out);
}

}  // namespace l3vpn::cli
