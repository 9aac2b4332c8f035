#include "daemon/ldp_views.hpp"

#include <algorithm>

namespace l3vpn::daemon {
namespace {

cli::LdpId id(ldp::LdpId i) { return cli::LdpId{i.lsr_id, i.label_space}; }

// IOS's words for the RFC 5036 session states.
const char* state_text(ldp::SessionState s) {
  switch (s) {
    case ldp::SessionState::NonExistent: return "Non Existent";
    case ldp::SessionState::Initialized: return "Initialized";
    case ldp::SessionState::OpenRec: return "OpenRec";
    case ldp::SessionState::OpenSent: return "OpenSent";
    case ldp::SessionState::Operational: return "Oper";
  }
  return "?";
}

}  // namespace

std::vector<cli::MplsInterfaceView> mpls_interface_views(const ldp::Instance& instance) {
  std::vector<cli::MplsInterfaceView> out;
  for (const std::string& name : instance.config().interfaces) {
    out.push_back(cli::MplsInterfaceView{name, true, instance.discovery().interfaces().contains(name)});
  }
  return out;
}

std::vector<cli::LdpNeighborView> ldp_neighbor_views(const ldp::Instance& instance, core::TimePoint now) {
  const auto& adjacencies = instance.discovery().adjacencies();
  std::vector<cli::LdpNeighborView> out;
  for (const auto& s : instance.sessions()) {
    cli::LdpNeighborView v;
    v.peer = id(s.peer);
    v.local = id(instance.config().local);
    v.peer_address = s.peer_transport_address;
    v.local_address = instance.config().transport_address;
    // The active side connects to the passive side's well-known port.
    if (s.role == ldp::SessionRole::Active) v.peer_port = ldp::kLdpPort;
    else v.local_port = ldp::kLdpPort;
    v.state = state_text(s.state);
    v.messages_sent = s.messages_sent;
    v.messages_received = s.messages_received;
    if (s.state == ldp::SessionState::Operational) v.up_time = now - s.state_since;
    v.password = instance.config().passwords.contains(s.peer.lsr_id);
    for (const std::string& interface : s.interfaces) {
      const auto it = adjacencies.find(ldp::AdjacencyKey{s.peer.lsr_id, interface});
      if (it != adjacencies.end()) v.sources.push_back(cli::LdpDiscoverySourceView{interface, it->second.source_address});
    }
    v.addresses = s.peer_addresses;
    out.push_back(std::move(v));
  }
  return out;
}

cli::LdpDiscoveryView ldp_discovery_view(const ldp::Instance& instance) {
  cli::LdpDiscoveryView view;
  view.local = id(instance.config().local);
  const auto& discovery = instance.discovery();
  for (const std::string& name : instance.config().interfaces) {
    cli::LdpDiscoveryInterfaceView i;
    i.interface = name;
    i.transmitting = discovery.interfaces().contains(name);
    for (const auto& [key, adjacency] : discovery.adjacencies()) {
      if (key.interface == name) i.peers.push_back(id(adjacency.peer));
    }
    i.receiving = !i.peers.empty();
    view.interfaces.push_back(std::move(i));
  }
  return view;
}

std::vector<cli::LdpBindingView> ldp_binding_views(const ldp::Instance& instance) {
  const ldp::Lib& lib = instance.lib();
  std::vector<cli::LdpBindingView> out;
  for (const ldp::Fec& fec : lib.fecs()) {
    cli::LdpBindingView b;
    b.fec = fec.str();
    b.local_label = lib.local_label(fec);
    for (const auto& [peer, label] : lib.remote_labels(fec)) b.remote.push_back(cli::LdpRemoteBindingView{id(peer), label});
    out.push_back(std::move(b));
  }
  return out;
}

std::vector<cli::MplsForwardingView> mpls_forwarding_views(const ldp::Instance& instance) {
  const ldp::Lib& lib = instance.lib();
  std::vector<cli::MplsForwardingView> out;
  for (const ldp::Fec& fec : lib.fecs()) {
    const auto local = lib.local_label(fec);
    if (!local || *local == ldp::kImplicitNullLabel) continue;  // our own FEC: nothing to switch
    cli::MplsForwardingView v;
    v.local_label = *local;
    v.prefix = fec.str();
    if (const auto entry = lib.forwarding(fec)) {
      v.outgoing = entry->pop() ? cli::MplsForwardingView::Outgoing::Pop : cli::MplsForwardingView::Outgoing::Label;
      v.outgoing_label = entry->out_label;
      v.interface = entry->interface;
      v.next_hop = entry->next_hop;
    } else {
      v.outgoing = cli::MplsForwardingView::Outgoing::None;
    }
    out.push_back(std::move(v));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.local_label < b.local_label; });
  return out;
}

}  // namespace l3vpn::daemon
