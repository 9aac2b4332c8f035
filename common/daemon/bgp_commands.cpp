#include "daemon/bgp_commands.hpp"

#include <boost/asio/ip/address_v4.hpp>

#include "cli/json_writer.hpp"
#include "cli/show_cef.hpp"
#include "cli/show_ip_route.hpp"
#include "cli/show_ip_route_entry.hpp"
#include "vpn/label_table_view.hpp"
#include "vpn/vrf_bgp_table.hpp"
#include "vpn/vrf_cef.hpp"
#include "vpn/vrf_rib.hpp"
#include "daemon/bgp_views.hpp"

namespace l3vpn::daemon {
namespace {

cli::CommandResult not_active() { return cli::CommandResult::failure("% BGP not active\n"); }

std::optional<std::uint32_t> parse_ipv4(const std::string& text) {
  boost::system::error_code error;
  auto address = boost::asio::ip::make_address_v4(text, error);
  if (error) return std::nullopt;
  return address.to_uint();
}

cli::CommandResult cleared(bool json, const std::string& what) {
  if (!json) return cli::CommandResult::success("");
  cli::JsonWriter w;
  w.begin_object().key("cleared").string(what).end_object();
  return cli::CommandResult::success(w.str() + "\n");
}

// Every VPNv4 path of the speaker (not only the best), for a VRF's BGP table.
std::vector<vpn::VpnRoute> every_vpn_path(const bgp::Speaker& speaker) {
  std::vector<vpn::VpnRoute> paths;
  speaker.rib(bgp::kVpnv4Unicast)->loc_rib().for_each([&](const bgp::rib::RouteKey& key,
                                                          const bgp::rib::LocRibEntry& entry) {
    for (const bgp::rib::Path* path : entry.paths) {
      vpn::VpnRoute r;
      r.rd = key.route_distinguisher();
      r.prefix = key.prefix();
      r.attributes = *path->attributes;
      r.next_hop = path->next_hop;
      r.label = path->label.has_value() ? path->label.value : 0;
      r.from_self = path->locally_originated();
      paths.push_back(std::move(r));
    }
  });
  return paths;
}

}  // namespace

namespace {

// The best VPNv4 path of every key, as the VRF tables and CEF read them.
std::vector<vpn::VpnRoute> known_vpn_routes(BgpCommandTarget& runtime, core::TimePoint at) {
  if (!runtime.active()) return {};
  return best_vpn_routes(*runtime.speaker(), at);
}

}  // namespace

void register_bgp_commands(cli::CommandTree& tree, BgpCommandTarget& runtime, const cli::ShowContext& context) {
  using cli::Invocation;
  using cli::Word;
  const Word show{"show", "Show running system information", false};
  const Word ip{"ip", "IP information", false};
  const Word bgp{"bgp", "BGP information", false};
  const Word summary{"summary", "Summary of BGP neighbor status", false};
  const Word vpnv4{"vpnv4", "Display VPNv4 NLRI specific information", false};
  const Word all{"all", "Display information about all VPNv4 NLRIs", false};
  const Word labels{"labels", "Display VPNv4 labels", false};
  const Word rd{"rd", "Display information for a route distinguisher", false};
  const Word rd_value{"ASN:nn or IP-address:nn", "VPN Route Distinguisher", true};
  const Word neighbors{"neighbors", "Detailed information on TCP and BGP neighbor connections", false};
  const Word address{"A.B.C.D", "Neighbor to display information about", true};
  const auto now = [&runtime] { return runtime.clock().now(); };
  // The CE neighbors of the VRF speakers follow the global ones (IOS lists
  // them in `show ip bgp vpnv4 all summary`).
  const auto with_ce_neighbors = [&runtime](cli::BgpSummaryView view, core::TimePoint at) {
    for (const bgp::Speaker* s : runtime.vrf_speakers()) {
      cli::BgpSummaryView vrf = bgp_summary_view(*s, std::nullopt, at);
      view.neighbors.insert(view.neighbors.end(), vrf.neighbors.begin(), vrf.neighbors.end());
    }
    return view;
  };

  tree.add({show, ip, bgp}, [&runtime, &context](const Invocation& i) {
    if (!runtime.active()) return not_active();
    return cli::show_bgp_table(
        bgp_table_view(*runtime.speaker(), context.config, bgp::kIpv4Unicast, &runtime.resolver()), i.json);
  });
  tree.add({show, ip, bgp, summary}, [&runtime, now, with_ce_neighbors](const Invocation& i) {
    if (!runtime.active()) return not_active();
    return cli::show_bgp_summary(with_ce_neighbors(bgp_summary_view(*runtime.speaker(), std::nullopt, now()), now()),
                                 i.json);
  });
  tree.add({show, ip, bgp, vpnv4, all, summary}, [&runtime, now, with_ce_neighbors](const Invocation& i) {
    if (!runtime.active()) return not_active();
    return cli::show_bgp_summary(
        with_ce_neighbors(bgp_summary_view(*runtime.speaker(), bgp::kVpnv4Unicast, now()), now()), i.json);
  });
  tree.add({show, ip, bgp, vpnv4, all}, [&runtime, &context](const Invocation& i) {
    if (!runtime.active()) return not_active();
    return cli::show_bgp_table(
        bgp_table_view(*runtime.speaker(), context.config, bgp::kVpnv4Unicast, &runtime.resolver()), i.json);
  });
  tree.add({show, ip, bgp, vpnv4, all, labels}, [&runtime, &context](const Invocation& i) {
    if (!runtime.active()) return not_active();
    return cli::show_bgp_labels(
        bgp_table_view(*runtime.speaker(), context.config, bgp::kVpnv4Unicast, &runtime.resolver()), i.json);
  });
  tree.add({show, ip, bgp, vpnv4, rd, rd_value}, [&runtime, &context](const Invocation& i) {
    if (!runtime.active()) return not_active();
    auto value = parse_rd(i.arguments.at(0));
    if (!value) return cli::CommandResult::failure("% Invalid route distinguisher " + i.arguments.at(0) + "\n");
    return cli::show_bgp_table(bgp_table_view(*runtime.speaker(), context.config, bgp::kVpnv4Unicast,
                                              &runtime.resolver(), TableFilter{value, std::nullopt}),
                               i.json);
  });
  // A VRF's BGP table: what it imports, under its RD (vpn/vrf_bgp_table).
  tree.add({show, ip, bgp, vpnv4, {"vrf", "Display VPNv4 NLRI for a VPN Routing/Forwarding instance", false},
            {"WORD", "VPN Routing/Forwarding instance name", true}},
           [&runtime, &context](const Invocation& i) {
             if (!runtime.active()) return not_active();
             const config::Vrf* vrf = context.config.find_vrf(i.arguments.at(0));
             if (!vrf || !vrf->rd)
               return cli::CommandResult::failure("% No such VRF or VRF has no RD: " + i.arguments.at(0) + "\n");
             const bgp::Speaker& speaker = *runtime.speaker();
             return cli::show_bgp_table(vpn::vrf_bgp_table(context.config, *vrf, every_vpn_path(speaker),
                                                           speaker.config().router_id, speaker.table_version()),
                                        i.json);
           });
  const Word prefix_value{"A.B.C.D/nn", "IP prefix <network>/<length>", true};
  tree.add({show, ip, bgp, vpnv4, rd, rd_value, prefix_value}, [&runtime, &context](const Invocation& i) {
    if (!runtime.active()) return not_active();
    auto value = parse_rd(i.arguments.at(0));
    if (!value) return cli::CommandResult::failure("% Invalid route distinguisher " + i.arguments.at(0) + "\n");
    auto prefix = config::Ipv4Prefix::parse(i.arguments.at(1));
    if (!prefix) return cli::CommandResult::failure("% Invalid prefix " + i.arguments.at(1) + "\n");
    bgp::Prefix4 network{prefix->network().address.value, prefix->length};
    return cli::show_bgp_prefix_detail(bgp_table_view(*runtime.speaker(), context.config, bgp::kVpnv4Unicast,
                                                      &runtime.resolver(), TableFilter{value, network}),
                                       i.json);
  });
  // The VRF tables: the config's connected and static routes, and every best
  // VPNv4 path imported by route target (vpn/vrf_rib). A PE without BGP
  // still has its connected and static routes.
  const Word route{"route", "IP routing table", false};
  const Word vrf_word{"vrf", "Display routes from a VPN Routing/Forwarding instance", false};
  const Word vrf_name{"WORD", "VPN Routing/Forwarding instance name", true};
  tree.add({show, ip, route, vrf_word, vrf_name}, [&runtime, &context, now](const Invocation& i) {
    std::vector<vpn::VpnRoute> known = known_vpn_routes(runtime, now());
    auto tables = vpn::vrf_route_tables(context.config, known, core::Duration::zero(), runtime.vrf_igp_routes());
    const cli::RouteTableView* table = vpn::find_table(tables, i.arguments.at(0));
    if (!table) return cli::show_ip_route_vrf_missing(i.arguments.at(0));
    return cli::show_ip_route_vrf(*table, i.json);
  });
  const Word route_address{"A.B.C.D", "Network to display information about", true};
  tree.add({show, ip, route, vrf_word, vrf_name, route_address}, [&runtime, &context, now](const Invocation& i) {
    auto target = config::Ipv4Address::parse(i.arguments.at(1));
    if (!target) return cli::CommandResult::failure("% Invalid address " + i.arguments.at(1) + "\n");
    std::vector<vpn::VpnRoute> known = known_vpn_routes(runtime, now());
    auto tables = vpn::vrf_route_tables(context.config, known, core::Duration::zero(), runtime.vrf_igp_routes());
    const cli::RouteTableView* table = vpn::find_table(tables, i.arguments.at(0));
    if (!table) return cli::show_ip_route_vrf_missing(i.arguments.at(0));
    const cli::RouteView* r = cli::longest_match(*table, target->value, false);
    return cli::show_ip_route_entry(r, r ? cli::known_via(context.config, i.arguments.at(0), *r) : "");
  });
  const Word cef{"cef", "Cisco Express Forwarding", false};
  const Word cef_address{"A.B.C.D", "IP address to look up", true};
  const Word detail{"detail", "Display detailed information", false};
  tree.add({show, ip, cef, vrf_word, vrf_name}, [&runtime, &context, now](const Invocation& i) {
    std::vector<vpn::VpnRoute> known = known_vpn_routes(runtime, now());
    auto tables = vpn::vrf_route_tables(context.config, known, core::Duration::zero(), runtime.vrf_igp_routes());
    const cli::RouteTableView* table = vpn::find_table(tables, i.arguments.at(0));
    if (!table) return cli::CommandResult::failure("% IP routing table " + i.arguments.at(0) + " does not exist\n");
    return cli::show_ip_cef_table(vpn::cef_table(*table, known, runtime.resolver()), i.json);
  });
  tree.add({show, ip, cef, vrf_word, vrf_name, cef_address, detail}, [&runtime, &context, now](const Invocation& i) {
    const std::string& vrf = i.arguments.at(0);
    auto target = config::Ipv4Address::parse(i.arguments.at(1));
    if (!target) return cli::CommandResult::failure("% Invalid address " + i.arguments.at(1) + "\n");
    std::vector<vpn::VpnRoute> known = known_vpn_routes(runtime, now());
    auto tables = vpn::vrf_route_tables(context.config, known, core::Duration::zero(), runtime.vrf_igp_routes());
    const cli::RouteTableView* table = vpn::find_table(tables, vrf);
    if (!table) return cli::CommandResult::failure("% IP routing table " + vrf + " does not exist\n");
    return cli::show_ip_cef_detail(vrf, vpn::cef_entry(*table, known, runtime.resolver(), target->value), i.json);
  });

  // The label ledger: every label this router gave out, and to whom.
  const Word mpls{"mpls", "Multi-Protocol Label Switching information", false};
  tree.add({show, mpls, {"label", "Label information", false}, {"table", "Labels allocated and their owners", false}},
           [&runtime, now](const Invocation& i) {
             return cli::show_mpls_label_table(vpn::label_table_view(runtime.labels(), now()), i.json);
           });

  // Per-neighbor tables, IOS's "Total number of prefixes N" after them.
  for (auto which : {NeighborTable::Advertised, NeighborTable::Received}) {
    const Word table = which == NeighborTable::Advertised
                           ? Word{"advertised-routes", "Display the routes advertised to a BGP neighbor", false}
                           : Word{"received-routes", "Display the received routes from neighbor", false};
    auto handler = [&runtime, &context, which](const Invocation& i) {
      if (!runtime.active()) return not_active();
      auto a = parse_ipv4(i.arguments.at(0));
      if (!a) return cli::CommandResult::failure("% Invalid IP address " + i.arguments.at(0) + "\n");
      auto view = bgp_neighbor_table_view(*runtime.speaker(), context.config, *a, which);
      if (!view) return cli::CommandResult::failure("% No such neighbor or address family\n");
      cli::CommandResult result = cli::show_bgp_table(*view, i.json);
      if (!i.json) result.output += "\nTotal number of prefixes " + std::to_string(view->paths.size()) + "\n";
      return result;
    };
    tree.add({show, ip, bgp, neighbors, address, table}, handler);
    tree.add({show, ip, bgp, vpnv4, all, neighbors, address, table}, handler);
  }
  tree.add({show, ip, bgp, neighbors}, [&runtime, now](const Invocation& i) {
    if (!runtime.active()) return not_active();
    return cli::show_bgp_neighbors(bgp_neighbor_views(*runtime.speaker(), now()), std::nullopt, i.json);
  });
  tree.add({show, ip, bgp, neighbors, address}, [&runtime, now](const Invocation& i) {
    if (!runtime.active()) return not_active();
    auto a = parse_ipv4(i.arguments.at(0));
    if (!a) return cli::CommandResult::failure("% Invalid IP address " + i.arguments.at(0) + "\n");
    return cli::show_bgp_neighbors(bgp_neighbor_views(*runtime.speaker(), now()), a, i.json);
  });

  const Word clear{"clear", "Reset functions", false};
  const Word clear_bgp{"bgp", "Clear BGP connections", false};
  tree.add({clear, ip, clear_bgp, {"*", "Clear all peers", false}}, [&runtime](const Invocation& i) {
    if (!runtime.active()) return not_active();
    runtime.clear(std::nullopt);
    return cleared(i.json, "*");
  });
  tree.add({clear, ip, clear_bgp, {"A.B.C.D", "BGP neighbor address to clear", true}},
           [&runtime](const Invocation& i) {
             if (!runtime.active()) return not_active();
             auto a = parse_ipv4(i.arguments.at(0));
             if (!a) return cli::CommandResult::failure("% Invalid IP address " + i.arguments.at(0) + "\n");
             if (!runtime.clear(a)) return cli::CommandResult::failure("% No such neighbor\n");
             return cleared(i.json, i.arguments.at(0));
           });

  // Soft resets keep the session: out re-sends our routes, in asks for the
  // peer's again (ROUTE-REFRESH); plain "soft" does both, as IOS does.
  const Word soft{"soft", "Soft reconfiguration", false};
  const Word in{"in", "Send route-refresh to the neighbor", false};
  const Word out{"out", "Re-send the routes advertised to the neighbor", false};
  for (bool every_peer : {true, false}) {
    const Word target = every_peer ? Word{"*", "Clear all peers", false}
                            : Word{"A.B.C.D", "BGP neighbor address to clear", true};
    for (int direction = 0; direction < 3; ++direction) {  // both, in, out
      std::vector<Word> words{clear, ip, clear_bgp, target, soft};
      if (direction == 1) words.push_back(in);
      if (direction == 2) words.push_back(out);
      tree.add(words, [&runtime, every_peer, direction](const Invocation& i) {
        if (!runtime.active()) return not_active();
        std::vector<std::uint32_t> targets;
        if (every_peer) {
          for (const auto& peer : runtime.speaker()->peers()) targets.push_back(peer->config.address);
        } else {
          auto a = parse_ipv4(i.arguments.at(0));
          if (!a) return cli::CommandResult::failure("% Invalid IP address " + i.arguments.at(0) + "\n");
          if (!runtime.speaker()->find_peer(*a)) return cli::CommandResult::failure("% No such neighbor\n");
          targets.push_back(*a);
        }
        for (std::uint32_t t : targets) {
          if (direction != 2) runtime.speaker()->soft_reset_in(t);
          if (direction != 1) runtime.speaker()->soft_reset_out(t);
        }
        return cleared(i.json, every_peer ? "* soft" : i.arguments.at(0) + " soft");
      });
    }
  }
}

}  // namespace l3vpn::daemon
