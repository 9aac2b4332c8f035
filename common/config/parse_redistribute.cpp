// "redistribute ..." is shared by router ospf and the BGP address families;
// the keywords allowed differ slightly (subnets is OSPF's, match is for an
// OSPF source).
#include <algorithm>

#include "config/parse_context.hpp"

namespace l3vpn::config::detail {

namespace {
bool same_source(const Redistribution& a, const Redistribution& b) {
  return a.source == b.source && a.process == b.process && a.vrf == b.vrf;
}
}  // namespace

std::optional<Redistribution> parse_redistribution(ParseContext& ctx, const Line& line,
                                                   std::size_t i, bool ospf) {
  if (!ctx.need(line, i, "redistribute expects connected, static, ospf or bgp"))
    return std::nullopt;
  Redistribution r;
  r.where = ctx.at(line, i - 1);
  const std::string& source = line[i].text;
  if (keyword_is(source, "connected")) r.source = Redistribution::Source::Connected;
  else if (keyword_is(source, "static")) r.source = Redistribution::Source::Static;
  else if (keyword_is(source, "ospf")) r.source = Redistribution::Source::Ospf;
  else if (keyword_is(source, "bgp")) r.source = Redistribution::Source::Bgp;
  else {
    ctx.error(line, i,
              "redistribute expects connected, static, ospf or bgp, got '" + source + "'");
    return std::nullopt;
  }
  ++i;
  if (r.source == Redistribution::Source::Ospf) {
    r.process = ctx.number(line, i, 1, 65535, "OSPF process id",
                           "redistribute ospf expects a process id");
    if (!r.process) return std::nullopt;
    ++i;
    if (i < line.size() && keyword_is(line[i].text, "vrf")) {
      auto vrf = ctx.word(line, i + 1, "vrf expects a VRF name");
      if (!vrf) return std::nullopt;
      r.vrf = *vrf;
      i += 2;
    }
  } else if (r.source == Redistribution::Source::Bgp) {
    r.process = ctx.asn(line, i, "redistribute bgp expects an AS number");
    if (!r.process) return std::nullopt;
    ++i;
  }
  while (i < line.size()) {
    const std::string& word = line[i].text;
    if (keyword_is(word, "metric")) {
      r.metric = ctx.number(line, i + 1, 0, 4294967295u, "metric", "metric expects a number");
      if (!r.metric) return std::nullopt;
      i += 2;
    } else if (ospf && keyword_is(word, "subnets")) {
      r.subnets = true;
      ++i;
    } else if (keyword_is(word, "route-map")) {
      auto name = ctx.word(line, i + 1, "route-map expects a route-map name");
      if (!name) return std::nullopt;
      r.route_map = *name;
      i += 2;
    } else if (keyword_is(word, "match") && r.source == Redistribution::Source::Ospf) {
      ++i;
      bool any = false;
      while (i < line.size()) {
        if (keyword_is(line[i].text, "internal")) {
          r.match_internal = true;
          ++i;
        } else if (keyword_is(line[i].text, "external")) {
          ++i;
          // "external" alone means both types.
          if (i < line.size() && (line[i].text == "1" || line[i].text == "2")) {
            (line[i].text == "1" ? r.match_external1 : r.match_external2) = true;
            ++i;
          } else {
            r.match_external1 = r.match_external2 = true;
          }
        } else {
          break;
        }
        any = true;
      }
      if (!any) {
        if (i < line.size())
          ctx.error(line, i, "match expects internal or external [1|2], got '" + line[i].text + "'");
        else
          ctx.need(line, i, "match expects internal or external [1|2]");
        return std::nullopt;
      }
    } else {
      ctx.error(line, i, "unexpected '" + word + "' after end of command");
      return std::nullopt;
    }
  }
  return r;
}

void add_redistribution(std::vector<Redistribution>& list, Redistribution entry) {
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const Redistribution& r) { return same_source(r, entry); });
  if (it != list.end()) *it = std::move(entry);
  else list.push_back(std::move(entry));
}

bool remove_redistribution(std::vector<Redistribution>& list, const Redistribution& entry) {
  auto it = std::find_if(list.begin(), list.end(),
                         [&](const Redistribution& r) { return same_source(r, entry); });
  if (it == list.end()) return false;
  list.erase(it);
  return true;
}

}  // namespace l3vpn::config::detail
