#include "sim/sim_ping.hpp"

#include "sim/packet_walk.hpp"

namespace l3vpn::sim {
namespace {

constexpr int kEchoes = 5;

std::optional<config::Ipv4Address> vrf_source(const config::Config& config, const std::string& vrf) {
  for (const config::Interface& itf : config.interfaces)
    if (itf.vrf == vrf && !itf.shutdown && !itf.addresses.empty()) return itf.addresses.front().prefix.address;
  return std::nullopt;
}

// Where `address` is received: the first node and table holding it as one of
// their own addresses.
Endpoint owner_of(const Dataplane& dataplane, config::Ipv4Address address) {
  for (const auto& [name, node] : dataplane.nodes())
    for (const auto& [vrf, table] : node.tables()) {
      const FibRoute* r = table.find(config::Ipv4Prefix{address, 32});
      if (r && std::holds_alternative<Receive>(r->action)) return Endpoint{name, vrf, address};
    }
  return Endpoint{"", "", address};
}

// Links crossed by a walk: every step after the first arrived over one.
int links_crossed(const Walk& w) {
  int n = 0;
  for (const WalkStep& s : w.steps)
    if (!s.arrived_on.empty()) ++n;
  return n;
}

}  // namespace

cli::CommandResult sim_ping(const Dataplane& dataplane, const std::string& node, const config::Config& config,
                            const std::string& vrf, config::Ipv4Address destination,
                            std::optional<config::Ipv4Address> source) {
  if (!vrf.empty() && !config.find_vrf(vrf)) return cli::CommandResult::failure("% VRF " + vrf + " does not exist.\n");
  if (!source) source = vrf_source(config, vrf);
  if (!source)
    return cli::CommandResult::failure("% No usable source address" + (vrf.empty() ? "" : " in vrf " + vrf) + "\n");
  const PingResult result = ping(dataplane, Endpoint{node, vrf, *source}, owner_of(dataplane, destination));
  std::string out = "Type escape sequence to abort.\n";
  out += "Sending 5, 100-byte ICMP Echos to " + destination.to_string() + ", timeout is 2 seconds:\n";
  if (!result.ok()) {
    out += std::string(kEchoes, '.') + "\nSuccess rate is 0 percent (0/5)\n";
    return cli::CommandResult::success(out);
  }
  const int rtt = links_crossed(result.echo) + links_crossed(*result.reply);
  const std::string ms = std::to_string(rtt);
  out += std::string(kEchoes, '!') + "\nSuccess rate is 100 percent (5/5), round-trip min/avg/max = " + ms + "/" +
         ms + "/" + ms + " ms\n";
  return cli::CommandResult::success(out);
}

}  // namespace l3vpn::sim
