// The show commands of every daemon, over the configuration in force.
//
// Each command is one function from the context to its output (IOS text, or
// JSON when `json`), so tests check exact output without a daemon:
//   show running-config [json]     render_running_config; JSON {"hostname","text"}
//   show version [json]            daemon, role, version, hostname, uptime, config file
//   show ip vrf [json]             IOS table: Name / Default RD / Interfaces
//   show ip vrf detail [WORD] [json]
//   show ip interface brief [json]
//   show interfaces [json]         per interface: state, description, addresses, VRF, MPLS
// register_show_commands() puts them in a CommandTree; the handlers read the
// context at each call, so a reload that replaces context.config is seen by
// the next command. Pure: no I/O; the clock is only read.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "cli/command_result.hpp"
#include "cli/command_tree.hpp"
#include "config/model.hpp"
#include "config/parser.hpp"
#include "core/clock.hpp"

namespace l3vpn::cli {

struct ShowContext {
  std::string daemon_name;  // "l3vpn-pe"
  config::Role role = config::Role::ProviderEdge;
  std::string config_file;
  const core::Clock* clock = nullptr;
  core::TimePoint started{};
  config::Config config;  // the configuration in force
};

// IOS short interface names: Loopback10 -> Lo10, GigabitEthernet0/0 -> Gi0/0;
// names without a known prefix (Linux: ens3, eth1) are returned unchanged.
std::string interface_abbreviation(std::string_view name);

CommandResult show_running_config(const ShowContext& context, bool json);
CommandResult show_version(const ShowContext& context, bool json);
CommandResult show_ip_vrf(const config::Config& config, bool json);
// Every VRF, or only `name` ("% No VRF named X" when there is none).
CommandResult show_ip_vrf_detail(const config::Config& config, const std::optional<std::string>& name,
                                 bool json);
CommandResult show_ip_interface_brief(const config::Config& config, bool json);
CommandResult show_interfaces(const config::Config& config, bool json);

// `context` must outlive `tree`.
void register_show_commands(CommandTree& tree, const ShowContext& context);

}  // namespace l3vpn::cli
