// "router ospf N [vrf V]" blocks.
#include <algorithm>

#include "config/parse_context.hpp"

namespace l3vpn::config::detail {

namespace {

OspfProcess& current(ParseContext& ctx) { return ctx.config.ospf[ctx.ospf]; }

void erase_name(std::vector<std::string>& list, const std::string& name) {
  list.erase(std::remove(list.begin(), list.end(), name), list.end());
}
void add_name(std::vector<std::string>& list, const std::string& name) {
  if (std::find(list.begin(), list.end(), name) == list.end()) list.push_back(name);
}

Outcome parse_passive(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  OspfProcess& p = current(ctx);
  auto name = ctx.word(line, first + 1, "passive-interface expects an interface name or default");
  if (!name) return handled();
  if (keyword_is(*name, "default")) {
    if (!ctx.finish(line, first + 2)) return handled();
    p.passive_default = !negated;
    p.passive_interfaces.clear();
    p.no_passive_interfaces.clear();
    return handled();
  }
  std::string itf = *name;
  std::size_t end = first + 2;
  if (end < line.size() && !line[end].text.empty() && line[end].text[0] >= '0' &&
      line[end].text[0] <= '9') {
    itf += line[end].text;  // "passive-interface GigabitEthernet 0/0"
    ++end;
  }
  if (!ctx.finish(line, end)) return handled();
  if (p.passive_default) {
    if (negated) add_name(p.no_passive_interfaces, itf);
    else erase_name(p.no_passive_interfaces, itf);
  } else {
    if (negated) erase_name(p.passive_interfaces, itf);
    else add_name(p.passive_interfaces, itf);
  }
  return handled();
}

}  // namespace

Outcome parse_ospf_command(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  auto id = ctx.number(line, first + 2, 1, 65535, "OSPF process id",
                       "router ospf expects a process id");
  if (!id) return handled();
  std::string vrf;
  std::size_t end = first + 3;
  if (end < line.size() && keyword_is(line[end].text, "vrf")) {
    auto name = ctx.word(line, end + 1, "vrf expects a VRF name");
    if (!name) return handled();
    vrf = *name;
    end += 2;
  }
  if (!ctx.finish(line, end)) return handled();
  auto& list = ctx.config.ospf;
  auto it = std::find_if(list.begin(), list.end(), [&](auto& p) { return p.id == *id; });
  if (negated) {
    if (it == list.end())
      ctx.error(line, first + 2, "OSPF process " + std::to_string(*id) + " is not configured");
    else
      list.erase(it);
    return handled();
  }
  if (it == list.end()) {
    OspfProcess p;
    p.id = *id;
    p.vrf = vrf;
    p.where = ctx.at(line, first + 2);
    list.push_back(std::move(p));
    it = list.end() - 1;
  } else if (it->vrf != vrf && end > first + 3) {
    ctx.error(line, first + 2,
              "OSPF process " + std::to_string(*id) + " already exists " +
                  (it->vrf.empty() ? std::string("in the global table")
                                   : "in VRF '" + it->vrf + "'"));
    return handled();
  }
  ctx.ospf = static_cast<std::size_t>(it - list.begin());
  ctx.mode = Mode::Ospf;
  return handled();
}

Outcome parse_ospf_line(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  OspfProcess& p = current(ctx);
  const std::string& command = line[first].text;
  if (keyword_is(command, "router-id")) {
    if (negated) {
      p.router_id.reset();
      return handled();
    }
    auto id = ctx.address(line, first + 1, "router-id expects an IPv4 address");
    if (id && ctx.finish(line, first + 2)) p.router_id = id;
    return handled();
  }
  if (keyword_is(command, "log-adjacency-changes")) {
    bool detail = first + 1 < line.size() && keyword_is(line[first + 1].text, "detail");
    if (!ctx.finish(line, first + 1 + (detail ? 1 : 0))) return handled();
    if (negated) {
      // "no log-adjacency-changes detail" keeps the plain logging.
      if (!detail) p.log_adjacency_changes = false;
      p.log_adjacency_changes_detail = false;
    } else {
      p.log_adjacency_changes = true;
      p.log_adjacency_changes_detail = detail;
    }
    return handled();
  }
  if (keyword_is(command, "passive-interface")) return parse_passive(ctx, line, first, negated);
  if (keyword_is(command, "network")) {
    auto address = ctx.address(line, first + 1, "network expects an IPv4 address");
    if (!address) return handled();
    auto length = ctx.wildcard(line, first + 2, "network expects a wildcard mask");
    if (!length) return handled();
    if (!ctx.need(line, first + 3, "network expects 'area'")) return handled();
    if (!keyword_is(line[first + 3].text, "area")) {
      ctx.error(line, first + 3, "network expects 'area', got '" + line[first + 3].text + "'");
      return handled();
    }
    auto area = ctx.area(line, first + 4, "area expects an OSPF area id");
    if (!area || !ctx.finish(line, first + 5)) return handled();
    OspfNetworkStatement statement{*address, *Ipv4Address::parse(line[first + 2].text), *area};
    auto same = [&](const OspfNetworkStatement& s) {
      return s.address == statement.address && s.wildcard == statement.wildcard;
    };
    auto it = std::find_if(p.networks.begin(), p.networks.end(), same);
    if (negated) {
      if (it != p.networks.end()) p.networks.erase(it);
    } else if (it != p.networks.end()) {
      ctx.error(line, first + 4,
                "network " + line[first + 1].text + " " + line[first + 2].text +
                    " is already in area " + it->area.to_string());
    } else {
      p.networks.push_back(statement);
    }
    return handled();
  }
  if (keyword_is(command, "redistribute")) {
    auto r = parse_redistribution(ctx, line, first + 1, true);
    if (!r) return handled();
    if (negated) remove_redistribution(p.redistribute, *r);
    else add_redistribution(p.redistribute, std::move(*r));
    return handled();
  }
  if (keyword_is(command, "default-information")) {
    if (first + 1 >= line.size() || !keyword_is(line[first + 1].text, "originate"))
      return unknown(first + 1);
    bool always = first + 2 < line.size() && keyword_is(line[first + 2].text, "always");
    if (!ctx.finish(line, first + 2 + (always ? 1 : 0))) return handled();
    p.default_information_originate = !negated;
    p.default_information_always = !negated && always;
    return handled();
  }
  return unknown(first);
}

}  // namespace l3vpn::config::detail
