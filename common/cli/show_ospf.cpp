#include "cli/show_ospf.hpp"

#include <bit>
#include <chrono>
#include <cstdio>

#include "cli/format_line.hpp"
#include "cli/ios_time.hpp"
#include "cli/json_writer.hpp"
#include "cli/show_bgp.hpp"       // ipv4_text
#include "cli/show_commands.hpp"  // interface_abbreviation

namespace l3vpn::cli {
namespace {

std::int64_t seconds(core::Duration d) {
  return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(d).count());
}

std::string with_length(std::uint32_t address, std::uint32_t mask) {
  return ipv4_text(address) + "/" + std::to_string(std::popcount(mask));
}

// IOS's upper-case neighbor states (the part before '/').
std::string neighbor_state_word(const std::string& rfc) {
  if (rfc == "2-Way") return "2WAY";
  std::string upper;
  for (char c : rfc) upper += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  return upper;
}

const char* network_type_text(OspfNetworkType t) {
  switch (t) {
    case OspfNetworkType::Broadcast: return "BROADCAST";
    case OspfNetworkType::PointToPoint: return "POINT_TO_POINT";
    case OspfNetworkType::Loopback: return "LOOPBACK";
  }
  return "?";
}

// The long form's "State X": IOS words for the RFC 2328 9.1 states.
std::string interface_state_long(const std::string& rfc) {
  if (rfc == "DR") return "DR";
  if (rfc == "Backup") return "BDR";
  if (rfc == "DR Other") return "DROTHER";
  if (rfc == "Waiting") return "WAITING";
  if (rfc == "Point-to-point") return "POINT_TO_POINT";
  if (rfc == "Loopback") return "LOOPBACK";
  return "DOWN";
}

const char* role_text(OspfNeighborRole r) {
  switch (r) {
    case OspfNeighborRole::DesignatedRouter: return "DR";
    case OspfNeighborRole::Backup: return "BDR";
    case OspfNeighborRole::Other: return "DROTHER";
    case OspfNeighborRole::PointToPoint: return "-";
  }
  return "?";
}

std::string interface_long(const OspfInterfaceView& i) {
  const char* updown = i.up ? "up" : "down";
  std::string out = i.name + " is " + updown + ", line protocol is " + updown + "\n";
  out += "  Internet Address " + with_length(i.address, i.mask) + ", Area " + std::to_string(i.area_id) + "\n";
  out += "  Process ID " + std::to_string(i.process_id) + ", Router ID " + ipv4_text(i.router_id) +
         ", Network Type " + network_type_text(i.network_type) + ", Cost: " + std::to_string(i.cost) + "\n";
  if (i.network_type == OspfNetworkType::Loopback) {
    // IOS advertises a loopback as a host route and says nothing more.
    return out + "  Loopback interface is treated as a stub Host\n";
  }
  out += "  Transmit Delay is 1 sec, State " + interface_state_long(i.state) + ", Priority " +
         std::to_string(i.priority) + "\n";
  if (i.network_type == OspfNetworkType::Broadcast) {
    if (i.dr_router_id != 0) {
      out += "  Designated Router (ID) " + ipv4_text(i.dr_router_id) + ", Interface address " +
             ipv4_text(i.dr_address) + "\n";
    } else {
      out += "  No designated router on this network\n";
    }
    if (i.bdr_router_id != 0) {
      out += "  Backup Designated router (ID) " + ipv4_text(i.bdr_router_id) + ", Interface address " +
             ipv4_text(i.bdr_address) + "\n";
    } else {
      out += "  No backup designated router on this network\n";
    }
  }
  // Wait equals Dead (RFC 2328 9: the Wait Timer is RouterDeadInterval).
  out += format_line("  Timer intervals configured, Hello %u, Dead %u, Wait %u, Retransmit %u", unsigned{i.hello_interval},
              i.dead_interval, i.dead_interval, unsigned{i.retransmit_interval});
  if (i.passive) out += "    No Hellos (Passive interface)\n";
  else if (i.hello_due) out += "    Hello due in " + ios_age(*i.hello_due) + "\n";
  out += "  Neighbor Count is " + std::to_string(i.neighbor_count) + ", Adjacent neighbor count is " +
         std::to_string(i.adjacent.size()) + "\n";
  for (const OspfAdjacencyView& a : i.adjacent) {
    out += "    Adjacent with neighbor " + ipv4_text(a.router_id);
    if (a.designated_router) out += "  (Designated Router)";
    else if (a.backup_designated_router) out += "  (Backup Designated Router)";
    out += "\n";
  }
  out += "  Suppress hello for 0 neighbor(s)\n";
  if (i.au_type == 1) out += "  Simple password authentication enabled\n";
  if (i.au_type == 2) out += "  Cryptographic authentication enabled\n";
  return out;
}

void interface_json(JsonWriter& w, const OspfInterfaceView& i) {
  w.begin_object().key("interface").string(i.name).key("up").boolean(i.up);
  w.key("address").string(with_length(i.address, i.mask)).key("area").number(std::uint64_t{i.area_id});
  w.key("process_id").number(std::uint64_t{i.process_id}).key("router_id").string(ipv4_text(i.router_id));
  w.key("network_type").string(network_type_text(i.network_type)).key("passive").boolean(i.passive);
  w.key("cost").number(std::uint64_t{i.cost}).key("state").string(i.state);
  w.key("priority").number(unsigned{i.priority});
  w.key("dr");
  i.dr_router_id ? w.string(ipv4_text(i.dr_router_id)) : w.null();
  w.key("dr_address");
  i.dr_router_id ? w.string(ipv4_text(i.dr_address)) : w.null();
  w.key("bdr");
  i.bdr_router_id ? w.string(ipv4_text(i.bdr_router_id)) : w.null();
  w.key("bdr_address");
  i.bdr_router_id ? w.string(ipv4_text(i.bdr_address)) : w.null();
  w.key("hello_interval").number(unsigned{i.hello_interval}).key("dead_interval").number(std::uint64_t{i.dead_interval});
  w.key("retransmit_interval").number(unsigned{i.retransmit_interval});
  w.key("hello_due_seconds");
  i.hello_due ? w.number(seconds(*i.hello_due)) : w.null();
  w.key("authentication").number(unsigned{i.au_type});
  w.key("neighbor_count").number(std::uint64_t{i.neighbor_count});
  w.key("adjacent").begin_array();
  for (const OspfAdjacencyView& a : i.adjacent) w.string(ipv4_text(a.router_id));
  w.end_array().end_object();
}

}  // namespace

