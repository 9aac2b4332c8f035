#include "cli/show_ospf_database.hpp"

#include <bit>
#include <cstdio>

#include "cli/format_line.hpp"
#include "cli/json_writer.hpp"
#include "cli/show_bgp.hpp"  // ipv4_text

namespace l3vpn::cli {
namespace {

std::string header(const OspfDatabaseView& v) {
  return "\n            OSPF Router with ID (" + ipv4_text(v.router_id) + ") (Process ID " +
         std::to_string(v.process_id) + ")\n";
}

// The section titles IOS prints, per LS type.
const char* section_title(std::uint8_t type) {
  switch (type) {
    case 1: return "Router Link States";
    case 2: return "Net Link States";
    case 3: return "Summary Net Link States";
    case 4: return "Summary ASB Link States";
    default: return "Type-5 AS External Link States";
  }
}

std::string section(std::uint8_t type, std::uint32_t area_id, bool external) {
  std::string title = section_title(type);
  if (!external) title += " (Area " + std::to_string(area_id) + ")";
  return "\n\t\t" + title + "\n\n";
}

std::string table_row(const OspfLsaView& l) {
  char seq[16], sum[16];
  std::snprintf(seq, sizeof seq, "0x%08X", l.sequence);
  std::snprintf(sum, sizeof sum, "0x%06X", unsigned{l.checksum});
  std::string row = format_line("%-15s %-15s %-11u %-10s %-8s", ipv4_text(l.link_state_id).c_str(),
                         ipv4_text(l.advertising_router).c_str(), unsigned{l.age}, seq, sum);
  row.pop_back();
  if (l.type == 1) row += " " + std::to_string(l.links.size());
  if (l.type == 5) row += " " + std::to_string(l.tag);
  if (l.type != 1 && l.type != 5) {
    while (!row.empty() && row.back() == ' ') row.pop_back();
  }
  return row + "\n";
}

std::string table(const std::vector<OspfLsaView>& lsas, std::uint8_t type, std::uint32_t area_id, bool external) {
  std::string rows;
  for (const OspfLsaView& l : lsas)
    if (l.type == type) rows += table_row(l);
  if (rows.empty()) return "";
  std::string columns = "Link ID         ADV Router      Age         Seq#       Checksum";
  if (type == 1) columns += " Link count";
  if (type == 5) columns += " Tag";
  return section(type, area_id, external) + columns + "\n" + rows;
}

// "(No TOS-capability, DC)": the T and DC bits; types 3-5 also say "Upward"
// when the DN bit (0x80, RFC 4576) is clear, as IOS 15 does.
std::string options_text(const OspfLsaView& l) {
  std::string text = (l.options & 0x01) ? "(TOS-capability" : "(No TOS-capability";
  if (l.options & 0x20) text += ", DC";
  if (l.type >= 3 && l.type <= 5 && !(l.options & 0x80)) text += ", Upward";
  return text + ")";
}

const char* type_text(std::uint8_t type) {
  switch (type) {
    case 1: return "Router Links";
    case 2: return "Network Links";
    case 3: return "Summary Links(Network)";
    case 4: return "Summary Links(AS Boundary Router)";
    default: return "AS External Link";
  }
}

const char* lsid_note(std::uint8_t type) {
  switch (type) {
    case 2: return " (address of Designated Router)";
    case 3: return " (summary Network Number)";
    case 4: return " (AS Boundary Router address)";
    case 5: return " (External Network Number )";
    default: return "";
  }
}

std::string router_link(const OspfRouterLinkView& k) {
  std::string out;
  switch (k.type) {
    case 1:
      out += "    Link connected to: another Router (point-to-point)\n";
      out += "     (Link ID) Neighboring Router ID: " + ipv4_text(k.link_id) + "\n";
      out += "     (Link Data) Router Interface address: " + ipv4_text(k.link_data) + "\n";
      break;
    case 2:
      out += "    Link connected to: a Transit Network\n";
      out += "     (Link ID) Designated Router address: " + ipv4_text(k.link_id) + "\n";
      out += "     (Link Data) Router Interface address: " + ipv4_text(k.link_data) + "\n";
      break;
    case 4:
      out += "    Link connected to: a Virtual Link\n";
      out += "     (Link ID) Neighboring Router ID: " + ipv4_text(k.link_id) + "\n";
      out += "     (Link Data) Router Interface address: " + ipv4_text(k.link_data) + "\n";
      break;
    default:
      out += "    Link connected to: a Stub Network\n";
      out += "     (Link ID) Network/subnet number: " + ipv4_text(k.link_id) + "\n";
      out += "     (Link Data) Network Mask: " + ipv4_text(k.link_data) + "\n";
      break;
  }
  out += "      Number of MTID metrics: 0\n";
  out += "       TOS 0 Metrics: " + std::to_string(k.metric) + "\n\n";
  return out;
}

std::string detail(const OspfLsaView& l) {
  std::string out;
  out += "  LS age: " + std::to_string(l.age) + "\n";
  out += "  Options: " + options_text(l) + "\n";
  out += std::string("  LS Type: ") + type_text(l.type) + "\n";
  out += "  Link State ID: " + ipv4_text(l.link_state_id) + lsid_note(l.type) + "\n";
  out += "  Advertising Router: " + ipv4_text(l.advertising_router) + "\n";
  out += format_line("  LS Seq Number: %08X", l.sequence);
  out += format_line("  Checksum: 0x%X", unsigned{l.checksum});
  out += "  Length: " + std::to_string(l.length) + "\n";
  const std::string mask = "  Network Mask: /" + std::to_string(std::popcount(l.network_mask)) + "\n";
  switch (l.type) {
    case 1:
      if (l.router_flags & 0x01) out += "  Area Border Router\n";
      if (l.router_flags & 0x02) out += "  AS Boundary Router\n";
      out += "  Number of Links: " + std::to_string(l.links.size()) + "\n\n";
      for (const OspfRouterLinkView& k : l.links) out += router_link(k);
      return out;
    case 2:
      out += mask;
      for (std::uint32_t r : l.attached_routers) out += "        Attached Router: " + ipv4_text(r) + "\n";
      return out + "\n";
    case 3:
    case 4:
      out += mask;
      return out + "        MTID: 0         Metric: " + std::to_string(l.metric) + "\n\n";
    default:
      out += mask;
      out += l.external_type2 ? "        Metric Type: 2 (Larger than any link state path)\n"
                              : "        Metric Type: 1 (Comparable directly to link state metric)\n";
      out += "        MTID: 0\n";
      out += "        Metric: " + std::to_string(l.metric) + "\n";
      out += "        Forward Address: " + ipv4_text(l.forwarding_address) + "\n";
      out += "        External Route Tag: " + std::to_string(l.tag) + "\n\n";
      return out;
  }
}

void lsa_json(JsonWriter& w, const OspfLsaView& l) {
  w.begin_object().key("type").number(unsigned{l.type}).key("age").number(unsigned{l.age});
  w.key("options").number(unsigned{l.options});
  w.key("link_state_id").string(ipv4_text(l.link_state_id));
  w.key("advertising_router").string(ipv4_text(l.advertising_router));
  char seq[16], sum[16];
  std::snprintf(seq, sizeof seq, "0x%08X", l.sequence);
  std::snprintf(sum, sizeof sum, "0x%04X", unsigned{l.checksum});
  w.key("sequence").string(seq).key("checksum").string(sum).key("length").number(unsigned{l.length});
  switch (l.type) {
    case 1:
      w.key("area_border_router").boolean(l.router_flags & 0x01);
      w.key("as_boundary_router").boolean(l.router_flags & 0x02);
      w.key("links").begin_array();
      for (const OspfRouterLinkView& k : l.links) {
        w.begin_object().key("type").number(unsigned{k.type}).key("link_id").string(ipv4_text(k.link_id));
        w.key("link_data").string(ipv4_text(k.link_data)).key("metric").number(unsigned{k.metric}).end_object();
      }
      w.end_array();
      break;
    case 2:
      w.key("mask_length").number(std::popcount(l.network_mask)).key("attached_routers").begin_array();
      for (std::uint32_t r : l.attached_routers) w.string(ipv4_text(r));
      w.end_array();
      break;
    default:
      w.key("mask_length").number(std::popcount(l.network_mask)).key("metric").number(std::uint64_t{l.metric});
      if (l.type == 5) {
        w.key("metric_type").number(l.external_type2 ? 2 : 1);
        w.key("forwarding_address").string(ipv4_text(l.forwarding_address));
        w.key("tag").number(std::uint64_t{l.tag});
      }
      break;
  }
  w.end_object();
}

// `type` 0: every type.
std::string database_json(const OspfDatabaseView& v, std::uint8_t type) {
  JsonWriter w;
  w.begin_object().key("process_id").number(std::uint64_t{v.process_id});
  w.key("router_id").string(ipv4_text(v.router_id)).key("areas").begin_array();
  for (const OspfAreaDatabaseView& a : v.areas) {
    w.begin_object().key("area").number(std::uint64_t{a.area_id}).key("lsas").begin_array();
    for (const OspfLsaView& l : a.lsas)
      if (type == 0 || l.type == type) lsa_json(w, l);
    w.end_array().end_object();
  }
  w.end_array().key("externals").begin_array();
  if (type == 0 || type == 5)
    for (const OspfLsaView& l : v.externals) lsa_json(w, l);
  w.end_array().end_object();
  return w.str() + "\n";
}

}  // namespace

CommandResult show_ip_ospf_database(const OspfDatabaseView& view, bool json) {
  if (json) return CommandResult::success(database_json(view, 0));
  std::string out = header(view);
  for (const OspfAreaDatabaseView& a : view.areas)
    for (std::uint8_t type = 1; type <= 4; ++type) out += table(a.lsas, type, a.area_id, false);
  out += table(view.externals, 5, 0, true);
  return CommandResult::success(out);
}

CommandResult show_ip_ospf_database_detail(const OspfDatabaseView& view, std::uint8_t ls_type, bool json) {
  if (json) return CommandResult::success(database_json(view, ls_type));
  std::string out = header(view);
  const auto blocks = [&](const std::vector<OspfLsaView>& lsas, std::uint32_t area_id, bool external) {
    std::string text;
    for (const OspfLsaView& l : lsas)
      if (l.type == ls_type) text += detail(l);
    if (!text.empty()) out += section(ls_type, area_id, external) + text;
  };
  if (ls_type == 5) blocks(view.externals, 0, true);
  else
    for (const OspfAreaDatabaseView& a : view.areas) blocks(a.lsas, a.area_id, false);
  return CommandResult::success(out);
}

}  // namespace l3vpn::cli
