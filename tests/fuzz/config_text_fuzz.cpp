// libFuzzer target: any bytes as a configuration file. The parser must never
// crash or hang, whatever it is fed; what it accepts without error must
// render to a running-config that parses back to the same model.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "config/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  l3vpn::config::ParseResult first = l3vpn::config::parse_config(text, "fuzz.conf");
  for (auto role : {l3vpn::config::Role::ProviderEdge, l3vpn::config::Role::Provider,
                    l3vpn::config::Role::RouteReflector, l3vpn::config::Role::Host})
    (void)l3vpn::config::check_role(first.config, role);
  if (!first.ok()) return 0;
  std::string rendered = l3vpn::config::render_running_config(first.config);
  l3vpn::config::ParseResult again = l3vpn::config::parse_config(rendered, "rendered.conf");
  if (!again.ok() || !(again.config == first.config)) std::abort();
  return 0;
}
