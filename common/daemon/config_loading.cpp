#include "daemon/config_loading.hpp"

namespace l3vpn::daemon {

namespace {
LoadedConfig with_role_checks(config::ParseResult parsed, config::Role role) {
  LoadedConfig loaded{std::move(parsed.config), std::move(parsed.errors)};
  // Every diagnostic: what the parser understood is role-checked even when
  // other lines had errors.
  for (auto& d : config::check_role(loaded.config, role)) loaded.errors.push_back(std::move(d));
  return loaded;
}
}  // namespace

LoadedConfig load_config_for_role(const std::string& path, config::Role role,
                                  const std::string& node_name) {
  LoadedConfig loaded = with_role_checks(config::parse_config_file(path), role);
  if (loaded.config.hostname.empty()) loaded.config.hostname = node_name;
  return loaded;
}

LoadedConfig check_config_text(const std::string& text, const std::string& file, config::Role role) {
  return with_role_checks(config::parse_config(text, file), role);
}

}  // namespace l3vpn::daemon
