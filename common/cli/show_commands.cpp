#include "cli/show_commands.hpp"

#include <array>

#include "cli/json_writer.hpp"

namespace l3vpn::cli {

std::string interface_abbreviation(std::string_view name) {
  // Longest names first so "GigabitEthernet" is not taken for "Ethernet".
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kShort{{
      {"TenGigabitEthernet", "Te"},
      {"GigabitEthernet", "Gi"},
      {"FastEthernet", "Fa"},
      {"Port-channel", "Po"},
      {"Ethernet", "Et"},
      {"Loopback", "Lo"},
      {"Serial", "Se"},
      {"Tunnel", "Tu"},
      {"Vlan", "Vl"},
      {"Null", "Nu"},
      {"Virtual-Template", "Vt"},
  }};
  for (const auto& [full, abbreviation] : kShort) {
    if (name.size() > full.size() && name.substr(0, full.size()) == full) {
      return std::string(abbreviation) + std::string(name.substr(full.size()));
    }
  }
  return std::string(name);
}

CommandResult show_running_config(const ShowContext& context, bool json) {
  const std::string text = config::render_running_config(context.config);
  if (!json) return CommandResult::success(text);
  JsonWriter w;
  w.begin_object()
      .key("hostname").string(context.config.hostname)
      .key("text").string(text)
      .end_object();
  return CommandResult::success(w.str() + "\n");
}

CommandResult show_version(const ShowContext& context, bool json) {
  const core::Duration uptime =
      context.clock ? context.clock->now() - context.started : core::Duration::zero();
  const auto uptime_seconds = std::chrono::duration_cast<std::chrono::seconds>(uptime).count();
  const std::string hostname =
      context.config.hostname.empty() ? context.daemon_name : context.config.hostname;
  if (json) {
    JsonWriter w;
    w.begin_object()
        .key("daemon").string(context.daemon_name)
        .key("role").string(config::role_name(context.role))
        .key("version").string(L3VPN_VERSION)
        .key("hostname").string(hostname)
        .key("uptime_seconds").number(static_cast<std::int64_t>(uptime_seconds))
        .key("config_file").string(context.config_file)
        .end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out;
  out += context.daemon_name + " version " + L3VPN_VERSION + "\n";
  out += "Role: " + std::string(config::role_name(context.role)) + "\n";
  out += hostname + " uptime is " + core::format_uptime(uptime) + "\n";
  out += "Configuration file: " + context.config_file + "\n";
  return CommandResult::success(out);
}

void register_show_commands(CommandTree& tree, const ShowContext& context) {
  const Word show{"show", "Show running system information", false};
  const Word ip{"ip", "IP information", false};
  const Word vrf{"vrf", "VPN Routing/Forwarding instance information", false};
  tree.add({show, {"running-config", "Current operating configuration", false}},
           [&context](const Invocation& i) { return show_running_config(context, i.json); });
  tree.add({show, {"version", "System hardware and software status", false}},
           [&context](const Invocation& i) { return show_version(context, i.json); });
  tree.add({show, ip, vrf},
           [&context](const Invocation& i) { return show_ip_vrf(context.config, i.json); });
  const Word detail{"detail", "Detailed VPN Routing/Forwarding instance information", false};
  tree.add({show, ip, vrf, detail}, [&context](const Invocation& i) {
    return show_ip_vrf_detail(context.config, std::nullopt, i.json);
  });
  tree.add({show, ip, vrf, detail, {"WORD", "VPN Routing/Forwarding instance name", true}},
           [&context](const Invocation& i) {
             return show_ip_vrf_detail(context.config, i.arguments.at(0), i.json);
           });
  tree.add({show, {"interfaces", "Interface status and configuration", false}},
           [&context](const Invocation& i) { return show_interfaces(context.config, i.json); });
  tree.add({show, ip, {"interface", "IP interface status and configuration", false},
            {"brief", "Brief summary of IP status and configuration", false}},
           [&context](const Invocation& i) {
             return show_ip_interface_brief(context.config, i.json);
           });
}

}  // namespace l3vpn::cli
