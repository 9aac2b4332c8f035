#include "daemon/daemon.hpp"

#include <algorithm>
#include <csignal>
#include <exception>

#include "daemon/bgp_commands.hpp"
#include "daemon/bgp_views.hpp"
#include "vpn/lsp_inputs.hpp"
#include "daemon/config_loading.hpp"
#include "daemon/daemon_fib.hpp"
#include "daemon/kernel_commands.hpp"
#include "daemon/mpls_commands.hpp"
#include "daemon/ldp_config.hpp"
#include "daemon/ospf_commands.hpp"
#include "daemon/tcp_brief.hpp"

namespace l3vpn::daemon {

Daemon::Daemon(DaemonSetup setup, const core::Clock& clock, const core::Logger& log)
    : log_(log),
      socket_path_(setup.socket_path),
      node_name_(setup.node_name),
      run_protocols_(setup.run_protocols),
      server_(io_, setup.socket_path,
              [this](std::string_view line) { return tree_.dispatch(line); }, log),
      signals_(io_, SIGTERM, SIGINT, SIGHUP),
      ospf_(io_, clock, log),
      ldp_(io_, clock, log, labels_),
      bgp_(io_, clock, log, setup.bgp_port, labels_),
      vrf_bgp_(io_, clock, log, setup.bgp_port),
      kernel_(io_, log, std::move(setup.kernel),
              [this](const std::set<std::string, std::less<>>& down) {
                return daemon_node_fib(context_.config, ospf_, ldp_, bgp_, labels_, down);
              }),
      stop_timer_(io_),
      redistribute_timer_(io_) {
  context_.daemon_name = setup.name;
  context_.role = setup.role;
  context_.config_file = setup.config_file;
  context_.clock = &clock;
  context_.started = clock.now();
  context_.config = std::move(setup.config);
  cli::register_show_commands(tree_, context_);
  register_bgp_commands(tree_, bgp_, context_);
  // The show commands ask for the instance at each call: OSPF's first
  // global-table process (one in every lab), LDP's instance; nullptr when off.
  const OspfInstanceSource ospf_instance = [this]() -> const ospf::Instance* {
    for (const auto& p : ospf_.processes())
      if (p->instance && p->vrf.empty()) return p->instance.get();
    return nullptr;
  };
  const OspfInstancesSource ospf_instances = [this] {
    std::vector<const ospf::Instance*> out;
    for (const auto& p : ospf_.processes())
      if (p->instance) out.push_back(p->instance.get());
    return out;
  };
  register_ospf_commands(tree_, ospf_instance, ospf_instances, clock);
  register_global_route_command(tree_, ospf_instance, context_);
  register_mpls_commands(tree_, [this] { return ldp_.instance(); }, clock);
  register_kernel_commands(tree_, kernel_);
  register_tcp_brief_command(tree_, bgp_, vrf_bgp_);  // BGP's sockets and the VRF devices they are bound to
  ospf_.on_routes_changed = [this] {
    feed_ldp();
    feed_bgp();
    kernel_.request_sync();
  };
  ldp_.on_lfib_changed = [this] {
    feed_bgp();
    kernel_.request_sync();
  };
  ospf_.on_vrf_routes_changed = [this] {
    feed_vrf_ospf();
    kernel_.request_sync();
  };
  kernel_.on_link = [this](const std::string& name, bool up) { ospf_.interface_link(name, up); };
  // The protocols' sockets bind to Linux devices: IOS names go through the map.
  ospf_.set_device_names(kernel_.options().interfaces);
  ldp_.set_device_names(kernel_.options().interfaces);
  vrf_bgp_.bind_to_vrf_devices(kernel_.enabled());  // --kernel: each VRF has its Linux device
  bgp_.set_vrf_speakers_source([this] {
    std::vector<const bgp::Speaker*> out;
    for (const auto& v : vrf_bgp_.speakers()) out.push_back(v->speaker.get());
    return out;
  });
  bgp_.set_vrf_igp_source([this] {
    vpn::VrfIgpRoutes routes = ospf_.vrf_igp_routes();
    for (auto& [vrf, views] : vrf_bgp_.ce_route_views()) {  // PE-CE BGP: B [20/MED]
      auto& into = routes[vrf];
      into.insert(into.end(), views.begin(), views.end());
    }
    return routes;
  });
}

void Daemon::feed_vrf_ospf() {
  if (runs_bgp()) bgp_.set_vrf_ospf(ospf_.vrf_ospf_routes());
}

// BGP into the VRF OSPF processes: polled rather than pushed, since every
// UPDATE would otherwise recompute the VRF tables; a second is what IOS's
// BGP scanner-driven redistribution takes at least.
void Daemon::redistribute_bgp_into_ospf() {
  if (!runs_bgp() || !runs_ospf() || !bgp_.speaker() || !ospf_.redistributes_bgp()) return;
  const std::uint64_t version = bgp_.speaker()->table_version();
  if (version == redistributed_version_ && ospf_.builds() == redistributed_builds_) return;
  redistributed_version_ = version;
  redistributed_builds_ = ospf_.builds();
  const auto known = best_vpn_routes(*bgp_.speaker(), bgp_.clock().now());
  ospf_.redistribute_bgp(vpn::vrf_route_tables(context_.config, known, core::Duration::zero(), bgp_.vrf_igp_routes()),
                         known);
}

void Daemon::sync_vrf_bgp() {
  if (!runs_bgp() || !bgp_.speaker() || vrf_bgp_.speakers().empty()) return;
  bgp_.set_vrf_ce_routes(vrf_bgp_.ce_routes());
  const auto known = best_vpn_routes(*bgp_.speaker(), bgp_.clock().now());
  vrf_bgp_.advertise(context_.config, bgp_.exported(), known,
                     vpn::vrf_route_tables(context_.config, known, core::Duration::zero(), bgp_.vrf_igp_routes()));
}

// BGP has no route-change callback: its tables' versions, summed, tell.
void Daemon::sync_kernel_after_bgp() {
  if (!kernel_.active()) return;
  std::uint64_t version = bgp_.speaker() ? bgp_.speaker()->table_version() : 0;
  for (const auto& v : vrf_bgp_.speakers())
    if (v->speaker) version += v->speaker->table_version();
  if (version == kernel_bgp_version_) return;
  kernel_bgp_version_ = version;
  kernel_.request_sync();
}

void Daemon::schedule_redistribution() {
  redistribute_timer_.expires_after(std::chrono::seconds(1));
  redistribute_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    redistribute_bgp_into_ospf();
    sync_vrf_bgp();
    sync_kernel_after_bgp();
    schedule_redistribution();
  });
}

