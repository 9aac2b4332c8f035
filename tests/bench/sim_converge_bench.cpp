// How long the lab simulator (sim::LabSim) takes to converge a generated
// L3VPN lab, and how much memory it holds: one P router (OSPF + LDP), one
// route reflector (OSPF + BGP VPNv4) and N PEs, each on its own
// point-to-point /30 to the P router, each with V VRFs (VRF1..VRFV, rd
// LOOPBACK:k, route-target import/export 65000:k) exporting P static /24s
// (`ip route vrf VRFk ... Null0` + `redistribute static`). The configs are
// IOS text parsed by config::parse_config, as a lab directory would be.
//
// What converged means, reasoned from the configs: every PE exports V x P
// routes under its own RDs, so the RR's VPNv4 Loc-RIB holds N x V x P. Every
// PE imports every VRF's RT of every PE (all PEs carry the same VRFs), so
// nothing is left out by the RT filter: each PE's Loc-RIB also holds N x V x P
// (its own V x P plus (N-1) x V x P reflected), every one with a usable best
// path (next hop resolved over an LDP LSP). The prefixes are unique per
// (PE, index), so the table of one VRF holds N x P routes: its own P statics
// and (N-1) x P BGP routes from the other PEs.
//
// Figures: wall time to generate+parse the configs, to build the LabSim, to
// converge; simulated time and events; routes per table; peak RSS (VmHWM).
//
//   bench_sim_converge [--pes N] [--vrfs V] [--prefixes P]   (default 50 20 100)
//   bench_sim_converge --smoke                               (3 x 2 x 5; checks the counts)
// Exits 1 when the lab did not converge or a count is wrong, 2 on bad usage
// or a generated config that does not parse.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "config/lab.hpp"
#include "config/parser.hpp"
#include "daemon/bgp_views.hpp"
#include "sim/lab_sim.hpp"
#include "vpn/vrf_rib.hpp"

using namespace l3vpn;

