#include "cli/show_bgp_neighbors.hpp"

#include <cstdio>

#include "cli/format_line.hpp"
#include "cli/ios_time.hpp"
#include "cli/json_writer.hpp"
#include "cli/show_bgp.hpp"

namespace l3vpn::cli {
namespace {

std::string counts_row(const char* name, std::uint64_t sent, std::uint64_t received) {
  return format_line("    %-16s %10llu %10llu", name, static_cast<unsigned long long>(sent),
              static_cast<unsigned long long>(received));
}

std::string capability(bool received) { return received ? "advertised and received" : "advertised"; }

std::string neighbor_text(const BgpNeighborDetailView& n) {
  std::string out = "BGP neighbor is " + ipv4_text(n.address) + ",  remote AS " + std::to_string(n.remote_as) +
                    (n.internal ? ", internal link\n" : ", external link\n");
  if (!n.description.empty()) out += " Description: " + n.description + "\n";
  out += "  BGP version 4, remote router ID " + ipv4_text(n.remote_router_id) + "\n";
  std::string state = n.admin_shutdown ? "Idle (Admin)" : n.state;
  out += "  BGP state = " + state;
  if (n.since_change) out += std::string(n.established ? ", up for " : ", down for ") + ios_age(*n.since_change);
  out += "\n";
  out += "  Hold time is " + std::to_string(n.hold_time) + ", keepalive interval is " +
         std::to_string(n.keepalive) + " seconds\n";
  if (n.configured_hold_time != n.hold_time || n.configured_keepalive != n.keepalive)
    out += "  Configured hold time is " + std::to_string(n.configured_hold_time) + ", keepalive interval is " +
           std::to_string(n.configured_keepalive) + " seconds\n";
  if (n.established) {
    out += "  Neighbor capabilities:\n";
    out += "    Route refresh: " + capability(n.route_refresh_received) + (n.route_refresh_received ? "(new)" : "") + "\n";
    out += "    Four-octets ASN Capability: " + capability(n.four_octet_as_received) + "\n";
    for (const auto& f : n.families) out += "    Address family " + f.name + ": " + capability(f.received) + "\n";
  }
  out += "  Message statistics:\n";
  out += "    InQ depth is 0\n";
  out += "    OutQ depth is 0\n\n";
  out += format_line("    %-16s %10s %10s", "", "Sent", "Rcvd");
  out += counts_row("Opens:", n.sent.opens, n.received.opens);
  out += counts_row("Notifications:", n.sent.notifications, n.received.notifications);
  out += counts_row("Updates:", n.sent.updates, n.received.updates);
  out += counts_row("Keepalives:", n.sent.keepalives, n.received.keepalives);
  out += counts_row("Route Refresh:", n.sent.route_refresh, n.received.route_refresh);
  out += counts_row("Total:", n.sent.total, n.received.total);
  if (!n.update_source.empty()) {
    out += "  Update source is " + n.update_source;
    if (n.local_address) out += " (" + ipv4_text(*n.local_address) + ")";
    out += "\n";
  }
  for (const auto& f : n.families) {
    out += "\n For address family: " + f.name + "\n";
    if (f.route_reflector_client) out += "  Route-Reflector Client\n";
    if (f.send_community && f.send_extended_community) out += "  Community attribute sent to this neighbor\n";
    else if (f.send_extended_community) out += "  Extended-community attribute sent to this neighbor\n";
    else if (f.send_community) out += "  Community attribute sent to this neighbor\n";
    out += "  Prefixes received: " + std::to_string(f.prefixes_received) + "\n";
    out += format_line("  %-28s %10s %10s", "", "Sent", "Rcvd");
    out += format_line("  %-28s %10s %10s", "Prefix activity:", "----", "----");
    out += format_line("    %-26s %10u %10u", "Prefixes Current:", f.prefixes_sent, f.prefixes_received);
  }
  out += "\n  Connections established " + std::to_string(n.connections_established) + "; dropped " +
         std::to_string(n.connections_dropped) + "\n";
  out += n.last_reset.empty() ? "  Last reset never\n" : "  Last reset, due to " + n.last_reset + "\n";
  return out;
}

void write_counts(JsonWriter& w, const BgpMessageCounts& c) {
  w.begin_object().key("opens").number(c.opens).key("notifications").number(c.notifications);
  w.key("updates").number(c.updates).key("keepalives").number(c.keepalives);
  w.key("route_refresh").number(c.route_refresh).key("total").number(c.total).end_object();
}

void write_neighbor(JsonWriter& w, const BgpNeighborDetailView& n) {
  w.begin_object().key("neighbor").string(ipv4_text(n.address));
  w.key("remote_as").number(std::uint64_t{n.remote_as}).key("internal").boolean(n.internal);
  w.key("description").string_or_null(n.description);
  w.key("remote_router_id").string(ipv4_text(n.remote_router_id));
  w.key("state").string(n.admin_shutdown ? "Idle (Admin)" : n.state);
  w.key("since_change_seconds");
  if (n.since_change)
    w.number(static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(*n.since_change).count()));
  else
    w.null();
  w.key("hold_time").number(std::uint64_t{n.hold_time}).key("keepalive").number(std::uint64_t{n.keepalive});
  w.key("configured_hold_time").number(std::uint64_t{n.configured_hold_time});
  w.key("configured_keepalive").number(std::uint64_t{n.configured_keepalive});
  w.key("capabilities").begin_object();
  w.key("route_refresh").boolean(n.established && n.route_refresh_received);
  w.key("four_octet_as").boolean(n.established && n.four_octet_as_received).end_object();
  w.key("families").begin_array();
  for (const auto& f : n.families) {
    w.begin_object().key("family").string(f.name).key("negotiated").boolean(n.established && f.received);
    w.key("route_reflector_client").boolean(f.route_reflector_client);
    w.key("prefixes_received").number(std::uint64_t{f.prefixes_received});
    w.key("prefixes_sent").number(std::uint64_t{f.prefixes_sent}).end_object();
  }
  w.end_array();
  w.key("sent");
  write_counts(w, n.sent);
  w.key("received");
  write_counts(w, n.received);
  w.key("connections_established").number(n.connections_established);
  w.key("connections_dropped").number(n.connections_dropped);
  w.key("last_reset").string_or_null(n.last_reset);
  w.key("update_source").string_or_null(n.update_source);
  w.key("local_address");
  n.local_address ? w.string(ipv4_text(*n.local_address)) : w.null();
  w.end_object();
}

}  // namespace

CommandResult show_bgp_neighbors(const std::vector<BgpNeighborDetailView>& neighbors,
                                 std::optional<std::uint32_t> address, bool json) {
  std::vector<const BgpNeighborDetailView*> shown;
  for (const auto& n : neighbors)
    if (!address || n.address == *address) shown.push_back(&n);
  if (address && shown.empty()) return CommandResult::failure("% No such neighbor or address family\n");
  if (json) {
    JsonWriter w;
    w.begin_object().key("neighbors").begin_array();
    for (const auto* n : shown) write_neighbor(w, *n);
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out;
  for (std::size_t i = 0; i < shown.size(); ++i) {
    if (i > 0) out += "\n";
    out += neighbor_text(*shown[i]);
  }
  return CommandResult::success(out);
}

}  // namespace l3vpn::cli
