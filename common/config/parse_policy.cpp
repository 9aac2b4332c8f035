// Policy objects: prefix-lists, extended community lists, route-maps.
#include <algorithm>

#include "config/parse_context.hpp"

namespace l3vpn::config::detail {

namespace {

bool is_digit_word(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "permit" or "deny" at i; reports otherwise.
std::optional<bool> permit_or_deny(ParseContext& ctx, const Line& line, std::size_t i) {
  if (!ctx.need(line, i, "expected permit or deny")) return std::nullopt;
  if (keyword_is(line[i].text, "permit")) return true;
  if (keyword_is(line[i].text, "deny")) return false;
  ctx.error(line, i, "expected permit or deny, got '" + line[i].text + "'");
  return std::nullopt;
}

template <typename T>
void add_unique(std::vector<T>& list, const T& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

RouteMapEntry& entry(ParseContext& ctx) {
  return ctx.config.route_maps[ctx.route_map].entries[ctx.route_map_entry];
}

}  // namespace

Outcome parse_prefix_list(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  auto name = ctx.word(line, first + 2, "prefix-list expects a name");
  if (!name) return handled();
  auto& lists = ctx.config.prefix_lists;
  auto it = std::find_if(lists.begin(), lists.end(), [&](auto& l) { return l.name == *name; });
  std::size_t i = first + 3;
  if (negated && i >= line.size()) {
    if (it == lists.end()) ctx.error(line, first + 2, "prefix-list '" + *name + "' is not defined");
    else lists.erase(it);
    return handled();
  }
  if (i < line.size() && keyword_is(line[i].text, "description")) {
    if (!negated && !ctx.need(line, i + 1, "description expects a text")) return handled();
    if (it == lists.end()) {
      if (negated) return handled();
      lists.push_back(PrefixList{*name, {}, {}, ctx.at(line, first + 2)});
      it = lists.end() - 1;
    }
    it->description = negated ? std::string() : line.rest_from(i + 1);
    return handled();
  }
  PrefixListEntry e;
  bool explicit_seq = false;
  if (i < line.size() && keyword_is(line[i].text, "seq")) {
    auto seq = ctx.number(line, i + 1, 1, 4294967294u, "sequence number", "seq expects a number");
    if (!seq) return handled();
    e.seq = *seq;
    explicit_seq = true;
    i += 2;
    if (negated && i >= line.size()) {
      if (it != lists.end()) std::erase_if(it->entries, [&](auto& x) { return x.seq == e.seq; });
      return handled();
    }
  }
  auto permit = permit_or_deny(ctx, line, i);
  if (!permit) return handled();
  e.permit = *permit;
  ++i;
  if (!ctx.need(line, i, "prefix-list expects a prefix A.B.C.D/L")) return handled();
  auto prefix = Ipv4Prefix::parse(line[i].text);
  if (!prefix) {
    ctx.error(line, i, "invalid prefix '" + line[i].text + "': expected A.B.C.D/L");
    return handled();
  }
  if (prefix->network() != *prefix) {
    ctx.error(line, i, "prefix " + line[i].text + " has host bits set (network is " +
                           prefix->network().to_string() + ")");
    return handled();
  }
  e.prefix = *prefix;
  std::size_t prefix_at = i++;
  for (int bound = 0; bound < 2 && i < line.size(); ++bound) {
    bool ge = keyword_is(line[i].text, "ge");
    if (!ge && !keyword_is(line[i].text, "le")) break;
    if ((ge && e.ge) || (!ge && e.le)) break;
    auto value = ctx.number(line, i + 1, 1, 32, "prefix length", ge ? "ge expects a length" : "le expects a length");
    if (!value) return handled();
    (ge ? e.ge : e.le) = static_cast<std::uint8_t>(*value);
    i += 2;
  }
  if (!ctx.finish(line, i)) return handled();
  // IOS: len < ge <= le <= 32.
  if ((e.ge && *e.ge <= e.prefix.length) || (e.le && *e.le <= e.prefix.length) ||
      (e.ge && e.le && *e.ge > *e.le)) {
    ctx.error(line, prefix_at,
              "invalid prefix range for " + e.prefix.to_string() + ": make sure length < ge <= le");
    return handled();
  }
  if (it == lists.end()) {
    if (negated) {
      ctx.error(line, first + 2, "prefix-list '" + *name + "' is not defined");
      return handled();
    }
    lists.push_back(PrefixList{*name, {}, {}, ctx.at(line, first + 2)});
    it = lists.end() - 1;
  }
  auto& entries = it->entries;
  auto same_rule = [&](const PrefixListEntry& x) {
    return x.permit == e.permit && x.prefix == e.prefix && x.ge == e.ge && x.le == e.le;
  };
  if (negated) {
    std::erase_if(entries, [&](auto& x) { return same_rule(x) && (!explicit_seq || x.seq == e.seq); });
    return handled();
  }
  if (!explicit_seq) {
    // IOS ignores a rule already present and numbers a new one 5 past the highest.
    if (std::any_of(entries.begin(), entries.end(), same_rule)) return handled();
    e.seq = entries.empty() ? 5 : entries.back().seq + 5;
  }
  std::erase_if(entries, [&](auto& x) { return x.seq == e.seq; });
  auto pos = std::find_if(entries.begin(), entries.end(), [&](auto& x) { return x.seq > e.seq; });
  entries.insert(pos, e);
  return handled();
}

Outcome parse_extcommunity_list(ParseContext& ctx, const Line& line, std::size_t first,
                                bool negated) {
  std::size_t i = first + 2;
  if (!ctx.need(line, i, "extcommunity-list expects a list number 1-99 or 'standard NAME'"))
    return handled();
  ExtCommunityList list;
  if (keyword_is(line[i].text, "standard")) {
    auto name = ctx.word(line, i + 1, "standard expects a list name");
    if (!name) return handled();
    list.name = *name;
    list.named_standard = true;
    i += 2;
  } else if (keyword_is(line[i].text, "expanded")) {
    ctx.error(line, i, "expanded extcommunity-lists are not supported: use a standard list");
    return handled();
  } else {
    auto number = ctx.number(line, i, 1, 500, "extcommunity-list number",
                             "extcommunity-list expects a list number");
    if (!number) return handled();
    if (*number >= 100) {
      ctx.error(line, i, "expanded extcommunity-lists (100-500) are not supported: use 1-99");
      return handled();
    }
    list.name = line[i].text;
    ++i;
  }
  list.where = ctx.at(line, first + 2);
  auto& lists = ctx.config.extcommunity_lists;
  auto it = std::find_if(lists.begin(), lists.end(), [&](auto& l) { return l.name == list.name; });
  if (negated && i >= line.size()) {
    if (it == lists.end()) ctx.error(line, first + 2, "extcommunity-list '" + list.name + "' is not defined");
    else lists.erase(it);
    return handled();
  }
  auto permit = permit_or_deny(ctx, line, i);
  if (!permit) return handled();
  ExtCommunityListEntry e;
  e.permit = *permit;
  ++i;
  if (!ctx.need(line, i, "extcommunity-list expects rt or soo")) return handled();
  while (i < line.size()) {
    bool rt = keyword_is(line[i].text, "rt");
    if (!rt && !keyword_is(line[i].text, "soo")) {
      ctx.error(line, i, "extcommunity-list expects rt or soo, got '" + line[i].text + "'");
      return handled();
    }
    auto value = ctx.rd_or_rt(line, i + 1, rt ? "rt" : "soo", rt ? "route target" : "site of origin");
    if (!value) return handled();
    add_unique(rt ? e.route_targets : e.sites_of_origin, *value);
    i += 2;
  }
  if (it == lists.end()) {
    if (negated) return handled();
    lists.push_back(std::move(list));
    it = lists.end() - 1;
  }
  if (negated) std::erase(it->entries, e);
  else add_unique(it->entries, e);
  return handled();
}

Outcome parse_route_map_command(ParseContext& ctx, const Line& line, std::size_t first,
                                bool negated) {
  auto name = ctx.word(line, first + 1, "route-map expects a name");
  if (!name) return handled();
  RouteMapEntry e;
  e.where = ctx.at(line, first + 1);
  std::size_t i = first + 2;
  bool explicit_seq = false;
  if (i < line.size() && !is_digit_word(line[i].text)) {
    auto permit = permit_or_deny(ctx, line, i);
    if (!permit) return handled();
    e.permit = *permit;
    ++i;
  }
  if (i < line.size()) {
    auto seq = ctx.number(line, i, 0, 65535, "sequence number", "");
    if (!seq) return handled();
    e.seq = *seq;
    explicit_seq = true;
    ++i;
  }
  if (!ctx.finish(line, i)) return handled();
  auto& maps = ctx.config.route_maps;
  auto it = std::find_if(maps.begin(), maps.end(), [&](auto& m) { return m.name == *name; });
  if (negated) {
    if (it == maps.end()) {
      ctx.error(line, first + 1, "route-map '" + *name + "' is not defined");
    } else if (!explicit_seq) {
      maps.erase(it);
    } else {
      std::erase_if(it->entries, [&](auto& x) { return x.seq == e.seq; });
      if (it->entries.empty()) maps.erase(it);
    }
    return handled();
  }
  if (it == maps.end()) {
    maps.push_back(RouteMap{*name, {}});
    it = maps.end() - 1;
  }
  auto& entries = it->entries;
  auto existing = std::find_if(entries.begin(), entries.end(), [&](auto& x) { return x.seq == e.seq; });
  if (existing != entries.end()) {
    existing->permit = e.permit;  // re-entering a sequence edits it
  } else {
    existing = entries.insert(
        std::find_if(entries.begin(), entries.end(), [&](auto& x) { return x.seq > e.seq; }), e);
  }
  ctx.route_map = static_cast<std::size_t>(it - maps.begin());
  ctx.route_map_entry = static_cast<std::size_t>(existing - entries.begin());
  ctx.mode = Mode::RouteMap;
  return handled();
}

Outcome parse_route_map_line(ParseContext& ctx, const Line& line, std::size_t first,
                             bool negated) {
  RouteMapEntry& e = entry(ctx);
  const std::string& command = line[first].text;
  auto is = [&](std::size_t i, std::string_view keyword) {
    return i < line.size() && keyword_is(line[i].text, keyword);
  };
  if (keyword_is(command, "description")) {
    if (negated) e.description.clear();
    else if (ctx.need(line, first + 1, "description expects a text"))
      e.description = line.rest_from(first + 1);
    return handled();
  }
  if (keyword_is(command, "match")) {
    std::vector<std::string>* list = nullptr;
    std::size_t i = 0;
    std::string what;
    if (is(first + 1, "ip") && is(first + 2, "address") && is(first + 3, "prefix-list")) {
      list = &e.match_prefix_lists;
      i = first + 4;
      what = "match ip address prefix-list expects a prefix-list name";
    } else if (is(first + 1, "extcommunity")) {
      list = &e.match_extcommunities;
      i = first + 2;
      what = "match extcommunity expects an extcommunity-list";
    } else if (is(first + 1, "ip") && is(first + 2, "address")) {
      return unknown(first + 3);
    } else if (is(first + 1, "ip")) {
      return unknown(first + 2);
    } else {
      return unknown(first + 1);
    }
    if (negated) {
      if (i >= line.size()) list->clear();
      for (; i < line.size(); ++i) std::erase(*list, line[i].text);
      return handled();
    }
    if (!ctx.need(line, i, what)) return handled();
    (list == &e.match_prefix_lists ? e.match_prefix_lists_where : e.match_extcommunities_where) =
        ctx.at(line, i);
    for (; i < line.size(); ++i) add_unique(*list, line[i].text);
    return handled();
  }
  if (!keyword_is(command, "set")) return unknown(first);
  if (is(first + 1, "metric") || is(first + 1, "local-preference")) {
    bool metric = is(first + 1, "metric");
    auto& field = metric ? e.set_metric : e.set_local_preference;
    if (negated) {
      field.reset();
      return handled();
    }
    auto value = ctx.number(line, first + 2, 0, 4294967295u, metric ? "metric" : "local-preference",
                            metric ? "set metric expects a number" : "set local-preference expects a number");
    if (value && ctx.finish(line, first + 3)) field = value;
    return handled();
  }
  if (is(first + 1, "extcommunity")) {
    if (!is(first + 2, "rt")) {
      if (first + 2 >= line.size()) return unknown(first + 2);
      ctx.error(line, first + 2, "set extcommunity expects rt, got '" + line[first + 2].text + "'");
      return handled();
    }
    if (negated) {
      e.set_route_targets.clear();
      e.set_additive = false;
      return handled();
    }
    std::vector<RouteTarget> targets;
    bool additive = false;
    std::size_t i = first + 3;
    if (!ctx.need(line, i, "set extcommunity rt expects a route target ASN:NN or A.B.C.D:NN"))
      return handled();
    for (; i < line.size(); ++i) {
      if (keyword_is(line[i].text, "additive")) {
        additive = true;
        if (!ctx.finish(line, i + 1)) return handled();
        break;
      }
      auto rt = ctx.rd_or_rt(line, i, "set extcommunity rt", "route target");
      if (!rt) return handled();
      add_unique(targets, *rt);
    }
    if (targets.empty()) {
      ctx.error(line, first + 3, "missing argument: set extcommunity rt expects a route target ASN:NN or A.B.C.D:NN");
      return handled();
    }
    e.set_route_targets = targets;
    e.set_additive = additive;
    return handled();
  }
  return unknown(first + 1);
}

}  // namespace l3vpn::config::detail
