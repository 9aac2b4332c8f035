#include "cli/show_cef.hpp"

#include "cli/json_writer.hpp"
#include "cli/show_bgp.hpp"  // ipv4_text

namespace l3vpn::cli {
namespace {

std::string label_text(std::uint32_t label) { return label == 3 ? "implicit-null" : std::to_string(label); }

const char* kind_text(CefEntryView::Kind k) {
  switch (k) {
    case CefEntryView::Kind::Recursive: return "recursive";
    case CefEntryView::Kind::Attached: return "attached";
    case CefEntryView::Kind::Receive: return "receive";
    case CefEntryView::Kind::Direct: return "direct";
  }
  return "?";
}

}  // namespace

CommandResult show_ip_cef_detail(const std::string& vrf, const std::optional<CefEntryView>& entry, bool json) {
  if (!entry) return CommandResult::failure("% Prefix not found in vrf " + vrf + "\n");
  const CefEntryView& e = *entry;
  if (json) {
    JsonWriter w;
    w.begin_object().key("vrf").string(e.vrf).key("prefix").string(e.prefix).key("kind").string(kind_text(e.kind));
    if (e.kind == CefEntryView::Kind::Recursive || e.kind == CefEntryView::Kind::Direct) {
      w.key("recursive_via").string(ipv4_text(e.recursive_via)).key("vpn_label");
      e.vpn_label ? w.number(std::uint64_t{*e.vpn_label}) : w.null();
      w.key("next_hops").begin_array();
      for (const CefNextHopView& h : e.next_hops) {
        w.begin_object().key("address").string(ipv4_text(h.address)).key("interface").string(h.interface);
        w.key("label");
        h.label ? w.string(label_text(*h.label)) : w.null();
        w.end_object();
      }
      w.end_array();
    } else {
      w.key("interface").string(e.interface);
    }
    w.end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out = e.prefix + ", epoch 0\n";
  switch (e.kind) {
    case CefEntryView::Kind::Attached: return CommandResult::success(out + "  attached to " + e.interface + "\n");
    case CefEntryView::Kind::Receive: return CommandResult::success(out + "  receive for " + e.interface + "\n");
    case CefEntryView::Kind::Direct:
      for (const CefNextHopView& h : e.next_hops) out += "  nexthop " + ipv4_text(h.address) + " " + h.interface + "\n";
      return CommandResult::success(out);
    case CefEntryView::Kind::Recursive: break;
  }
  out += "  recursive via " + ipv4_text(e.recursive_via);
  if (e.vpn_label) out += " label " + label_text(*e.vpn_label);
  out += "\n";
  for (const CefNextHopView& h : e.next_hops) {
    out += "    nexthop " + ipv4_text(h.address) + " " + h.interface;
    if (h.label) out += " label " + label_text(*h.label);
    out += "\n";
  }
  return CommandResult::success(out);
}

CommandResult show_ip_cef_table(const std::vector<CefEntryView>& entries, bool json) {
  auto next_hop = [](const CefEntryView& e) -> std::pair<std::string, std::string> {
    switch (e.kind) {
      case CefEntryView::Kind::Attached: return {"attached", e.interface};
      case CefEntryView::Kind::Receive: return {"receive", e.interface};
      case CefEntryView::Kind::Direct:
      case CefEntryView::Kind::Recursive: break;
    }
    if (e.next_hops.empty()) return {"no route", ""};
    return {ipv4_text(e.next_hops.front().address), e.next_hops.front().interface};
  };
  if (json) {
    JsonWriter w;
    w.begin_array();
    for (const CefEntryView& e : entries) {
      auto [hop, itf] = next_hop(e);
      w.begin_object().key("prefix").string(e.prefix).key("next_hop").string(hop).key("interface").string(itf);
      w.end_object();
    }
    w.end_array();
    return CommandResult::success(w.str() + "\n");
  }
  auto pad = [](std::string s) {
    if (s.size() < 21) s.resize(21, ' ');
    else s += ' ';
    return s;
  };
  std::string out = pad("Prefix") + pad("Next Hop") + "Interface\n";
  for (const CefEntryView& e : entries) {
    auto [hop, itf] = next_hop(e);
    std::string line = pad(e.prefix) + pad(hop) + itf;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return CommandResult::success(out);
}

}  // namespace l3vpn::cli