std::string ospf_neighbor_state_text(const OspfNeighborView& n) {
  std::string text = neighbor_state_word(n.state) + "/";
  // IOS right-aligns the dash of point-to-point neighbors in three columns.
  return text + (n.role == OspfNeighborRole::PointToPoint ? "  -" : role_text(n.role));
}

std::string ospf_interface_state_brief(const std::string& rfc) {
  if (rfc == "DR") return "DR";
  if (rfc == "Backup") return "BDR";
  if (rfc == "DR Other") return "DROTH";
  if (rfc == "Waiting") return "WAIT";
  if (rfc == "Point-to-point") return "P2P";
  if (rfc == "Loopback") return "LOOP";
  return "DOWN";
}

CommandResult show_ip_ospf_neighbor(const std::vector<OspfNeighborView>& neighbors, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("neighbors").begin_array();
    for (const OspfNeighborView& n : neighbors) {
      w.begin_object().key("neighbor_id").string(ipv4_text(n.router_id)).key("priority").number(unsigned{n.priority});
      w.key("state").string(n.state).key("role").string(role_text(n.role));
      w.key("dead_time_seconds");
      n.dead_time ? w.number(seconds(*n.dead_time)) : w.null();
      w.key("address").string(ipv4_text(n.address)).key("interface").string(n.interface).end_object();
    }
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out = "\nNeighbor ID     Pri   State           Dead Time   Address         Interface\n";
  for (const OspfNeighborView& n : neighbors) {
    const std::string dead = n.dead_time ? ios_age(*n.dead_time) : "-";
    out += format_line("%-15s %3u   %-15s %-11s %-15s %s", ipv4_text(n.router_id).c_str(), unsigned{n.priority},
                ospf_neighbor_state_text(n).c_str(), dead.c_str(), ipv4_text(n.address).c_str(),
                n.interface.c_str());
  }
  return CommandResult::success(out);
}

CommandResult show_ip_ospf_interface(const std::vector<OspfInterfaceView>& interfaces, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("interfaces").begin_array();
    for (const OspfInterfaceView& i : interfaces) interface_json(w, i);
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out;
  for (const OspfInterfaceView& i : interfaces) out += interface_long(i);
  return CommandResult::success(out);
}

CommandResult show_ip_ospf_interface_brief(const std::vector<OspfInterfaceView>& interfaces, bool json) {
  if (json) return show_ip_ospf_interface(interfaces, true);
  std::string out = "Interface    PID   Area            IP Address/Mask    Cost  State Nbrs F/C\n";
  for (const OspfInterfaceView& i : interfaces) {
    out += format_line("%-12s %-5u %-15u %-18s %-5u %-5s %zu/%zu", interface_abbreviation(i.name).c_str(), i.process_id,
                i.area_id, with_length(i.address, i.mask).c_str(), i.cost, ospf_interface_state_brief(i.state).c_str(),
                i.adjacent.size(), i.neighbor_count);
  }
  return CommandResult::success(out);
}

}  // namespace l3vpn::cli
