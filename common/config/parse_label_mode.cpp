// "mpls label mode {vrf NAME | all-vrfs} protocol bgp-vpnv4 {per-prefix | per-vrf | per-ce}"
// (IOS's syntax): how the VPN labels of a VRF's exported routes are
// allocated. Only the bgp-vpnv4 protocol exists here. A VRF statement
// replaces an earlier one for the same VRF; the `no` form removes it
// (the mode word may be given or not, as IOS accepts both).
#include <algorithm>

#include "config/parse_context.hpp"

namespace l3vpn::config::detail {
namespace {

std::optional<VpnLabelMode> mode_of(std::string_view word) {
  if (keyword_is(word, "per-prefix")) return VpnLabelMode::PerPrefix;
  if (keyword_is(word, "per-vrf")) return VpnLabelMode::PerVrf;
  if (keyword_is(word, "per-ce")) return VpnLabelMode::PerCe;
  return std::nullopt;
}

}  // namespace

// `first` indexes "mpls"; line[first + 2] is "mode".
Outcome parse_label_mode(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  std::size_t i = first + 3;
  if (!ctx.need(line, i, "label mode expects vrf NAME or all-vrfs")) return handled();
  bool all = keyword_is(line[i].text, "all-vrfs");
  std::optional<std::string> vrf;
  SourceLocation where;
  if (!all) {
    if (!keyword_is(line[i].text, "vrf")) {
      ctx.error(line, i, "label mode expects vrf or all-vrfs, got '" + line[i].text + "'");
      return handled();
    }
    vrf = ctx.word(line, i + 1, "label mode vrf expects a VRF name");
    if (!vrf) return handled();
    where = ctx.at(line, i + 1);
    ++i;
  }
  ++i;
  if (!ctx.need(line, i, "label mode expects 'protocol bgp-vpnv4'")) return handled();
  if (!keyword_is(line[i].text, "protocol")) {
    ctx.error(line, i, "label mode expects 'protocol', got '" + line[i].text + "'");
    return handled();
  }
  if (!ctx.need(line, i + 1, "label mode protocol expects bgp-vpnv4")) return handled();
  if (!keyword_is(line[i + 1].text, "bgp-vpnv4")) {
    ctx.error(line, i + 1, "unsupported label mode protocol '" + line[i + 1].text + "': only bgp-vpnv4 is supported");
    return handled();
  }
  i += 2;
  Mpls& mpls = ctx.config.mpls;
  auto same_vrf = [&](const VrfLabelMode& m) { return vrf && m.vrf == *vrf; };
  if (negated) {
    if (i < line.size() && !mode_of(line[i].text)) {
      ctx.error(line, i, "expected per-prefix, per-vrf or per-ce, got '" + line[i].text + "'");
      return handled();
    }
    if (!ctx.finish(line, i < line.size() ? i + 1 : i)) return handled();
    if (all) mpls.label_mode_all_vrfs.reset();
    else std::erase_if(mpls.label_modes, same_vrf);
    return handled();
  }
  if (!ctx.need(line, i, "label mode expects per-prefix, per-vrf or per-ce")) return handled();
  auto mode = mode_of(line[i].text);
  if (!mode) {
    ctx.error(line, i, "expected per-prefix, per-vrf or per-ce, got '" + line[i].text + "'");
    return handled();
  }
  if (!ctx.finish(line, i + 1)) return handled();
  if (all) {
    mpls.label_mode_all_vrfs = *mode;
    return handled();
  }
  auto it = std::find_if(mpls.label_modes.begin(), mpls.label_modes.end(), same_vrf);
  if (it != mpls.label_modes.end()) {
    it->mode = *mode;
    it->where = where;
  } else {
    mpls.label_modes.push_back(VrfLabelMode{*vrf, *mode, where});
  }
  return handled();
}

}  // namespace l3vpn::config::detail
