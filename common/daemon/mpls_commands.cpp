#include "daemon/mpls_commands.hpp"

#include "daemon/ldp_views.hpp"

namespace l3vpn::daemon {

void register_mpls_commands(cli::CommandTree& tree, LdpInstanceSource instance, const core::Clock& clock) {
  using cli::Invocation;
  using cli::Word;
  const Word show{"show", "Show running system information", false};
  const Word mpls{"mpls", "Multi-Protocol Label Switching information", false};
  const Word ldp_word{"ldp", "Label Distribution Protocol information", false};
  const core::Clock* c = &clock;

  tree.add({show, mpls, {"interfaces", "Per-interface MPLS forwarding information", false}},
           [instance](const Invocation& i) {
             const ldp::Instance* l = instance();
             return cli::show_mpls_interfaces(l ? mpls_interface_views(*l) : std::vector<cli::MplsInterfaceView>{},
                                              i.json);
           });
  tree.add({show, mpls, {"forwarding-table", "Show MPLS forwarding table", false}}, [instance](const Invocation& i) {
    const ldp::Instance* l = instance();
    return cli::show_mpls_forwarding_table(l ? mpls_forwarding_views(*l) : std::vector<cli::MplsForwardingView>{},
                                           i.json);
  });
  tree.add({show, mpls, ldp_word, {"neighbor", "Display LDP neighbor information", false}},
           [instance, c](const Invocation& i) {
             const ldp::Instance* l = instance();
             return cli::show_mpls_ldp_neighbor(l ? ldp_neighbor_views(*l, c->now()) : std::vector<cli::LdpNeighborView>{},
                                                i.json);
           });
  tree.add({show, mpls, ldp_word, {"discovery", "Display LDP discovery information", false}},
           [instance](const Invocation& i) {
             const ldp::Instance* l = instance();
             if (!l) return cli::CommandResult::success("");
             return cli::show_mpls_ldp_discovery(ldp_discovery_view(*l), i.json);
           });
  tree.add({show, mpls, ldp_word, {"bindings", "Display LDP label information base", false}},
           [instance](const Invocation& i) {
             const ldp::Instance* l = instance();
             return cli::show_mpls_ldp_bindings(l ? ldp_binding_views(*l) : std::vector<cli::LdpBindingView>{}, i.json);
           });
}

}  // namespace l3vpn::daemon
