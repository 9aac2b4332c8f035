#include "daemon/ospf_commands.hpp"

#include "cli/show_ip_route_entry.hpp"
#include "daemon/ospf_views.hpp"
#include "vpn/vrf_rib.hpp"

namespace l3vpn::daemon {

namespace {

// IOS lists every process's neighbors and interfaces in one table, and each
// process's database under its own "OSPF Router with ID" heading.
template <typename View, typename Make, typename Show>
cli::CommandResult over_all(const std::vector<const ospf::Instance*>& instances, Make make, Show show, bool json) {
  std::vector<View> views;
  for (const ospf::Instance* o : instances) {
    auto more = make(*o);
    views.insert(views.end(), more.begin(), more.end());
  }
  return show(views, json);
}

cli::CommandResult concatenated(const std::vector<const ospf::Instance*>& instances,
                                const std::function<cli::CommandResult(const ospf::Instance&)>& one) {
  cli::CommandResult all = cli::CommandResult::success("");
  for (const ospf::Instance* o : instances) {
    cli::CommandResult r = one(*o);
    if (!r.ok) return r;
    all.output += r.output;
  }
  return all;
}

}  // namespace

void register_ospf_commands(cli::CommandTree& tree, OspfInstanceSource instance, OspfInstancesSource all,
                            const core::Clock& clock) {
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

  tree.add({show, ip, ospf_word, neighbor}, [all, c, none](const Invocation& i) {
    const auto instances = all();
    if (instances.empty()) return none();
    return over_all<cli::OspfNeighborView>(
        instances, [c](const ospf::Instance& o) { return ospf_neighbor_views(o, c->now()); },
        cli::show_ip_ospf_neighbor, i.json);
  });
  tree.add({show, ip, ospf_word, interface}, [all, c, none](const Invocation& i) {
    const auto instances = all();
    if (instances.empty()) return none();
    return over_all<cli::OspfInterfaceView>(
        instances, [c](const ospf::Instance& o) { return ospf_interface_views(o, c->now()); },
        cli::show_ip_ospf_interface, i.json);
  });
  tree.add({show, ip, ospf_word, interface, brief}, [all, c, none](const Invocation& i) {
    const auto instances = all();
    if (instances.empty()) return none();
    return over_all<cli::OspfInterfaceView>(
        instances, [c](const ospf::Instance& o) { return ospf_interface_views(o, c->now()); },
        cli::show_ip_ospf_interface_brief, i.json);
  });
  tree.add({show, ip, ospf_word, database}, [instance, all, c, none](const Invocation& i) {
    const auto instances = all();
    if (instances.empty()) return none();
    if (i.json) return cli::show_ip_ospf_database(ospf_database_view(*instance(), c->now()), true);
    return concatenated(instances, [c](const ospf::Instance& o) {
      return cli::show_ip_ospf_database(ospf_database_view(o, c->now()), false);
    });
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
    tree.add({show, ip, ospf_word, database, t.word}, [instance, all, c, none, type](const Invocation& i) {
      const auto instances = all();
      if (instances.empty()) return none();
      if (i.json) return cli::show_ip_ospf_database_detail(ospf_database_view(*instance(), c->now()), type, true);
      return concatenated(instances, [c, type](const ospf::Instance& o) {
        return cli::show_ip_ospf_database_detail(ospf_database_view(o, c->now()), type, false);
      });
    });
  }
}

void register_global_route_command(cli::CommandTree& tree, OspfInstanceSource instance,
                                   const cli::ShowContext& context,
                                   std::function<std::vector<cli::RouteView>()> more) {
  const cli::Word show{"show", "Show running system information", false};
  const cli::Word ip{"ip", "IP information", false};
  const cli::Word route{"route", "IP routing table", false};
  auto table = [instance, &context, more] {
    const ospf::Instance* o = instance();
    std::vector<cli::RouteView> igp;
    if (o) igp = context.clock ? ospf_route_views(*o, context.clock->now()) : ospf_route_views(*o, std::nullopt);
    if (more) {
      std::vector<cli::RouteView> extra = more();
      igp.insert(igp.end(), extra.begin(), extra.end());
    }
    return vpn::global_route_table(context.config, igp);
  };
  tree.add({show, ip, route}, [table](const cli::Invocation& i) { return cli::show_ip_route(table(), i.json); });
  const cli::Word address{"A.B.C.D", "Network to display information about", true};
  tree.add({show, ip, route, address}, [table, &context](const cli::Invocation& i) {
    auto target = config::Ipv4Address::parse(i.arguments.at(0));
    if (!target) return cli::CommandResult::failure("% Invalid address " + i.arguments.at(0) + "\n");
    const cli::RouteTableView view = table();
    const cli::RouteView* r = cli::longest_match(view, target->value, false);
    return cli::show_ip_route_entry(r, r ? cli::known_via(context.config, "", *r) : "");
  });
  // Only the OSPF routes, but a summary line counts every subnet of its major
  // network (the whole table goes to the formatter), as IOS does.
  const cli::Word route_ospf{"ospf", "Open Shortest Path First (OSPF)", false};
  tree.add({show, ip, route, route_ospf}, [table, instance](const cli::Invocation& i) {
    if (!instance()) return cli::CommandResult::success("");
    return cli::show_ip_route_protocol(table(), 'O', i.json);
  });
}

}  // namespace l3vpn::daemon
