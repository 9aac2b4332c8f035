// Line dispatch: each line goes to the handler of the current submode, then to
// the enclosing modes, as IOS does when a config is pasted without indentation.
#include "config/parser.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "config/parse_context.hpp"

namespace l3vpn::config {

std::string Diagnostic::to_string() const {
  return where.file + ':' + std::to_string(where.line) + ':' + std::to_string(where.column) +
         ": error: " + message;
}

namespace detail {

namespace {

Outcome dispatch(ParseContext& ctx, Mode mode, const Line& line, std::size_t first,
                 bool negated) {
  switch (mode) {
    case Mode::Global: return parse_global_line(ctx, line, first, negated);
    case Mode::Vrf: return parse_vrf_line(ctx, line, first, negated);
    case Mode::VrfFamily: return parse_vrf_family_line(ctx, line, first, negated);
    case Mode::Interface: return parse_interface_line(ctx, line, first, negated);
    case Mode::Ospf: return parse_ospf_line(ctx, line, first, negated);
    case Mode::Bgp: return parse_bgp_line(ctx, line, first, negated);
    case Mode::BgpFamily: return parse_bgp_family_line(ctx, line, first, negated);
    case Mode::RouteMap: return parse_route_map_line(ctx, line, first, negated);
    case Mode::MplsLdpLabel: return parse_mpls_ldp_label_line(ctx, line, first, negated);
  }
  return unknown(first);
}

void parse_line(ParseContext& ctx, const Line& line) {
  if (line.size() == 0 || line[0].text[0] == '!') return;  // "!" never leaves a submode
  if (keyword_is(line[0].text, "end")) {
    if (ctx.finish(line, 1)) ctx.mode = Mode::Global;
    return;
  }
  if (keyword_is(line[0].text, "exit")) {
    if (ctx.finish(line, 1)) ctx.mode = parent_mode(ctx.mode);
    return;
  }
  bool negated = keyword_is(line[0].text, "no");
  std::size_t first = negated ? 1 : 0;
  if (!ctx.need(line, first, "'no' expects a command")) return;

  const Mode original = ctx.mode;
  Outcome first_outcome = dispatch(ctx, original, line, first, negated);
  if (first_outcome.known) return;
  for (Mode mode = original; mode != Mode::Global;) {
    mode = parent_mode(mode);
    ctx.mode = mode;
    if (dispatch(ctx, mode, line, first, negated).known) return;
  }
  ctx.mode = original;  // a line nobody knows does not leave the submode
  std::size_t bad = first_outcome.unknown_token;
  if (bad >= line.size()) {
    ctx.error(line, bad,
              "incomplete command '" + line.words(0, bad) + "' in " + mode_name(original) +
                  " mode");
  } else {
    ctx.error(line, bad,
              "unknown command '" + line.words(0, bad) + "' in " + mode_name(original) + " mode");
  }
}

}  // namespace

Outcome parse_global_line(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  const std::string& command = line[first].text;
  if (keyword_is(command, "hostname")) {
    if (negated) {
      if (ctx.finish(line, first + 1)) ctx.config.hostname.clear();
      return handled();
    }
    auto name = ctx.word(line, first + 1, "hostname expects a name");
    if (name && ctx.finish(line, first + 2)) ctx.config.hostname = *name;
    return handled();
  }
  if (keyword_is(command, "interface")) return parse_interface_command(ctx, line, first, negated);
  if (keyword_is(command, "route-map")) return parse_route_map_command(ctx, line, first, negated);
  if (keyword_is(command, "mpls")) return parse_mpls_global(ctx, line, first, negated);
  if (keyword_is(command, "vrf")) {
    if (first + 1 < line.size() && keyword_is(line[first + 1].text, "definition"))
      return parse_vrf_command(ctx, line, first, negated);
    return unknown(first + 1);
  }
  if (keyword_is(command, "router")) {
    if (first + 1 >= line.size()) return unknown(first + 1);
    if (keyword_is(line[first + 1].text, "ospf")) return parse_ospf_command(ctx, line, first, negated);
    if (keyword_is(line[first + 1].text, "bgp")) return parse_bgp_command(ctx, line, first, negated);
    return unknown(first + 1);
  }
  if (keyword_is(command, "ip")) {
    if (first + 1 >= line.size()) return unknown(first + 1);
    const std::string& sub = line[first + 1].text;
    if (keyword_is(sub, "vrf")) return parse_vrf_command(ctx, line, first, negated);
    if (keyword_is(sub, "route")) return parse_static_route(ctx, line, first, negated);
    if (keyword_is(sub, "prefix-list")) return parse_prefix_list(ctx, line, first, negated);
    if (keyword_is(sub, "extcommunity-list"))
      return parse_extcommunity_list(ctx, line, first, negated);
    // CEF is what forwards MPLS on IOS; always on here, accepted so IOS configs load.
    if (keyword_is(sub, "cef")) {
      if (negated) ctx.error(line, first + 1, "'no ip cef' is not supported: CEF is always on");
      else ctx.finish(line, first + 2);
      return handled();
    }
    return unknown(first + 1);
  }
  return unknown(first);
}

}  // namespace detail

ParseResult parse_config(std::string_view text, const std::string& file) {
  detail::ParseContext ctx(file);
  ctx.config.where = SourceLocation{file, 0, 0};
  int number = 0;
  while (!text.empty() || number == 0) {
    std::size_t newline = text.find('\n');
    std::string_view raw = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    ++number;
    detail::parse_line(ctx, tokenize(raw, number));
    if (text.empty()) break;
  }
  ParseResult result;
  result.errors = std::move(ctx.errors);
  auto by_line = [](const Diagnostic& a, const Diagnostic& b) {
    return a.where.line < b.where.line;
  };
  std::stable_sort(result.errors.begin(), result.errors.end(), by_line);
  std::vector<Diagnostic> references = detail::validate(ctx.config);
  std::stable_sort(references.begin(), references.end(), by_line);
  for (auto& diagnostic : references) {
    diagnostic.where.file = file;
    result.errors.push_back(std::move(diagnostic));
  }
  result.config = std::move(ctx.config);
  return result;
}

ParseResult parse_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ParseResult result;
    result.errors.push_back({{path, 0, 0}, "cannot read file"});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path);
}

}  // namespace l3vpn::config
