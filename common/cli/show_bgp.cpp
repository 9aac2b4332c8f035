#include "cli/show_bgp.hpp"

#include <cstdio>

#include "cli/format_line.hpp"
#include "cli/ios_time.hpp"
#include "cli/json_writer.hpp"
#include "config/address.hpp"

namespace l3vpn::cli {
namespace {

std::string optional_number(const std::optional<std::uint32_t>& v) {
  return v ? std::to_string(*v) : std::string();
}

// Routes come grouped by RD; IOS prints a heading each time the RD changes.
std::string rd_heading(const BgpPathView& p, bool labels) {
  std::string text = "Route Distinguisher: " + p.rd;
  if (!p.rd_vrf.empty()) text += labels ? " (" + p.rd_vrf + ")" : " (default for vrf " + p.rd_vrf + ")";
  return text + "\n";
}

void write_path_json(JsonWriter& w, const BgpPathView& p) {
  w.begin_object().key("rd").string_or_null(p.rd).key("vrf").string_or_null(p.rd_vrf);
  w.key("prefix").string(p.prefix).key("next_hop").string(ipv4_text(p.next_hop));
  w.key("metric");
  p.med ? w.number(std::uint64_t{*p.med}) : w.null();
  w.key("local_pref");
  p.local_pref ? w.number(std::uint64_t{*p.local_pref}) : w.null();
  w.key("weight").number(std::uint64_t{p.weight}).key("as_path").string(p.as_path);
  w.key("origin").string(std::string(1, p.origin));
  w.key("valid").boolean(p.valid).key("best").boolean(p.best).key("internal").boolean(p.internal);
  w.key("in_label");
  p.in_label ? w.number(std::uint64_t{*p.in_label}) : w.null();
  w.key("out_label");
  p.out_label ? w.number(std::uint64_t{*p.out_label}) : w.null();
  w.end_object();
}

}  // namespace

std::string ipv4_text(std::uint32_t a) { return config::Ipv4Address{a}.to_string(); }

CommandResult show_bgp_summary(const BgpSummaryView& view, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("router_id").string(ipv4_text(view.router_id));
    w.key("local_as").number(std::uint64_t{view.local_as}).key("table_version").number(view.table_version);
    w.key("network_entries").number(std::uint64_t{view.network_entries});
    w.key("paths").number(std::uint64_t{view.paths}).key("neighbors").begin_array();
    for (const auto& n : view.neighbors) {
      w.begin_object().key("neighbor").string(ipv4_text(n.address));
      w.key("remote_as").number(std::uint64_t{n.remote_as});
      w.key("messages_received").number(n.messages_received).key("messages_sent").number(n.messages_sent);
      w.key("state").string(n.admin_shutdown ? "Idle (Admin)" : n.state);
      w.key("up_down_seconds");
      if (n.up_down) w.number(static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(*n.up_down).count()));
      else w.null();
      w.key("prefixes_received").number(std::uint64_t{n.prefixes_received}).end_object();
    }
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out;
  out += "BGP router identifier " + ipv4_text(view.router_id) + ", local AS number " +
         std::to_string(view.local_as) + "\n";
  out += "BGP table version is " + std::to_string(view.table_version) + ", main routing table version " +
         std::to_string(view.table_version) + "\n";
  out += std::to_string(view.network_entries) + " network entries\n";
  out += std::to_string(view.paths) + " path entries\n\n";
  out += format_line("%-15s %s %12s %7s %7s %8s %4s %4s %-8s %s", "Neighbor", "V", "AS", "MsgRcvd", "MsgSent",
              "TblVer", "InQ", "OutQ", "Up/Down", "State/PfxRcd");
  for (const auto& n : view.neighbors) {
    std::string up_down = n.up_down ? ios_age(*n.up_down) : "never";
    std::string state = n.admin_shutdown ? "Idle (Admin)"
                        : n.state == "Established" ? format_line("%8u", n.prefixes_received)
                                                   : n.state;
    if (!state.empty() && state.back() == '\n') state.pop_back();
    out += format_line("%-15s %s %12u %7llu %7llu %8llu %4u %4u %-8s %s", ipv4_text(n.address).c_str(), "4",
                n.remote_as, static_cast<unsigned long long>(n.messages_received),
                static_cast<unsigned long long>(n.messages_sent),
                static_cast<unsigned long long>(n.table_version), n.in_queue, n.out_queue, up_down.c_str(),
                state.c_str());
  }
  return CommandResult::success(out);
}

