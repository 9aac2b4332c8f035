// "ip vrf NAME" and "vrf definition NAME" blocks. Both syntaxes feed one Vrf;
// the syntax is remembered so the renderer writes the block back the same way.
#include <algorithm>

#include "config/parse_context.hpp"

namespace l3vpn::config::detail {

namespace {

Vrf& current(ParseContext& ctx) { return ctx.config.vrfs[ctx.vrf]; }

void add_unique(std::vector<RouteTarget>& list, const RouteTarget& rt) {
  if (std::find(list.begin(), list.end(), rt) == list.end()) list.push_back(rt);
}

void remove(std::vector<RouteTarget>& list, const RouteTarget& rt) {
  list.erase(std::remove(list.begin(), list.end(), rt), list.end());
}

// Commands valid both directly under the VRF and in its ipv4 family.
Outcome parse_targets_and_maps(ParseContext& ctx, const Line& line, std::size_t first,
                               bool negated) {
  const std::string& command = line[first].text;
  if (keyword_is(command, "route-target")) {
    if (!ctx.need(line, first + 1, "route-target expects import, export or both")) return handled();
    const std::string& direction = line[first + 1].text;
    bool import = keyword_is(direction, "import");
    bool exp = keyword_is(direction, "export");
    if (keyword_is(direction, "both")) import = exp = true;
    std::size_t value_at = first + 2;
    if (!import && !exp) {
      // IOS takes "route-target X" as "both".
      if (!AdministratorValue::parse(direction)) {
        ctx.error(line, first + 1,
                  "route-target expects import, export or both, got '" + direction + "'");
        return handled();
      }
      import = exp = true;
      value_at = first + 1;
    }
    auto rt = ctx.rd_or_rt(line, value_at, "route-target", "route target");
    if (!rt || !ctx.finish(line, value_at + 1)) return handled();
    Vrf& vrf = current(ctx);
    if (negated) {
      if (import) remove(vrf.import_targets, *rt);
      if (exp) remove(vrf.export_targets, *rt);
    } else {
      if (import) add_unique(vrf.import_targets, *rt);
      if (exp) add_unique(vrf.export_targets, *rt);
    }
    return handled();
  }
  if (keyword_is(command, "import") || keyword_is(command, "export")) {
    if (first + 1 >= line.size() || !keyword_is(line[first + 1].text, "map"))
      return unknown(first + 1);
    std::string what = std::string(keyword_is(command, "import") ? "import" : "export") +
                       " map expects a route-map name";
    bool import = keyword_is(command, "import");
    std::string& target = import ? current(ctx).import_map : current(ctx).export_map;
    if (negated) {
      if (ctx.finish(line, first + 2 + (first + 2 < line.size() ? 1 : 0))) target.clear();
      return handled();
    }
    auto name = ctx.word(line, first + 2, what);
    if (name && ctx.finish(line, first + 3)) {
      target = *name;
      (import ? current(ctx).import_map_where : current(ctx).export_map_where) =
          ctx.at(line, first + 2);
    }
    return handled();
  }
  if (keyword_is(command, "kernel")) {
    // "kernel source-interface IF": the preferred source (RTA_PREFSRC) of the
    // routes the daemon installs in this VRF's Linux table, as BIRD's
    // krt_prefsrc; `no kernel source-interface [IF]` removes it. IOS has no
    // such command: it is ours, named after IOS's other source-interface knobs.
    if (first + 1 >= line.size() || !keyword_is(line[first + 1].text, "source-interface"))
      return unknown(first + 1);
    Vrf& vrf = current(ctx);
    if (negated) {
      if (ctx.finish(line, first + 2 + (first + 2 < line.size() ? 1 : 0))) vrf.kernel_source_interface.clear();
      return handled();
    }
    auto name = ctx.word(line, first + 2, "kernel source-interface expects an interface name (Loopback1)");
    if (name && ctx.finish(line, first + 3)) {
      vrf.kernel_source_interface = *name;
      vrf.kernel_source_where = ctx.at(line, first + 2);
    }
    return handled();
  }
  return unknown(first);
}

}  // namespace

Outcome parse_vrf_command(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  // "ip vrf NAME" or "vrf definition NAME": the name follows two words.
  bool ip_vrf = keyword_is(line[first].text, "ip");
  auto name = ctx.word(line, first + 2, "vrf expects a VRF name");
  if (!name || !ctx.finish(line, first + 3)) return handled();
  auto& vrfs = ctx.config.vrfs;
  auto it = std::find_if(vrfs.begin(), vrfs.end(), [&](const Vrf& v) { return v.name == *name; });
  if (negated) {
    if (it == vrfs.end()) ctx.error(line, first + 2, "VRF '" + *name + "' is not defined");
    else vrfs.erase(it);
    return handled();
  }
  Vrf::Syntax syntax = ip_vrf ? Vrf::Syntax::IpVrf : Vrf::Syntax::VrfDefinition;
  if (it == vrfs.end()) {
    Vrf vrf;
    vrf.name = *name;
    vrf.syntax = syntax;
    vrf.where = ctx.at(line, first + 2);
    // Kept sorted by name, as IOS keeps (and shows) them: the model then does
    // not depend on the order a file happened to define them in.
    auto at = std::lower_bound(vrfs.begin(), vrfs.end(), vrf.name,
                               [](const Vrf& v, const std::string& n) { return v.name < n; });
    it = vrfs.insert(at, std::move(vrf));
  } else if (it->syntax != syntax) {
    ctx.error(line, first,
              "VRF '" + *name + "' was defined with '" +
                  (syntax == Vrf::Syntax::IpVrf ? "vrf definition" : "ip vrf") +
                  "'; use the same syntax to edit it");
    return handled();
  }
  ctx.vrf = static_cast<std::size_t>(it - vrfs.begin());
  ctx.mode = Mode::Vrf;
  return handled();
}

Outcome parse_vrf_line(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  const std::string& command = line[first].text;
  Vrf& vrf = current(ctx);
  if (keyword_is(command, "rd")) {
    if (negated) {
      vrf.rd.reset();
      return handled();
    }
    auto rd = ctx.rd_or_rt(line, first + 1, "rd", "route distinguisher");
    if (!rd || !ctx.finish(line, first + 2)) return handled();
    // IOS refuses to change an RD in place: it must be removed first.
    if (vrf.rd && *vrf.rd != *rd) {
      ctx.error(line, first + 1,
                "VRF '" + vrf.name + "' already has rd " + vrf.rd->to_string() +
                    "; remove it with 'no rd' first");
      return handled();
    }
    vrf.rd = rd;
    vrf.rd_where = ctx.at(line, first + 1);
    return handled();
  }
  if (keyword_is(command, "description")) {
    if (negated) {
      vrf.description.clear();
    } else if (ctx.need(line, first + 1, "description expects a text")) {
      vrf.description = line.rest_from(first + 1);
    }
    return handled();
  }
  if (keyword_is(command, "address-family")) {
    if (vrf.syntax != Vrf::Syntax::VrfDefinition) return unknown(first);
    if (!ctx.need(line, first + 1, "address-family expects ipv4")) return handled();
    if (!keyword_is(line[first + 1].text, "ipv4")) {
      ctx.error(line, first + 1,
                "unsupported address family '" + line[first + 1].text + "': only ipv4 is supported");
      return handled();
    }
    std::size_t end = first + 2;
    if (end < line.size() && keyword_is(line[end].text, "unicast")) ++end;
    if (!ctx.finish(line, end)) return handled();
    vrf.ipv4_family = !negated;
    if (!negated) ctx.mode = Mode::VrfFamily;
    return handled();
  }
  // "ip vrf" accepts route-target and maps directly.
  return parse_targets_and_maps(ctx, line, first, negated);
}

Outcome parse_vrf_family_line(ParseContext& ctx, const Line& line, std::size_t first,
                              bool negated) {
  if (keyword_is(line[first].text, "exit-address-family")) {
    if (ctx.finish(line, first + 1)) ctx.mode = Mode::Vrf;
    return handled();
  }
  return parse_targets_and_maps(ctx, line, first, negated);
}

}  // namespace l3vpn::config::detail