bool Daemon::runs_ospf() const { return run_protocols_ && context_.role != config::Role::Host; }

bool Daemon::runs_ldp() const {
  return run_protocols_ && (context_.role == config::Role::Provider || context_.role == config::Role::ProviderEdge);
}

void Daemon::feed_ldp() {
  if (runs_ldp()) ldp_.set_igp_routes(ldp_igp_routes(ospf_.routes(), local_loopback_addresses(context_.config)));
}

// BGP next hops resolve over OSPF's routes and, on a PE running LDP, LDP's
// LSPs (vpn/lsp_resolver.hpp): a VPNv4 route without an LSP is inaccessible.
void Daemon::feed_bgp() {
  if (!runs_ospf()) return;  // no IGP: connected and static routes alone, as before
  const bool require_lsp = runs_ldp() && ldp_.active();
  const ldp::Instance* ldp = ldp_.instance();
  bgp_.set_igp(vpn::igp_prefixes(ospf_.routes()),
               ldp ? vpn::lsp_entries(ldp->lib().lfib()) : std::map<std::uint32_t, vpn::LspEntry>{}, require_lsp);
}

// OSPF first (LDP's FECs come from its routes), then LDP, then BGP.
void Daemon::apply_protocols() {
  const config::Mpls& mpls = context_.config.mpls;
  const std::uint32_t min = std::max<std::uint32_t>(mpls.label_range_min.value_or(16), 16);
  const std::uint32_t max = std::min<std::uint32_t>(mpls.label_range_max.value_or(100000), 0xFFFFF);
  if (labels_.min() != min || labels_.max() != max) labels_ = vpn::LabelAllocator(min, max);  // new range: new labels
  if (runs_ospf()) ospf_.apply(context_.config);
  if (runs_ldp()) {
    ldp_.apply(context_.config);
    feed_ldp();  // our loopbacks may have changed without an OSPF route change
  }
  if (runs_bgp()) {
    bgp_.apply(context_.config);
    if (context_.role == config::Role::ProviderEdge) vrf_bgp_.apply(context_.config);
    feed_vrf_ospf();
  }
  redistributed_builds_ = ~std::uint64_t{0};  // a changed config: redistribute again
}

