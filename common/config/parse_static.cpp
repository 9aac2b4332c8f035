// "ip route [vrf V] P M {NEXTHOP | INTERFACE [NEXTHOP]} [AD] [name TEXT]".
#include <algorithm>

#include "config/parse_context.hpp"

namespace l3vpn::config::detail {

Outcome parse_static_route(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  StaticRoute route;
  std::size_t i = first + 2;
  route.where = ctx.at(line, first);
  if (i < line.size() && keyword_is(line[i].text, "vrf")) {
    auto vrf = ctx.word(line, i + 1, "vrf expects a VRF name");
    if (!vrf) return handled();
    route.vrf = *vrf;
    i += 2;
  }
  auto prefix = ctx.network_and_mask(line, i, i + 1, "ip route");
  if (!prefix) return handled();
  route.prefix = *prefix;
  i += 2;
  if (i < line.size()) {
    const std::string& gateway = line[i].text;
    if (auto nh = Ipv4Address::parse(gateway)) {
      route.next_hop = nh;
      ++i;
    } else if (!gateway.empty() && gateway[0] >= '0' && gateway[0] <= '9') {
      ctx.error(line, i, "invalid IPv4 address '" + gateway + "'");
      return handled();
    } else {
      route.interface = gateway;
      ++i;
      if (i < line.size() && is_ipv4(line[i].text)) {
        route.next_hop = Ipv4Address::parse(line[i].text);
        ++i;
      }
    }
  } else if (!negated) {
    ctx.need(line, i, "ip route expects a next hop or an interface");
    return handled();
  }
  if (i < line.size() && !line[i].text.empty() && line[i].text[0] >= '0' &&
      line[i].text[0] <= '9') {
    auto distance = ctx.number(line, i, 1, 255, "administrative distance", "");
    if (!distance) return handled();
    route.distance = static_cast<std::uint8_t>(*distance);
    ++i;
  }
  if (i < line.size() && keyword_is(line[i].text, "name")) {
    auto name = ctx.word(line, i + 1, "name expects a text");
    if (!name) return handled();
    route.name = *name;
    i += 2;
  }
  if (!ctx.finish(line, i)) return handled();

  auto& routes = ctx.config.static_routes;
  auto same_path = [&](const StaticRoute& r) {
    return r.vrf == route.vrf && r.prefix == route.prefix && r.next_hop == route.next_hop &&
           r.interface == route.interface;
  };
  if (negated) {
    // "no ip route P M" without a gateway removes every path to P.
    bool any_gateway = !route.next_hop && route.interface.empty();
    auto matches = [&](const StaticRoute& r) {
      return any_gateway ? r.vrf == route.vrf && r.prefix == route.prefix : same_path(r);
    };
    if (std::erase_if(routes, matches) == 0)
      ctx.error(line, first, "no matching route to delete");
    return handled();
  }
  auto it = std::find_if(routes.begin(), routes.end(), same_path);
  if (it != routes.end()) *it = route;  // IOS updates distance and name in place
  else routes.push_back(route);
  return handled();
}

}  // namespace l3vpn::config::detail
