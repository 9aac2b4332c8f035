#include "sim/sim_cli.hpp"

#include "daemon/bgp_commands.hpp"
#include "daemon/mpls_commands.hpp"
#include "daemon/ospf_commands.hpp"

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

RouterCli::RouterCli(SimRouter& router) : router_(router), bgp_(std::make_unique<BgpTarget>(router)) {
  const core::Clock& clock = router.node->clock();
  context_.daemon_name = "l3vpn-" + std::string(config::role_name(router.role));
  context_.role = router.role;
  context_.config_file = router.name + " (simulated)";
  context_.clock = &clock;
  context_.started = clock.now();
  context_.config = router.config;
  cli::register_show_commands(tree_, context_);
  daemon::register_bgp_commands(tree_, *bgp_, context_);
  daemon::register_ospf_commands(tree_, [this]() -> const ospf::Instance* {
    return router_.ospf.empty() ? nullptr : &router_.ospf.front()->instance();
  }, clock);
  daemon::register_mpls_commands(tree_, [this]() -> const ldp::Instance* {
    return router_.ldp ? &router_.ldp->instance() : nullptr;
  }, clock);
}

RouterCli::~RouterCli() = default;

}  // namespace l3vpn::sim
