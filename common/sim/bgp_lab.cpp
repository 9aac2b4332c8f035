#include "sim/bgp_lab.hpp"

#include "bgp/peer_config.hpp"

namespace l3vpn::sim {

bool BgpLab::add_router(const std::string& name, const config::Config& config) {
  auto instance = bgp::bgp_instance_config(config);
  if (!instance) return false;
  auto r = std::make_unique<BgpLabRouter>();
  r->name = name;
  r->config = config;
  r->node = &network.add_node(name);
  owner_[instance->router_id] = r->node;
  for (const auto& peer : instance->peers)
    if (peer.local_address) owner_[*peer.local_address] = r->node;
  r->transports = std::make_unique<NetsimTransportFactory>(
      network, *r->node, [this](config::Ipv4Address a) -> const netsim::Node* {
        auto it = owner_.find(a.value);
        return it == owner_.end() ? nullptr : it->second;
      });
  r->speaker = std::make_unique<bgp::Speaker>(*instance, r->node->timers(), r->node->clock(), *r->transports,
                                              resolver_, log_);
  listen_bgp(network, *r->node, config::Ipv4Address{0}, *r->speaker);
  routers_[name] = std::move(r);
  return true;
}

void BgpLab::start() {
  for (auto& [name, r] : routers_) r->speaker->start();
}

bool BgpLab::converged() const {
  for (const auto& [name, r] : routers_)
    for (const auto& p : r->speaker->peers())
      if (p->session->state() != bgp::SessionState::Established) return false;
  return true;
}

}  // namespace l3vpn::sim