bool Daemon::runs_bgp() const {
  return run_protocols_ && (context_.role == config::Role::ProviderEdge || context_.role == config::Role::RouteReflector);
}

int Daemon::run() {
  if (auto error = server_.open()) {
    log_.error(*error);
    return 1;
  }
  log_.info("started, role " + std::string(config::role_name(context_.role)) + ", hostname " +
            (context_.config.hostname.empty() ? "<none>" : context_.config.hostname) +
            ", config " + context_.config_file + ", control socket " + socket_path_);
  kernel_.start(context_.config);
  apply_protocols();
  schedule_redistribution();
  wait_for_signal();
  io_.run();
  server_.close();
  log_.info("stopped");
  return 0;
}

void Daemon::wait_for_signal() {
  signals_.async_wait([this](const boost::system::error_code& ec, int signal_number) {
    if (ec) return;
    on_signal(signal_number);
  });
}

void Daemon::on_signal(int signal_number) {
  if (signal_number == SIGHUP) {
    reload();
    wait_for_signal();
    return;
  }
  log_.info(std::string("received ") + (signal_number == SIGTERM ? "SIGTERM" : "SIGINT") +
            ", stopping");
  server_.close();
  // Reverse of the start: BGP, LDP, OSPF.
  const bool flush_bgp = bgp_.active();
  if (flush_bgp) bgp_.stop();  // a Cease to every peer
  vrf_bgp_.stop();             // and to every CE
  redistribute_timer_.cancel();
  ldp_.stop();
  ospf_.stop();
  kernel_.stop();  // our routes and devices removed, unless --keep-fib
  if (!flush_bgp) {
    io_.stop();
    return;
  }
  stop_after_flush(std::chrono::steady_clock::now() + std::chrono::seconds(1));
}

void Daemon::stop_after_flush(std::chrono::steady_clock::time_point deadline) {
  if ((bgp_.flushed() && vrf_bgp_.flushed()) || std::chrono::steady_clock::now() >= deadline) {
    io_.stop();
    return;
  }
  stop_timer_.expires_after(std::chrono::milliseconds(10));
  stop_timer_.async_wait([this, deadline](const boost::system::error_code& ec) {
    if (ec) return;
    stop_after_flush(deadline);
  });
}

void Daemon::reload() {
  log_.info("SIGHUP: reloading " + context_.config_file);
  LoadedConfig loaded;
  try {
    loaded = load_config_for_role(context_.config_file, context_.role, node_name_);
  } catch (const std::exception& e) {
    log_.error("reload refused: reading " + context_.config_file + " failed: " + e.what() +
               "; the previous configuration stays in force");
    return;
  }
  if (!loaded.ok()) {
    for (const auto& error : loaded.errors) log_.error(error.to_string());
    log_.error("reload refused: " + std::to_string(loaded.errors.size()) +
               " error(s) in " + context_.config_file + "; the previous configuration stays in force");
    return;
  }
  if (loaded.config == context_.config) {
    log_.info("reload: configuration unchanged");
    return;
  }
  context_.config = std::move(loaded.config);
  log_.info("reload: new configuration in force");
  kernel_.set_config(context_.config);
  apply_protocols();
}

}  // namespace l3vpn::daemon