namespace {

struct Sizes {
  std::size_t pes = 50;
  std::size_t vrfs = 20;
  std::size_t prefixes = 100;
};

std::string ip_text(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." + std::to_string((a >> 8) & 0xFF) +
         "." + std::to_string(a & 0xFF);
}

// Addressing: loopbacks in 172.31.0.0/16 (P .1, RR .2, PE i 16+i), core
// links 172.30.0.0/16 in /30s (link 0 to the RR, link i to PE i; P side .1).
constexpr std::uint32_t kP = 0xAC1F0001;   // 172.31.0.1
constexpr std::uint32_t kRr = 0xAC1F0002;  // 172.31.0.2
std::uint32_t pe_loopback(std::size_t i) { return 0xAC1F0010u + static_cast<std::uint32_t>(i); }
std::uint32_t link_subnet(std::size_t i) { return 0xAC1E0000u + static_cast<std::uint32_t>(i) * 4; }
std::string pe_name(std::size_t i) { return "PE" + std::to_string(i); }
std::string p_interface(std::size_t link) { return "eth" + std::to_string(link + 1); }
// The x-th prefix of PE i (the same in every VRF): 10.0.0.0/8 in /24s.
std::uint32_t vrf_prefix(const Sizes& s, std::size_t pe, std::size_t x) {
  return 0x0A000000u + static_cast<std::uint32_t>((pe - 1) * s.prefixes + x) * 256;
}

std::string core_interface(const std::string& name, std::uint32_t address, bool mpls) {
  return "interface " + name + "\n ip address " + ip_text(address) +
         " 255.255.255.252\n ip ospf network point-to-point\n ip ospf 1 area 0\n" + (mpls ? " mpls ip\n" : "") + "!\n";
}

std::string loopback(std::uint32_t address) {
  return "interface Loopback0\n ip address " + ip_text(address) + " 255.255.255.255\n ip ospf 1 area 0\n!\n";
}

std::string ospf(std::uint32_t router_id) {
  return "router ospf 1\n router-id " + ip_text(router_id) + "\n passive-interface Loopback0\n!\n";
}

std::string p_config(const Sizes& s) {
  std::string c = "hostname P1\n!\n" + loopback(kP);
  c += core_interface(p_interface(0), link_subnet(0) + 1, false);  // to the RR: control plane only
  for (std::size_t i = 1; i <= s.pes; ++i) c += core_interface(p_interface(i), link_subnet(i) + 1, true);
  c += ospf(kP);
  c += "mpls ldp router-id Loopback0 force\n!\nend\n";
  return c;
}

std::string rr_config(const Sizes& s) {
  std::string c = "hostname RR1\n!\n" + loopback(kRr) + core_interface("eth1", link_subnet(0) + 2, false) + ospf(kRr);
  c += "router bgp 65000\n bgp router-id " + ip_text(kRr) + "\n bgp cluster-id " + ip_text(kRr) +
       "\n no bgp default ipv4-unicast\n";
  for (std::size_t i = 1; i <= s.pes; ++i) {
    const std::string pe = ip_text(pe_loopback(i));
    c += " neighbor " + pe + " remote-as 65000\n neighbor " + pe + " update-source Loopback0\n";
  }
  c += " !\n address-family vpnv4\n";
  for (std::size_t i = 1; i <= s.pes; ++i) {
    const std::string pe = ip_text(pe_loopback(i));
    c += "  neighbor " + pe + " activate\n  neighbor " + pe + " send-community extended\n  neighbor " + pe +
         " route-reflector-client\n";
  }
  c += " exit-address-family\n!\nend\n";
  return c;
}

std::string pe_config(const Sizes& s, std::size_t i) {
  const std::string self = ip_text(pe_loopback(i));
  const std::string rr = ip_text(kRr);
  std::string c = "hostname " + pe_name(i) + "\n!\n";
  for (std::size_t k = 1; k <= s.vrfs; ++k) {
    const std::string rt = "65000:" + std::to_string(k);
    c += "ip vrf VRF" + std::to_string(k) + "\n rd " + self + ":" + std::to_string(k) + "\n route-target export " +
         rt + "\n route-target import " + rt + "\n!\n";
  }
  c += loopback(pe_loopback(i)) + core_interface("eth1", link_subnet(i) + 2, true) + ospf(pe_loopback(i));
  c += "router bgp 65000\n bgp router-id " + self + "\n no bgp default ipv4-unicast\n neighbor " + rr +
       " remote-as 65000\n neighbor " + rr + " update-source Loopback0\n !\n address-family vpnv4\n  neighbor " + rr +
       " activate\n  neighbor " + rr + " send-community extended\n exit-address-family\n";
  for (std::size_t k = 1; k <= s.vrfs; ++k)
    c += " !\n address-family ipv4 vrf VRF" + std::to_string(k) + "\n  redistribute static\n exit-address-family\n";
  c += "!\n";
  for (std::size_t k = 1; k <= s.vrfs; ++k)
    for (std::size_t x = 0; x < s.prefixes; ++x)
      c += "ip route vrf VRF" + std::to_string(k) + " " + ip_text(vrf_prefix(s, i, x)) + " 255.255.255.0 Null0\n";
  c += "!\nmpls ldp router-id Loopback0 force\n!\nend\n";
  return c;
}

// Parses `text` as node `name` of role `kind` into the lab; false (errors
// printed) when the generated config is not accepted.
bool add_node(config::Lab& lab, const std::string& name, config::Role kind, const std::string& text) {
  config::ParseResult parsed = config::parse_config(text, name + ".conf");
  std::vector<config::Diagnostic> errors = parsed.errors;
  for (config::Diagnostic& d : config::check_role(parsed.config, kind)) errors.push_back(std::move(d));
  for (const config::Diagnostic& d : errors) std::fprintf(stderr, "%s\n", d.to_string().c_str());
  if (!errors.empty()) return false;
  lab.nodes.push_back(config::LabNode{name, kind, name + ".conf", std::move(parsed.config)});
  return true;
}

bool generate(const Sizes& s, config::Lab& lab) {
  lab.name = "generated";
  bool ok = add_node(lab, "P1", config::Role::Provider, p_config(s));
  ok = add_node(lab, "RR1", config::Role::RouteReflector, rr_config(s)) && ok;
  lab.links.push_back(config::LabLink{{"P1", p_interface(0)}, {"RR1", "eth1"}});
  for (std::size_t i = 1; i <= s.pes; ++i) {
    ok = add_node(lab, pe_name(i), config::Role::ProviderEdge, pe_config(s, i)) && ok;
    lab.links.push_back(config::LabLink{{"P1", p_interface(i)}, {pe_name(i), "eth1"}});
  }
  return ok;
}

// A field of /proc/self/status in kB (VmHWM: peak resident set), 0 if unreadable.
std::size_t status_kb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(field + ":", 0) == 0) return std::strtoull(line.c_str() + field.size() + 1, nullptr, 10);
  return 0;
}

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

std::size_t vpnv4_routes(const sim::SimRouter& r) {
  const bgp::rib::FamilyRib* rib = r.speaker ? r.speaker->rib(bgp::kVpnv4Unicast) : nullptr;
  return rib ? rib->loc_rib().size() : 0;
}

bool parse_args(int argc, char** argv, Sizes& s) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--smoke") {
      s = Sizes{3, 2, 5};
      continue;
    }
    if (i + 1 >= argc) return false;
    const std::size_t value = std::strtoull(argv[++i], nullptr, 10);
    if (arg == "--pes") s.pes = value;
    else if (arg == "--vrfs") s.vrfs = value;
    else if (arg == "--prefixes") s.prefixes = value;
    else return false;
  }
  // Loopbacks stay in 172.31.0.0/24 and the VRF /24s inside 10.0.0.0/8.
  return s.pes >= 2 && s.pes <= 239 && s.vrfs >= 1 && s.vrfs <= 1000 && s.prefixes >= 1 &&
         s.pes * s.prefixes <= 65536;
}

}  // namespace

