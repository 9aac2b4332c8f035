// "router bgp ASN" and its address families.
#include <algorithm>

#include "config/parse_bgp_neighbor.hpp"

namespace l3vpn::config::detail {

namespace {

BgpRouter& router(ParseContext& ctx) { return *ctx.config.bgp; }
BgpAddressFamily& family(ParseContext& ctx) { return router(ctx).families[ctx.family]; }

// "no neighbor X": the session and its settings in every family go.
void remove_neighbor(ParseContext& ctx, const Line& line, std::size_t first) {
  const std::string& id = line[first + 1].text;
  BgpRouter& bgp = router(ctx);
  auto matches = [&](const auto& n) { return n.id == id; };
  bool found = std::erase_if(bgp.neighbors, matches) > 0;
  for (auto& f : bgp.families) {
    found = std::erase_if(f.vrf_neighbors, matches) > 0 || found;
    found = std::erase_if(f.neighbors, matches) > 0 || found;
  }
  if (!found) ctx.error(line, first + 1, "neighbor " + id + " is not configured");
}

BgpAddressFamily& implicit_ipv4_unicast(ParseContext& ctx, const Line& line, std::size_t first) {
  auto& families = router(ctx).families;
  for (auto& f : families)
    if (f.kind == BgpAddressFamily::Kind::Ipv4Unicast) return f;
  BgpAddressFamily f;
  f.kind = BgpAddressFamily::Kind::Ipv4Unicast;
  f.where = ctx.at(line, first);
  families.push_back(std::move(f));
  return families.back();
}

Outcome parse_address_family(ParseContext& ctx, const Line& line, std::size_t first,
                             bool negated) {
  if (!ctx.need(line, first + 1, "address-family expects ipv4 or vpnv4")) return handled();
  BgpAddressFamily f;
  f.where = ctx.at(line, first + 1);
  const std::string& afi = line[first + 1].text;
  std::size_t i = first + 2;
  if (i < line.size() && keyword_is(line[i].text, "unicast")) ++i;
  if (keyword_is(afi, "vpnv4")) {
    f.kind = BgpAddressFamily::Kind::Vpnv4;
  } else if (keyword_is(afi, "ipv4")) {
    f.kind = BgpAddressFamily::Kind::Ipv4Unicast;
    if (i < line.size() && keyword_is(line[i].text, "vrf")) {
      auto vrf = ctx.word(line, i + 1, "vrf expects a VRF name");
      if (!vrf) return handled();
      f.kind = BgpAddressFamily::Kind::Ipv4Vrf;
      f.vrf = *vrf;
      f.where = ctx.at(line, i + 1);
      i += 2;
    }
  } else {
    ctx.error(line, first + 1,
              "unsupported address family '" + afi + "': expected ipv4, ipv4 vrf NAME or vpnv4");
    return handled();
  }
  if (!ctx.finish(line, i)) return handled();
  auto& families = router(ctx).families;
  auto it = std::find_if(families.begin(), families.end(),
                         [&](auto& x) { return x.kind == f.kind && x.vrf == f.vrf; });
  if (negated) {
    if (it != families.end()) families.erase(it);
    ctx.mode = Mode::Bgp;
    return handled();
  }
  if (it == families.end()) {
    families.push_back(std::move(f));
    it = families.end() - 1;
  }
  ctx.family = static_cast<std::size_t>(it - families.begin());
  ctx.mode = Mode::BgpFamily;
  return handled();
}

}  // namespace

Outcome parse_bgp_command(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  auto asn = ctx.asn(line, first + 2, "router bgp expects an AS number");
  if (!asn || !ctx.finish(line, first + 3)) return handled();
  auto& bgp = ctx.config.bgp;
  if (bgp && bgp->asn != *asn) {
    ctx.error(line, first + 2, "BGP is already running; AS is " + std::to_string(bgp->asn));
    return handled();
  }
  if (negated) {
    if (!bgp) ctx.error(line, first + 2, "BGP is not running");
    bgp.reset();
    return handled();
  }
  if (!bgp) {
    bgp.emplace();
    bgp->asn = *asn;
    bgp->where = ctx.at(line, first + 2);
  }
  ctx.mode = Mode::Bgp;
  return handled();
}

Outcome parse_bgp_line(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  BgpRouter& bgp = router(ctx);
  const std::string& command = line[first].text;
  auto next_is = [&](std::size_t i, std::string_view keyword) {
    return i < line.size() && keyword_is(line[i].text, keyword);
  };
  if (keyword_is(command, "neighbor")) {
    if (!ctx.need(line, first + 1, "neighbor expects an address or a peer-group name"))
      return handled();
    if (first + 2 >= line.size()) {
      if (negated) remove_neighbor(ctx, line, first);
      else ctx.need(line, first + 2, "neighbor expects a command such as remote-as");
      return handled();
    }
    if (is_session_keyword(line[first + 2].text)) {
      parse_neighbor_session(ctx, line, first, negated, bgp.neighbors);
      return handled();
    }
    if (is_family_keyword(line[first + 2].text)) {
      parse_neighbor_family(ctx, line, first, negated, implicit_ipv4_unicast(ctx, line, first));
      return handled();
    }
    return unknown(first + 2);
  }
  if (keyword_is(command, "address-family")) return parse_address_family(ctx, line, first, negated);
  if (keyword_is(command, "exit-address-family")) {
    ctx.finish(line, first + 1);
    return handled();
  }
  if (keyword_is(command, "synchronization")) {
    if (ctx.finish(line, first + 1)) bgp.no_synchronization = negated;
    return handled();
  }
  if (keyword_is(command, "auto-summary")) {
    if (ctx.finish(line, first + 1)) bgp.no_auto_summary = negated;
    return handled();
  }
  if (keyword_is(command, "timers")) {
    if (!next_is(first + 1, "bgp")) return unknown(first + 1);
    if (negated) {
      bgp.keepalive.reset();
      bgp.holdtime.reset();
      return handled();
    }
    auto keepalive =
        ctx.number(line, first + 2, 0, 65535, "keepalive", "timers bgp expects a keepalive");
    if (!keepalive) return handled();
    auto hold = ctx.number(line, first + 3, 0, 65535, "holdtime", "timers bgp expects a holdtime");
    if (!hold || !ctx.finish(line, first + 4)) return handled();
    bgp.keepalive = static_cast<std::uint16_t>(*keepalive);
    bgp.holdtime = static_cast<std::uint16_t>(*hold);
    return handled();
  }
  if (!keyword_is(command, "bgp")) return unknown(first);
  if (first + 1 >= line.size()) return unknown(first + 1);
  const std::string& sub = line[first + 1].text;
  if (keyword_is(sub, "log-neighbor-changes")) {
    if (ctx.finish(line, first + 2)) bgp.log_neighbor_changes = !negated;
    return handled();
  }
  if (keyword_is(sub, "default")) {
    if (!next_is(first + 2, "ipv4-unicast")) return unknown(first + 2);
    if (ctx.finish(line, first + 3)) bgp.default_ipv4_unicast = !negated;
    return handled();
  }
  if (keyword_is(sub, "router-id") || keyword_is(sub, "cluster-id")) {
    bool router_id = keyword_is(sub, "router-id");
    auto& field = router_id ? bgp.router_id : bgp.cluster_id;
    if (negated) {
      field.reset();
      return handled();
    }
    if (!ctx.need(line, first + 2,
                  router_id ? "bgp router-id expects an IPv4 address"
                            : "bgp cluster-id expects an IPv4 address or a number"))
      return handled();
    const std::string& text = line[first + 2].text;
    std::optional<Ipv4Address> value = Ipv4Address::parse(text);
    // IOS takes a cluster-id as a 32-bit number too.
    if (!router_id && !value && !text.empty() && text[0] >= '0' && text[0] <= '9') {
      auto n = ctx.number(line, first + 2, 1, 4294967295u, "cluster-id", "");
      if (!n) return handled();
      value = Ipv4Address{*n};
    } else if (!value) {
      ctx.error(line, first + 2, "invalid IPv4 address '" + text + "'");
      return handled();
    }
    if (ctx.finish(line, first + 3)) field = value;
    return handled();
  }
  return unknown(first + 1);
}

Outcome parse_bgp_family_line(ParseContext& ctx, const Line& line, std::size_t first,
                              bool negated) {
  BgpAddressFamily& f = family(ctx);
  const std::string& command = line[first].text;
  const bool vrf_family = f.kind == BgpAddressFamily::Kind::Ipv4Vrf;
  const bool ipv4 = f.kind != BgpAddressFamily::Kind::Vpnv4;
  if (keyword_is(command, "exit-address-family")) {
    if (ctx.finish(line, first + 1)) ctx.mode = Mode::Bgp;
    return handled();
  }
  if (keyword_is(command, "neighbor")) {
    if (first + 2 >= line.size()) {
      if (!vrf_family || !negated) return unknown(first + 2);
      const std::string& id = line[first + 1].text;
      auto matches = [&](const auto& n) { return n.id == id; };
      if (std::erase_if(f.vrf_neighbors, matches) + std::erase_if(f.neighbors, matches) == 0)
        ctx.error(line, first + 1, "neighbor " + id + " is not configured");
      return handled();
    }
    if (is_family_keyword(line[first + 2].text)) {
      parse_neighbor_family(ctx, line, first, negated, f);
      return handled();
    }
    if (vrf_family && is_session_keyword(line[first + 2].text)) {
      parse_neighbor_session(ctx, line, first, negated, f.vrf_neighbors);
      return handled();
    }
    return unknown(first + 2);
  }
  if (keyword_is(command, "synchronization") || keyword_is(command, "auto-summary")) {
    if (ctx.finish(line, first + 1))
      (keyword_is(command, "synchronization") ? f.no_synchronization : f.no_auto_summary) = negated;
    return handled();
  }
  if (!ipv4) return unknown(first);
  if (keyword_is(command, "redistribute")) {
    auto r = parse_redistribution(ctx, line, first + 1, false);
    if (!r) return handled();
    if (negated) remove_redistribution(f.redistribute, *r);
    else add_redistribution(f.redistribute, std::move(*r));
    return handled();
  }
  if (keyword_is(command, "default-information")) {
    if (first + 1 >= line.size() || !keyword_is(line[first + 1].text, "originate"))
      return unknown(first + 1);
    if (ctx.finish(line, first + 2)) f.default_information_originate = !negated;
    return handled();
  }
  if (keyword_is(command, "network")) {
    auto address = ctx.address(line, first + 1, "network expects an IPv4 address");
    if (!address) return handled();
    BgpNetworkStatement statement;
    statement.where = ctx.at(line, first + 1);
    std::size_t i = first + 2;
    if (i < line.size() && keyword_is(line[i].text, "mask")) {
      auto prefix = ctx.network_and_mask(line, first + 1, first + 3, "network");
      if (!prefix) return handled();
      statement.prefix = *prefix;
      i = first + 4;
    } else {
      // Without a mask IOS takes the classful length.
      std::uint8_t top = static_cast<std::uint8_t>(address->value >> 24);
      std::uint8_t length = top < 128 ? 8 : top < 192 ? 16 : 24;
      statement.prefix = Ipv4Prefix{*address, length};
      if (statement.prefix.network() != statement.prefix) {
        ctx.error(line, first + 1,
                  "network " + line[first + 1].text + " is not a classful network; add 'mask'");
        return handled();
      }
    }
    if (i < line.size() && keyword_is(line[i].text, "route-map")) {
      auto name = ctx.word(line, i + 1, "route-map expects a route-map name");
      if (!name) return handled();
      statement.route_map = *name;
      i += 2;
    }
    if (!ctx.finish(line, i)) return handled();
    auto same = [&](const BgpNetworkStatement& s) { return s.prefix == statement.prefix; };
    std::erase_if(f.networks, same);
    if (!negated) f.networks.push_back(statement);
    return handled();
  }
  return unknown(first);
}

}  // namespace l3vpn::config::detail
