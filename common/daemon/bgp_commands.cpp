#include "daemon/bgp_commands.hpp"

#include <boost/asio/ip/address_v4.hpp>

#include "cli/json_writer.hpp"
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

}  // namespace

void register_bgp_commands(cli::CommandTree& tree, BgpRuntime& runtime, const cli::ShowContext& context) {
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

  tree.add({show, ip, bgp}, [&runtime, &context](const Invocation& i) {
    if (!runtime.active()) return not_active();
    return cli::show_bgp_table(
        bgp_table_view(*runtime.speaker(), context.config, bgp::kIpv4Unicast, &runtime.resolver()), i.json);
  });
  tree.add({show, ip, bgp, summary}, [&runtime, now](const Invocation& i) {
    if (!runtime.active()) return not_active();
    return cli::show_bgp_summary(bgp_summary_view(*runtime.speaker(), std::nullopt, now()), i.json);
  });
  tree.add({show, ip, bgp, vpnv4, all, summary}, [&runtime, now](const Invocation& i) {
    if (!runtime.active()) return not_active();
    return cli::show_bgp_summary(bgp_summary_view(*runtime.speaker(), bgp::kVpnv4Unicast, now()), i.json);
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
                                              &runtime.resolver(), TableFilter{value}),
                               i.json);
  });
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
}

}  // namespace l3vpn::daemon