CommandResult show_bgp_table(const BgpTableView& view, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("router_id").string(ipv4_text(view.router_id));
    w.key("table_version").number(view.table_version).key("paths").begin_array();
    for (const auto& p : view.paths) write_path_json(w, p);
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out = "BGP table version is " + std::to_string(view.table_version) + ", local router ID is " +
                    ipv4_text(view.router_id) + "\n";
  out += "Status codes: s suppressed, d damped, h history, * valid, > best, i - internal,\n";
  out += "              r RIB-failure, S Stale\n";
  out += "Origin codes: i - IGP, e - EGP, ? - incomplete\n\n";
  out += "   Network          Next Hop            Metric LocPrf Weight Path\n";
  const BgpPathView* previous = nullptr;
  for (const auto& p : view.paths) {
    bool same_rd = previous && p.rd == previous->rd;
    if (!same_rd && !p.rd.empty()) out += rd_heading(p, false);
    // IOS names the network once: its further paths leave the column blank.
    const std::string network = same_rd && p.prefix == previous->prefix ? std::string() : p.prefix;
    previous = &p;
    std::string status;
    status += p.valid ? '*' : ' ';
    status += p.best ? '>' : ' ';
    status += p.internal ? 'i' : ' ';
    std::string path = p.as_path.empty() ? std::string(1, p.origin) : p.as_path + " " + p.origin;
    // A prefix too long for its column goes on a line of its own, as IOS does.
    if (network.size() > 16) out += status + network + "\n" + std::string(20, ' ');
    else out += format_line("%s%-17s", status.c_str(), network.c_str()).substr(0, 20);
    out += format_line("%-19s %6s %6s %6u %s", ipv4_text(p.next_hop).c_str(), optional_number(p.med).c_str(),
                optional_number(p.local_pref).c_str(), p.weight, path.c_str());
  }
  return CommandResult::success(out);
}

CommandResult show_bgp_labels(const BgpTableView& view, bool json) {
  if (json) return show_bgp_table(view, true);
  std::string out = "   Network          Next Hop      In label/Out label\n";
  std::string current_rd;
  bool first = true;
  for (const auto& p : view.paths) {
    if (!p.best) continue;  // IOS lists the label of the best path per prefix
    if (first || p.rd != current_rd) {
      if (!p.rd.empty()) out += rd_heading(p, true);
      current_rd = p.rd;
      first = false;
    }
    std::string in = p.in_label ? std::to_string(*p.in_label) : "nolabel";
    std::string outl = p.out_label ? std::to_string(*p.out_label) : "nolabel";
    out += format_line("   %-16s %-15s %s/%s", p.prefix.c_str(), ipv4_text(p.next_hop).c_str(), in.c_str(), outl.c_str());
  }
  return CommandResult::success(out);
}

CommandResult show_bgp_prefix_detail(const BgpTableView& view, bool json) {
  if (view.paths.empty()) return CommandResult::failure("% Network not in table\n");
  if (json) return show_bgp_table(view, true);
  const BgpPathView& first = view.paths.front();
  std::string out = "BGP routing table entry for " + (first.rd.empty() ? "" : first.rd + ":") + first.prefix +
                    ", version " + std::to_string(view.table_version) + "\n";
  std::size_t best = 0;
  for (std::size_t i = 0; i < view.paths.size(); ++i)
    if (view.paths[i].best) best = i + 1;
  out += "Paths: (" + std::to_string(view.paths.size()) + " available";
  out += best ? ", best #" + std::to_string(best) : ", no best path";
  out += first.rd_vrf.empty() ? ")\n" : ", table " + first.rd_vrf + ")\n";
  for (const BgpPathView& p : view.paths) {
    bool local = p.from_address == 0;
    out += "  " + (p.as_path.empty() ? std::string("Local") : p.as_path) + "\n";
    out += "    " + ipv4_text(p.next_hop) + " from " + ipv4_text(p.from_address) + " (" +
           ipv4_text(p.from_router_id) + ")\n";
    std::string origin = p.origin == 'i' ? "IGP" : p.origin == 'e' ? "EGP" : "incomplete";
    out += "      Origin " + origin;
    if (p.med) out += ", metric " + std::to_string(*p.med);
    out += ", localpref " + std::to_string(p.local_pref.value_or(100));
    if (p.weight) out += ", weight " + std::to_string(p.weight);
    if (p.valid) out += ", valid";
    out += local ? ", sourced" : p.internal ? ", internal" : ", external";
    if (p.best) out += ", best";
    out += "\n";
    if (!p.extended_communities.empty()) {
      out += "      Extended Community:";
      for (const auto& c : p.extended_communities) out += " " + c;
      out += "\n";
    }
    if (p.originator_id) {
      out += "      Originator: " + ipv4_text(*p.originator_id) + ", Cluster list:";
      for (std::uint32_t c : p.cluster_list) out += " " + ipv4_text(c);
      out += "\n";
    }
    out += "      mpls labels in/out " + (p.in_label ? std::to_string(*p.in_label) : std::string("nolabel")) + "/" +
           (p.out_label ? std::to_string(*p.out_label) : std::string("nolabel")) + "\n";
  }
  return CommandResult::success(out);
}

}  // namespace l3vpn::cli