int main(int argc, char** argv) {
  Sizes s;
  if (!parse_args(argc, argv, s)) {
    std::fprintf(stderr,
                 "usage: bench_sim_converge [--pes 2-239] [--vrfs 1-1000] [--prefixes P] (PES x P <= 65536)"
                 " | --smoke\n");
    return 2;
  }
  const std::size_t total = s.pes * s.vrfs * s.prefixes;
  std::printf("lab sim convergence: P1 + RR1 + %zu PEs x %zu VRFs x %zu prefixes = %zu VPNv4 routes\n", s.pes,
              s.vrfs, s.prefixes, total);
  const std::size_t hwm_start = status_kb("VmHWM");

  auto t = std::chrono::steady_clock::now();
  config::Lab lab;
  if (!generate(s, lab)) return 2;
  const double generate_ms = ms_since(t);
  const std::size_t hwm_configs = status_kb("VmHWM");

  core::Logger log("bench", core::LogLevel::Error);
  t = std::chrono::steady_clock::now();
  sim::LabSim simulation(lab, log);
  simulation.start();
  const double build_ms = ms_since(t);
  const std::size_t hwm_built = status_kb("VmHWM");

  t = std::chrono::steady_clock::now();
  const sim::ConvergeResult result = simulation.converge(std::chrono::minutes(10));
  const double converge_ms = ms_since(t);
  const std::size_t hwm_converged = status_kb("VmHWM");

  std::printf("  generate + parse configs: %10.1f ms wall\n", generate_ms);
  std::printf("  build + start LabSim    : %10.1f ms wall\n", build_ms);
  std::printf("  converge                : %10.1f ms wall, %.1f s simulated, %zu events\n", converge_ms,
              std::chrono::duration<double>(result.simulated).count(), result.events);
  std::printf("  peak RSS (VmHWM)        : %zu kB at start, %zu kB configs, %zu kB built, %zu kB converged\n",
              hwm_start, hwm_configs, hwm_built, hwm_converged);

  bool ok = result.converged;
  if (!ok) std::printf("NOT CONVERGED: waiting for %s\n", result.waiting_for.c_str());

  // Every PE's and the RR's VPNv4 Loc-RIB: all N x V x P routes (see top).
  const std::size_t rr_routes = vpnv4_routes(simulation.router("RR1"));
  std::size_t pe_min = total, pe_max = 0;
  for (std::size_t i = 1; i <= s.pes; ++i) {
    const std::size_t n = vpnv4_routes(simulation.router(pe_name(i)));
    pe_min = std::min(pe_min, n);
    pe_max = std::max(pe_max, n);
  }
  std::printf("  VPNv4 Loc-RIB routes    : RR1 %zu, PEs min %zu max %zu (expected %zu)\n", rr_routes, pe_min, pe_max,
              total);
  if (rr_routes != total || pe_min != total || pe_max != total) {
    std::printf("WRONG: a VPNv4 Loc-RIB does not hold %zu routes\n", total);
    ok = false;
  }

  // The last PE: every route has a usable best path, and its VRF tables hold
  // N x P routes each: P own statics, (N-1) x P from the other PEs over BGP.
  const sim::SimRouter& sample = simulation.router(pe_name(s.pes));
  t = std::chrono::steady_clock::now();
  const std::vector<vpn::VpnRoute> best = daemon::best_vpn_routes(*sample.speaker, sample.node->clock().now());
  const std::vector<cli::RouteTableView> tables = vpn::vrf_route_tables(sample.config, best);
  const double tables_ms = ms_since(t);
  std::printf("  %s best VPNv4 paths    : %zu (expected %zu); %zu VRF tables built in %.1f ms wall\n",
              sample.name.c_str(), best.size(), total, tables.size(), tables_ms);
  if (best.size() != total) {
    std::printf("WRONG: %s has %zu best VPNv4 paths, expected %zu\n", sample.name.c_str(), best.size(), total);
    ok = false;
  }
  if (tables.size() != s.vrfs) {
    std::printf("WRONG: %s has %zu VRF tables, expected %zu\n", sample.name.c_str(), tables.size(), s.vrfs);
    ok = false;
  }
  for (const cli::RouteTableView& table : tables) {
    std::size_t statics = 0, bgp = 0;
    for (const cli::RouteView& r : table.routes) {
      if (r.code == 'S') ++statics;
      else if (r.code == 'B') ++bgp;
    }
    const bool right = table.routes.size() == s.pes * s.prefixes && statics == s.prefixes &&
                       bgp == (s.pes - 1) * s.prefixes;
    if (!right || &table == &tables.front())
      std::printf("  %s vrf %-8s routes    : %zu (%zu S, %zu B; expected %zu = %zu S + %zu B)\n",
                  sample.name.c_str(), table.vrf.c_str(), table.routes.size(), statics, bgp, s.pes * s.prefixes,
                  s.prefixes, (s.pes - 1) * s.prefixes);
    if (!right) ok = false;
  }
  if (!ok) return 1;
  std::printf("OK\n");
  return 0;
}
