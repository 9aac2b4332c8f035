#include "daemon/ldp_commands.hpp"

#include "ospf/instance.hpp"

namespace l3vpn::daemon {
namespace {

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

cli::CommandResult show_neighbors(const ldp::Instance& instance) {
  std::string out;
  const std::string local = ospf::dotted(instance.config().local.lsr_id) + ":0";
  for (const auto& s : instance.sessions()) {
    out += "    Peer LDP Ident: " + ospf::dotted(s.peer.lsr_id) + ":" + std::to_string(s.peer.label_space) +
           "; Local LDP Ident " + local + "\n";
    out += "\tTCP connection: " + ospf::dotted(s.peer_transport_address) + ".646\n";
    out += std::string("\tState: ") + (s.state == ldp::SessionState::Operational ? "Oper" : ldp::to_string(s.state)) +
           "; Msgs sent/rcvd: " + std::to_string(s.messages_sent) + "/" + std::to_string(s.messages_received) +
           "; Downstream\n";
    out += "\tLDP discovery sources:\n";
    for (const auto& i : s.interfaces) out += "\t  " + i + "\n";
    out += "\tAddresses bound to peer LDP Ident:\n";
    std::string line = "\t  ";
    for (std::uint32_t a : s.peer_addresses) line += pad(ospf::dotted(a), 16);
    out += line + "\n";
  }
  return cli::CommandResult::success(out);
}

cli::CommandResult show_forwarding(const ldp::Instance& instance) {
  std::string out = "Local      Outgoing   Prefix             Next Hop        Interface\n";
  out += "Label      Label      or Tunnel Id\n";
  for (const auto& [fec, e] : instance.lib().lfib())
    out += pad(std::to_string(e.in_label), 11) + pad(e.pop() ? "Pop Label" : std::to_string(e.out_label), 11) +
           pad(fec.str(), 19) + pad(ospf::dotted(e.next_hop), 16) + e.interface + "\n";
  return cli::CommandResult::success(out);
}

}  // namespace

void register_ldp_commands(cli::CommandTree& tree, const LdpRuntime& runtime) {
  const cli::Word show{"show", "Show running system information", false};
  const cli::Word mpls{"mpls", "MPLS information", false};
  const cli::Word ldp{"ldp", "Label Distribution Protocol information", false};
  const cli::Word neighbor{"neighbor", "Display LDP neighbor information", false};
  const cli::Word forwarding{"forwarding-table", "Show the Label Forwarding Information Base (LFIB)", false};
  const auto inactive = [] { return cli::CommandResult::failure("% LDP not active\n"); };
  tree.add({show, mpls, ldp, neighbor}, [&runtime, inactive](const cli::Invocation&) {
    return runtime.active() ? show_neighbors(*runtime.instance()) : inactive();
  }, false);
  tree.add({show, mpls, forwarding}, [&runtime, inactive](const cli::Invocation&) {
    return runtime.active() ? show_forwarding(*runtime.instance()) : inactive();
  }, false);
}

}  // namespace l3vpn::daemon
