#include "daemon/ospf_commands.hpp"

#include "daemon/ospf_views.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::daemon {

void register_ospf_commands(cli::CommandTree& tree, OspfInstanceSource instance, const core::Clock& clock) {
  using cli::Invocation;
  using cli::Word;
  const Word show{"show", "Show running system information", false};
  const Word ip{"ip", "IP information", false};
  const Word ospf_word{"ospf", "OSPF information", false};
  const Word neighbor{"neighbor", "Neighbor list", false};
  const Word interface{"interface", "Interface information", false};
  const Word brief{"brief", "Brief summary of OSPF interfaces", false};
  const Word database{"database", "Database summary", false};
  const auto none = [] { return cli::CommandResult::success(""); };
  const core::Clock* c = &clock;

  tree.add({show, ip, ospf_word, neighbor}, [instance, c, none](const Invocation& i) {
    const ospf::Instance* o = instance();
    if (!o) return none();
    return cli::show_ip_ospf_neighbor(ospf_neighbor_views(*o, c->now()), i.json);
  });
  tree.add({show, ip, ospf_word, interface}, [instance, c, none](const Invocation& i) {
    const ospf::Instance* o = instance();
    if (!o) return none();
    return cli::show_ip_ospf_interface(ospf_interface_views(*o, c->now()), i.json);
  });
  tree.add({show, ip, ospf_word, interface, brief}, [instance, c, none](const Invocation& i) {
    const ospf::Instance* o = instance();
    if (!o) return none();
    return cli::show_ip_ospf_interface_brief(ospf_interface_views(*o, c->now()), i.json);
  });
  tree.add({show, ip, ospf_word, database}, [instance, c, none](const Invocation& i) {
    const ospf::Instance* o = instance();
    if (!o) return none();
    return cli::show_ip_ospf_database(ospf_database_view(*o, c->now()), i.json);
  });
  const struct {
    Word word;
    std::uint8_t type;
  } types[] = {
      {{"router", "Router link states", false}, ospf::ls_type::Router},
      {{"network", "Network link states", false}, ospf::ls_type::Network},
      {{"summary", "Network summary link states", false}, ospf::ls_type::SummaryNetwork},
      {{"asbr-summary", "ASBR summary link states", false}, ospf::ls_type::SummaryAsbr},
      {{"external", "External link states", false}, ospf::ls_type::AsExternal},
  };
  for (const auto& t : types) {
    const std::uint8_t type = t.type;
    tree.add({show, ip, ospf_word, database, t.word}, [instance, c, none, type](const Invocation& i) {
      const ospf::Instance* o = instance();
      if (!o) return none();
      return cli::show_ip_ospf_database_detail(ospf_database_view(*o, c->now()), type, i.json);
    });
  }
  const Word route{"route", "IP routing table", false};
  const Word route_ospf{"ospf", "Open Shortest Path First (OSPF)", false};
  tree.add({show, ip, route, route_ospf}, [instance, none](const Invocation& i) {
    const ospf::Instance* o = instance();
    if (!o) return none();
    cli::RouteTableView table;
    table.routes = ospf_route_views(*o, std::nullopt);
    return cli::show_ip_route_protocol(table, 'O', i.json);
  });
}

void register_global_route_command(cli::CommandTree& tree, OspfInstanceSource instance,
                                   const cli::ShowContext& context) {
  const cli::Word show{"show", "Show running system information", false};
  const cli::Word ip{"ip", "IP information", false};
  const cli::Word route{"route", "IP routing table", false};
  tree.add({show, ip, route}, [instance, &context](const cli::Invocation& i) {
    const ospf::Instance* o = instance();
    std::vector<cli::RouteView> igp;
    if (o) igp = ospf_route_views(*o, std::nullopt);
    return cli::show_ip_route(vpn::global_route_table(context.config, igp), i.json);
  });
}

}  // namespace l3vpn::daemon
