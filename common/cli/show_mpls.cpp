#include "cli/show_mpls.hpp"

#include <chrono>
#include <cstdio>

#include "cli/format_line.hpp"
#include "cli/ios_time.hpp"
#include "cli/json_writer.hpp"
#include "cli/show_bgp.hpp"       // ipv4_text
#include "cli/show_commands.hpp"  // interface_abbreviation

namespace l3vpn::cli {
namespace {

std::string line(const char* format, auto... args) {
  std::string out = format_line(format, args...);
  out.pop_back();
  while (!out.empty() && out.back() == ' ') out.pop_back();  // fixed columns leave trailing spaces
  return out + "\n";
}

std::int64_t seconds(core::Duration d) {
  return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(d).count());
}

std::string outgoing_text(const MplsForwardingView& e) {
  switch (e.outgoing) {
    case MplsForwardingView::Outgoing::Pop: return "Pop Label";
    case MplsForwardingView::Outgoing::None: return "No Label";
    case MplsForwardingView::Outgoing::Label: return std::to_string(e.outgoing_label);
  }
  return "?";
}

std::string transport_end(std::uint32_t address, const std::optional<std::uint16_t>& port) {
  return ipv4_text(address) + (port ? "." + std::to_string(*port) : std::string());
}

}  // namespace

std::string ldp_id_text(LdpId id) { return ipv4_text(id.lsr_id) + ":" + std::to_string(id.label_space); }

std::string ldp_label_text(std::uint32_t label) {
  if (label == 3) return "imp-null";
  if (label == 0) return "exp-null";
  return std::to_string(label);
}

CommandResult show_mpls_interfaces(const std::vector<MplsInterfaceView>& interfaces, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("interfaces").begin_array();
    for (const MplsInterfaceView& i : interfaces) {
      w.begin_object().key("interface").string(i.name).key("ldp").boolean(i.ldp);
      w.key("tunnel").boolean(false).key("bgp").boolean(false).key("static").boolean(false);
      w.key("operational").boolean(i.operational).end_object();
    }
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  // Tunnel (TE), BGP (labeled unicast) and static labels are not run here: "No".
  std::string out = "Interface              IP            Tunnel   BGP Static Operational\n";
  for (const MplsInterfaceView& i : interfaces) {
    out += line("%-22s %-13s %-8s %-3s %-6s %s", i.name.c_str(), i.ldp ? "Yes (ldp)" : "No", "No", "No", "No",
                i.operational ? "Yes" : "No");
  }
  return CommandResult::success(out);
}

CommandResult show_mpls_forwarding_table(const std::vector<MplsForwardingView>& entries, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("entries").begin_array();
    for (const MplsForwardingView& e : entries) {
      w.begin_object().key("local_label").number(std::uint64_t{e.local_label});
      w.key("outgoing").string(outgoing_text(e)).key("prefix").string(e.prefix).key("vrf").boolean(e.vrf);
      w.key("bytes").number(e.bytes).key("interface").string(e.interface).key("next_hop");
      e.next_hop ? w.string(ipv4_text(*e.next_hop)) : w.null();
      w.end_object();
    }
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out = "Local      Outgoing   Prefix           Bytes Label   Outgoing   Next Hop\n";
  out += "Label      Label      or Tunnel Id     Switched      interface\n";
  for (const MplsForwardingView& e : entries) {
    const std::string prefix = e.prefix + (e.vrf ? "[V]" : "");
    // A VPN label's interface is "aggregate/VRF", printed whole.
    const std::string interface = e.vrf ? e.interface : interface_abbreviation(e.interface);
    out += line("%-10u %-10s %-16s %-13llu %-10s %s", e.local_label, outgoing_text(e).c_str(), prefix.c_str(),
                static_cast<unsigned long long>(e.bytes), interface.c_str(),
                e.next_hop ? ipv4_text(*e.next_hop).c_str() : "");
  }
  return CommandResult::success(out);
}

