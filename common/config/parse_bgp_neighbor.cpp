#include "config/parse_bgp_neighbor.hpp"

#include <algorithm>

namespace l3vpn::config::detail {

namespace {

std::string lower(std::string word) {
  for (auto& c : word) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return word;
}

BgpNeighbor& find_or_add(std::vector<BgpNeighbor>& list, const std::string& id,
                         const SourceLocation& where) {
  auto it = std::find_if(list.begin(), list.end(), [&](auto& n) { return n.id == id; });
  if (it != list.end()) return *it;
  BgpNeighbor n;
  n.id = id;
  n.address = Ipv4Address::parse(id);
  n.where = where;
  list.push_back(std::move(n));
  return list.back();
}

}  // namespace

bool is_session_keyword(const std::string& word) {
  std::string w = lower(word);
  return w == "remote-as" || w == "peer-group" || w == "update-source" || w == "description" ||
         w == "password" || w == "shutdown" || w == "timers" || w == "transport";
}

bool is_family_keyword(const std::string& word) {
  std::string w = lower(word);
  return w == "activate" || w == "send-community" || w == "route-reflector-client" ||
         w == "next-hop-self" || w == "route-map";
}

void parse_neighbor_session(ParseContext& ctx, const Line& line, std::size_t first, bool negated,
                            std::vector<BgpNeighbor>& neighbors) {
  const std::string& id = line[first + 1].text;
  const std::string key = lower(line[first + 2].text);
  const std::size_t arg = first + 3;
  SourceLocation where = ctx.at(line, first + 1);
  auto existing = std::find_if(neighbors.begin(), neighbors.end(),
                               [&](auto& n) { return n.id == id; });
  if (negated && existing == neighbors.end()) {
    ctx.error(line, first + 1, "neighbor " + id + " is not configured");
    return;
  }
  if (key == "peer-group" && arg >= line.size()) {  // "neighbor NAME peer-group" defines it
    if (is_ipv4(id)) {
      ctx.need(line, arg, "peer-group expects a peer-group name");
      return;
    }
    if (negated) {
      neighbors.erase(existing);
    } else {
      find_or_add(neighbors, id, where).is_peer_group = true;
    }
    return;
  }
  if (key == "remote-as") {
    auto asn = ctx.asn(line, arg, "remote-as expects an AS number");
    if (!asn || !ctx.finish(line, arg + 1)) return;
    if (negated) neighbors.erase(existing);  // IOS: "no neighbor X remote-as N" removes X
    else find_or_add(neighbors, id, where).remote_as = asn;
    return;
  }
  if (key == "shutdown") {
    if (!ctx.finish(line, arg)) return;
    find_or_add(neighbors, id, where).shutdown = !negated;
    return;
  }
  if (key == "description" || key == "password") {
    if (negated) {
      (key == "description" ? existing->description : existing->password).clear();
      return;
    }
    if (!ctx.need(line, arg, key + " expects a text")) return;
    BgpNeighbor& n = find_or_add(neighbors, id, where);
    (key == "description" ? n.description : n.password) = line.rest_from(arg);
    return;
  }
  if (key == "timers") {
    if (negated) {
      existing->keepalive.reset();
      existing->holdtime.reset();
      return;
    }
    auto keepalive = ctx.number(line, arg, 0, 65535, "keepalive", "timers expects a keepalive");
    if (!keepalive) return;
    auto hold = ctx.number(line, arg + 1, 0, 65535, "holdtime", "timers expects a holdtime");
    if (!hold || !ctx.finish(line, arg + 2)) return;
    BgpNeighbor& n = find_or_add(neighbors, id, where);
    n.keepalive = static_cast<std::uint16_t>(*keepalive);
    n.holdtime = static_cast<std::uint16_t>(*hold);
    return;
  }
  if (key == "transport") {  // transport connection-mode active|passive
    if (!ctx.need(line, arg, "transport expects connection-mode")) return;
    if (!keyword_is(line[arg].text, "connection-mode")) {
      ctx.error(line, arg, "transport expects connection-mode, got '" + line[arg].text + "'");
      return;
    }
    const std::size_t mode = arg + 1;
    if (negated && mode >= line.size()) {  // "no neighbor X transport connection-mode"
      existing->passive = false;
      return;
    }
    if (!ctx.need(line, mode, "transport connection-mode expects active or passive")) return;
    const std::string& value = line[mode].text;
    bool passive = keyword_is(value, "passive");
    if (!passive && !keyword_is(value, "active")) {
      ctx.error(line, mode,
                "transport connection-mode expects active or passive, got '" + value + "'");
      return;
    }
    if (!ctx.finish(line, mode + 1)) return;
    if (negated) existing->passive = false;  // back to IOS's default, active
    else find_or_add(neighbors, id, where).passive = passive;
    return;
  }
  // update-source IF, peer-group NAME
  std::string what = key == "update-source" ? "update-source expects an interface name"
                                            : "peer-group expects a peer-group name";
  if (negated) {
    (key == "update-source" ? existing->update_source : existing->peer_group).clear();
    return;
  }
  auto value = ctx.word(line, arg, what);
  if (!value) return;
  std::string text = *value;
  std::size_t end = arg + 1;
  if (key == "update-source" && end < line.size() && !line[end].text.empty() &&
      line[end].text[0] >= '0' && line[end].text[0] <= '9') {
    text += line[end].text;  // "update-source Loopback 0"
    ++end;
  }
  if (!ctx.finish(line, end)) return;
  BgpNeighbor& n = find_or_add(neighbors, id, where);
  (key == "update-source" ? n.update_source : n.peer_group) = text;
  (key == "update-source" ? n.update_source_where : n.peer_group_where) = ctx.at(line, arg);
}

void parse_neighbor_family(ParseContext& ctx, const Line& line, std::size_t first, bool negated,
                           BgpAddressFamily& family) {
  const std::string& id = line[first + 1].text;
  const std::string key = lower(line[first + 2].text);
  const std::size_t arg = first + 3;
  auto& list = family.neighbors;
  auto it = std::find_if(list.begin(), list.end(), [&](auto& n) { return n.id == id; });
  BgpAfNeighbor entry;
  if (it != list.end()) entry = *it;
  entry.id = id;
  if (it == list.end()) entry.where = ctx.at(line, first + 1);
  if (key == "activate" || key == "route-reflector-client" || key == "next-hop-self") {
    if (!ctx.finish(line, arg)) return;
    (key == "activate" ? entry.activate
                       : key == "next-hop-self" ? entry.next_hop_self
                                                : entry.route_reflector_client) = !negated;
  } else if (key == "send-community") {
    bool standard = true, extended = false;
    std::size_t end = arg;
    if (arg < line.size()) {
      const std::string& kind = line[arg].text;
      if (keyword_is(kind, "extended")) standard = false, extended = true;
      else if (keyword_is(kind, "both")) extended = true;
      else if (!keyword_is(kind, "standard")) {
        ctx.error(line, arg,
                  "send-community expects standard, extended or both, got '" + kind + "'");
        return;
      }
      ++end;
    } else if (negated) {
      extended = true;  // "no ... send-community" stops both
    }
    if (!ctx.finish(line, end)) return;
    if (standard) entry.send_community_standard = !negated;
    if (extended) entry.send_community_extended = !negated;
  } else {  // route-map NAME in|out
    auto name = ctx.word(line, arg, "route-map expects a route-map name");
    if (!name) return;
    if (!ctx.need(line, arg + 1, "route-map expects in or out")) return;
    const std::string& direction = line[arg + 1].text;
    bool in = keyword_is(direction, "in");
    if (!in && !keyword_is(direction, "out")) {
      ctx.error(line, arg + 1, "route-map expects in or out, got '" + direction + "'");
      return;
    }
    if (!ctx.finish(line, arg + 2)) return;
    (in ? entry.route_map_in : entry.route_map_out) = negated ? std::string() : *name;
    (in ? entry.route_map_in_where : entry.route_map_out_where) = ctx.at(line, arg);
  }
  BgpAfNeighbor blank;
  blank.id = entry.id;
  blank.where = entry.where;
  bool empty = entry == blank;
  if (it != list.end()) {
    if (empty) list.erase(it);
    else *it = entry;
  } else if (!empty) {
    list.push_back(entry);
  }
}

}  // namespace l3vpn::config::detail
