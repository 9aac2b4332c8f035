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
    if (e.kind == CefEntryView::Kind::Recursive) {
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

}  // namespace l3vpn::cli