CommandResult show_mpls_ldp_neighbor(const std::vector<LdpNeighborView>& neighbors, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("neighbors").begin_array();
    for (const LdpNeighborView& n : neighbors) {
      w.begin_object().key("peer").string(ldp_id_text(n.peer)).key("local").string(ldp_id_text(n.local));
      w.key("peer_address").string(ipv4_text(n.peer_address)).key("local_address").string(ipv4_text(n.local_address));
      w.key("state").string(n.state).key("messages_sent").number(n.messages_sent);
      w.key("messages_received").number(n.messages_received).key("up_time_seconds");
      n.up_time ? w.number(seconds(*n.up_time)) : w.null();
      w.key("password").boolean(n.password).key("discovery_sources").begin_array();
      for (const LdpDiscoverySourceView& s : n.sources) {
        w.begin_object().key("interface").string(s.interface).key("source").string(ipv4_text(s.source)).end_object();
      }
      w.end_array().key("addresses").begin_array();
      for (std::uint32_t a : n.addresses) w.string(ipv4_text(a));
      w.end_array().end_object();
    }
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out;
  for (const LdpNeighborView& n : neighbors) {
    out += "    Peer LDP Ident: " + ldp_id_text(n.peer) + "; Local LDP Ident " + ldp_id_text(n.local) + "\n";
    out += "\tTCP connection: " + transport_end(n.peer_address, n.peer_port) + " - " +
           transport_end(n.local_address, n.local_port) + "\n";
    if (n.password) out += "\tPassword: required, neighbor, in use\n";
    out += "\tState: " + n.state + "; Msgs sent/rcvd: " + std::to_string(n.messages_sent) + "/" +
           std::to_string(n.messages_received) + "; Downstream\n";
    if (n.up_time) out += "\tUp time: " + ios_age(*n.up_time) + "\n";
    out += "\tLDP discovery sources:\n";
    for (const LdpDiscoverySourceView& s : n.sources) {
      out += "\t  " + s.interface + ", Src IP addr: " + ipv4_text(s.source) + "\n";
    }
    out += "        Addresses bound to peer LDP Ident:\n";
    // Four addresses a line, each in a 16-column field.
    for (std::size_t i = 0; i < n.addresses.size(); i += 4) {
      std::string row = "         ";
      for (std::size_t j = i; j < n.addresses.size() && j < i + 4; ++j) {
        std::string a = ipv4_text(n.addresses[j]);
        row += " " + a + std::string(a.size() < 15 ? 15 - a.size() : 0, ' ');
      }
      while (!row.empty() && row.back() == ' ') row.pop_back();
      out += row + "\n";
    }
  }
  return CommandResult::success(out);
}

CommandResult show_mpls_ldp_discovery(const LdpDiscoveryView& view, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("local").string(ldp_id_text(view.local)).key("interfaces").begin_array();
    for (const LdpDiscoveryInterfaceView& i : view.interfaces) {
      w.begin_object().key("interface").string(i.interface).key("xmit").boolean(i.transmitting);
      w.key("recv").boolean(i.receiving).key("peers").begin_array();
      for (const LdpId& p : i.peers) w.string(ldp_id_text(p));
      w.end_array().end_object();
    }
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out = " Local LDP Identifier:\n    " + ldp_id_text(view.local) + "\n";
  out += "    Discovery Sources:\n    Interfaces:\n";
  for (const LdpDiscoveryInterfaceView& i : view.interfaces) {
    std::string modes;
    if (i.transmitting) modes = "xmit";
    if (i.receiving) modes += modes.empty() ? "recv" : "/recv";
    out += "\t" + i.interface + " (ldp): " + modes + "\n";
    for (const LdpId& p : i.peers) out += "\t    LDP Id: " + ldp_id_text(p) + "\n";
  }
  return CommandResult::success(out);
}

CommandResult show_mpls_ldp_bindings(const std::vector<LdpBindingView>& bindings, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("bindings").begin_array();
    for (const LdpBindingView& b : bindings) {
      w.begin_object().key("fec").string(b.fec).key("local_label");
      b.local_label ? w.string(ldp_label_text(*b.local_label)) : w.null();
      w.key("remote").begin_array();
      for (const LdpRemoteBindingView& r : b.remote) {
        w.begin_object().key("lsr").string(ldp_id_text(r.peer)).key("label").string(ldp_label_text(r.label));
        w.end_object();
      }
      w.end_array().end_object();
    }
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out;
  for (const LdpBindingView& b : bindings) {
    out += "  lib entry: " + b.fec;
    if (b.revision) out += ", rev " + std::to_string(*b.revision);
    out += "\n";
    if (b.local_label) out += "        local binding:  label: " + ldp_label_text(*b.local_label) + "\n";
    for (const LdpRemoteBindingView& r : b.remote) {
      out += "        remote binding: lsr: " + ldp_id_text(r.peer) + ", label: " + ldp_label_text(r.label) + "\n";
    }
  }
  return CommandResult::success(out);
}

}  // namespace l3vpn::cli
