#include "sim/sim_cli.hpp"

#include "daemon/bgp_commands.hpp"
#include "daemon/mpls_commands.hpp"
#include "daemon/ospf_commands.hpp"
#include "sim/sim_ping.hpp"

namespace l3vpn::sim {

// A simulated router as the BGP commands see it. `clear ip bgp` resets the
// sessions as a daemon does (stop, then start again).
class RouterCli::BgpTarget final : public daemon::BgpCommandTarget {
 public:
  explicit BgpTarget(SimRouter& r) : r_(r) {}
  bool active() const override { return r_.speaker != nullptr; }
  bgp::Speaker* speaker() override { return r_.speaker.get(); }
  const vpn::LspResolver& resolver() const override { return r_.resolver; }
  const vpn::LabelAllocator& labels() const override { return r_.labels; }
  const core::Clock& clock() const override { return r_.node->clock(); }
  vpn::VrfIgpRoutes vrf_igp_routes() const override { return r_.vrf_igp_routes(); }
  std::vector<const bgp::Speaker*> vrf_speakers() const override {
    std::vector<const bgp::Speaker*> out;
    for (const auto& v : r_.vrf_bgp) out.push_back(v->speaker.get());
    return out;
  }
  bool clear(std::optional<std::uint32_t> neighbor) override {
    if (!r_.speaker) return false;
    bool found = false;
    for (const auto& p : r_.speaker->peers()) {
      if (neighbor && p->config.address != *neighbor) continue;
      p->session->stop();
      p->session->start();
      found = true;
    }
    return found;
  }

 private:
  SimRouter& r_;
};

RouterCli::RouterCli(SimRouter& router, const Dataplane* dataplane) : router_(router), bgp_(std::make_unique<BgpTarget>(router)) {
  const core::Clock& clock = router.node->clock();
  context_.daemon_name = "l3vpn-" + std::string(config::role_name(router.role));
  context_.role = router.role;
  context_.config_file = router.name + " (simulated)";
  context_.clock = &clock;
  context_.started = clock.now();
  context_.config = router.config;
  cli::register_show_commands(tree_, context_);
  daemon::register_bgp_commands(tree_, *bgp_, context_);
  const daemon::OspfInstanceSource ospf_instance = [this]() -> const ospf::Instance* {
    return router_.ospf.empty() ? nullptr : &router_.ospf.front()->instance();
  };
  const daemon::OspfInstancesSource ospf_instances = [this] {
    std::vector<const ospf::Instance*> out;
    for (const auto& o : router_.ospf) out.push_back(&o->instance());
    for (const auto& v : router_.vrf_ospf) out.push_back(&v.node->instance());
    return out;
  };
  daemon::register_ospf_commands(tree_, ospf_instance, ospf_instances, clock);
  daemon::register_global_route_command(tree_, ospf_instance, context_,
                                        [this] { return router_.global_bgp_routes(); });
  daemon::register_mpls_commands(tree_, [this]() -> const ldp::Instance* {
    return router_.ldp ? &router_.ldp->instance() : nullptr;
  }, clock);
  if (dataplane) register_ping(*dataplane);
}

void RouterCli::register_ping(const Dataplane& dataplane) {
  using cli::Invocation;
  using cli::Word;
  const Word ping{"ping", "Send echo messages", false};
  const Word vrf{"vrf", "Select VPN routing instance", false};
  const Word vrf_name{"WORD", "VPN routing instance name", true};
  const Word target{"A.B.C.D", "Ping destination address", true};
  const Word source{"source", "Specify source address", false};
  const Word source_address{"A.B.C.D", "Source address", true};
  // arguments: [vrf] destination [source]
  auto run = [this, &dataplane](std::string vrf_text, const std::string& to,
                                const std::string* from) -> cli::CommandResult {
    auto destination = config::Ipv4Address::parse(to);
    if (!destination) return cli::CommandResult::failure("% Unrecognized host or address: " + to + "\n");
    std::optional<config::Ipv4Address> src;
    if (from) {
      src = config::Ipv4Address::parse(*from);
      if (!src) return cli::CommandResult::failure("% Invalid source address " + *from + "\n");
    }
    return sim_ping(dataplane, router_.name, router_.config, vrf_text, *destination, src);
  };
  tree_.add({ping, target}, [run](const Invocation& i) { return run("", i.arguments.at(0), nullptr); }, false);
  tree_.add({ping, target, source, source_address},
            [run](const Invocation& i) { return run("", i.arguments.at(0), &i.arguments.at(1)); }, false);
  tree_.add({ping, vrf, vrf_name, target},
            [run](const Invocation& i) { return run(i.arguments.at(0), i.arguments.at(1), nullptr); }, false);
  tree_.add({ping, vrf, vrf_name, target, source, source_address},
            [run](const Invocation& i) { return run(i.arguments.at(0), i.arguments.at(1), &i.arguments.at(2)); },
            false);
}

RouterCli::~RouterCli() = default;

}  // namespace l3vpn::sim
