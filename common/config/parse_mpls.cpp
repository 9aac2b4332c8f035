// Global "mpls ..." commands. "mpls ip" per interface lives with interfaces.
#include <algorithm>

#include "config/parse_context.hpp"

namespace l3vpn::config::detail {

Outcome parse_mpls_global(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  Mpls& mpls = ctx.config.mpls;
  auto is = [&](std::size_t i, std::string_view keyword) {
    return i < line.size() && keyword_is(line[i].text, keyword);
  };
  if (is(first + 1, "label")) {
    if (is(first + 2, "mode")) return parse_label_mode(ctx, line, first, negated);
    // LDP is the only label protocol here; accepted so IOS configs load.
    if (is(first + 2, "protocol")) {
      if (!ctx.need(line, first + 3, "label protocol expects ldp")) return handled();
      if (!keyword_is(line[first + 3].text, "ldp")) {
        ctx.error(line, first + 3, "unsupported label protocol '" + line[first + 3].text + "': only ldp is supported");
        return handled();
      }
      ctx.finish(line, first + 4);
      return handled();
    }
    if (!is(first + 2, "range")) return unknown(first + 2);
    if (negated) {
      mpls.label_range_min.reset();
      mpls.label_range_max.reset();
      return handled();
    }
    auto min = ctx.number(line, first + 3, 16, 1048575, "label", "label range expects a minimum label");
    if (!min) return handled();
    auto max = ctx.number(line, first + 4, 16, 1048575, "label", "label range expects a maximum label");
    if (!max || !ctx.finish(line, first + 5)) return handled();
    if (*max < *min) {
      ctx.error(line, first + 4, "label range maximum " + std::to_string(*max) +
                                     " is below the minimum " + std::to_string(*min));
      return handled();
    }
    mpls.label_range_min = min;
    mpls.label_range_max = max;
    return handled();
  }
  if (is(first + 1, "ip")) {  // global "mpls ip": on by default, nothing to store
    ctx.finish(line, first + 2);
    return handled();
  }
  if (!is(first + 1, "ldp")) return unknown(first + 1);
  if (is(first + 2, "label")) {  // a submode; "no mpls ldp label" removes what it holds
    if (!ctx.finish(line, first + 3)) return handled();
    if (negated) mpls.ldp_label_allocation.reset();
    else ctx.mode = Mode::MplsLdpLabel;
    return handled();
  }
  if (is(first + 2, "router-id")) {
    if (negated) {
      mpls.ldp_router_id_interface.clear();
      mpls.ldp_router_id_force = false;
      return handled();
    }
    auto name = ctx.word(line, first + 3, "router-id expects an interface name");
    if (!name) return handled();
    bool force = is(first + 4, "force");
    if (!ctx.finish(line, first + 4 + (force ? 1 : 0))) return handled();
    mpls.ldp_router_id_interface = *name;
    mpls.ldp_router_id_force = force;
    mpls.ldp_router_id_where = ctx.at(line, first + 3);
    return handled();
  }
  if (is(first + 2, "discovery")) {
    if (!is(first + 3, "hello")) return unknown(first + 3);
    bool interval = is(first + 4, "interval");
    if (!interval && !is(first + 4, "holdtime")) return unknown(first + 4);
    auto& field = interval ? mpls.ldp_hello_interval : mpls.ldp_hello_holdtime;
    if (negated) {
      field.reset();
      return handled();
    }
    std::string key = interval ? "interval" : "holdtime";
    auto seconds = ctx.number(line, first + 5, 1, 65535, "hello " + key,
                              "hello " + key + " expects seconds");
    if (seconds && ctx.finish(line, first + 6)) field = static_cast<std::uint16_t>(*seconds);
    return handled();
  }
  if (is(first + 2, "neighbor")) {
    auto neighbor = ctx.address(line, first + 3, "mpls ldp neighbor expects an IPv4 address");
    if (!neighbor) return handled();
    if (!ctx.need(line, first + 4, "mpls ldp neighbor expects 'password'")) return handled();
    if (!keyword_is(line[first + 4].text, "password")) return unknown(first + 4);
    auto& list = mpls.ldp_passwords;
    auto same = [&](const LdpNeighborPassword& p) { return p.neighbor == *neighbor; };
    if (negated) {
      std::erase_if(list, same);
      return handled();
    }
    if (!ctx.need(line, first + 5, "password expects a text")) return handled();
    std::string password = line.rest_from(first + 5);
    auto it = std::find_if(list.begin(), list.end(), same);
    if (it != list.end()) it->password = password;
    else list.push_back({*neighbor, password});
    return handled();
  }
  return unknown(first + 2);
}

Outcome parse_mpls_ldp_label_line(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  auto is = [&](std::size_t i, std::string_view keyword) {
    return i < line.size() && keyword_is(line[i].text, keyword);
  };
  if (!is(first, "allocate")) return unknown(first);
  if (!is(first + 1, "global")) return unknown(first + 1);  // IOS also has "allocate vrf": no VRF FECs here
  auto& allocation = ctx.config.mpls.ldp_label_allocation;
  if (negated && first + 2 == line.size()) {  // "no allocate global": back to the default
    allocation.reset();
    return handled();
  }
  LdpLabelAllocation wanted;
  if (is(first + 2, "host-routes")) {
    if (!ctx.finish(line, first + 3)) return handled();
    wanted.kind = LdpLabelAllocation::Kind::HostRoutes;
  } else if (is(first + 2, "prefix-list")) {
    auto name = ctx.word(line, first + 3, "allocate global prefix-list expects a prefix-list name");
    if (!name || !ctx.finish(line, first + 4)) return handled();
    wanted.kind = LdpLabelAllocation::Kind::PrefixList;
    wanted.prefix_list = *name;
    wanted.where = ctx.at(line, first + 3);
  } else {
    return unknown(first + 2);
  }
  if (!negated) allocation = wanted;
  else if (allocation && allocation->kind == wanted.kind && allocation->prefix_list == wanted.prefix_list)
    allocation.reset();  // "no allocate global ..." naming what is configured
  return handled();
}

}  // namespace l3vpn::config::detail
