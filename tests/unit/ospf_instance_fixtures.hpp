// A small OSPF lab for the ospf_instance_* scenario tests: routers (an
// ospf::Instance each, through sim::OspfNode) on in-process segments, built
// by naming routers, segments and loopbacks, then started and run on the
// network's manual clock. Helpers read states, LSDBs and routes back.
#pragma once

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "netsim/network.hpp"
#include "ospf/instance.hpp"
#include "sim/ospf_netsim.hpp"

namespace ospf_lab {

using namespace l3vpn;
using namespace std::chrono_literals;

inline std::uint32_t ip(const char* text) {
  auto a = config::Ipv4Address::parse(text);
  REQUIRE(a.has_value());
  return a->value;
}

inline std::uint32_t mask_of(int length) { return config::length_to_mask(static_cast<std::uint8_t>(length)).value; }

// One router's interface on a segment.
struct Port {
  std::string router;
  std::string interface;
  const char* address = "";
  std::uint8_t priority = 1;
  std::uint16_t cost = 1;
  std::uint32_t area = 0;
  ospf::AuthConfig auth = ospf::null_auth();
};

class Lab {
 public:
  void add_router(const std::string& name, const char* router_id) {
    configs_[name].router_id = ip(router_id);
    nodes_[name] = &network.add_node(name);
  }

  netsim::Segment& add_segment(const std::string& name, ospf::NetworkType type, int prefix_length,
                               const std::vector<Port>& ports) {
    netsim::Segment& seg = network.add_segment(name);
    for (const Port& p : ports) {
      REQUIRE(nodes_.count(p.router) == 1);
      ospf::InstanceInterface i;
      i.name = p.interface;
      i.address = ip(p.address);
      i.mask = mask_of(prefix_length);
      i.area_id = p.area;
      i.type = type;
      i.cost = p.cost;
      i.priority = p.priority;
      i.auth = p.auth;
      configs_[p.router].interfaces.push_back(i);
      bindings_[p.router].emplace_back(p.interface, &seg.attach(*nodes_[p.router], p.interface, config::Ipv4Address{i.address}));
    }
    return seg;
  }

  void add_loopback(const std::string& router, const char* address, std::uint32_t area = 0) {
    ospf::InstanceInterface i;
    i.name = "Loopback0";
    i.address = ip(address);
    i.mask = 0xFFFFFFFF;
    i.area_id = area;
    i.loopback = true;
    configs_[router].interfaces.push_back(i);
  }

  void set_externals(const std::string& router, std::vector<ospf::ExternalRoute> externals) {
    configs_[router].externals = std::move(externals);
  }

  void start() {
    for (auto& [name, config] : configs_) {
      auto node = std::make_unique<sim::OspfNode>(*nodes_[name], 1, config);
      for (auto& [ifname, iface] : bindings_[name]) node->attach(ifname, *iface);
      routers_[name] = std::move(node);
    }
    for (auto& [name, node] : routers_) node->start();
  }

  // Runs the network for `d` of simulated time (hellos never stop: always bounded).
  void run_for(core::Duration d) { network.advance(d); }

  sim::OspfNode& node(const std::string& name) { return *routers_.at(name); }
  const ospf::Instance& ospf(const std::string& name) { return routers_.at(name)->instance(); }
  void remove(const std::string& name) { routers_.erase(name); }

  netsim::Network network;

 private:
  std::map<std::string, ospf::InstanceConfig> configs_;
  std::map<std::string, netsim::Node*> nodes_;
  std::map<std::string, std::vector<std::pair<std::string, netsim::Interface*>>> bindings_;
  std::map<std::string, std::unique_ptr<sim::OspfNode>> routers_;
};

inline const ospf::Instance::NeighborView* neighbor(const ospf::Instance& o, const char* router_id) {
  static thread_local std::vector<ospf::Instance::NeighborView> views;
  views = o.neighbors();
  for (const auto& n : views)
    if (n.router_id == ip(router_id)) return &n;
  return nullptr;
}

inline ospf::NeighborState neighbor_state(const ospf::Instance& o, const char* router_id) {
  const auto* n = neighbor(o, router_id);
  return n == nullptr ? ospf::NeighborState::Down : n->state;
}

inline const ospf::SpfRoute* route(const ospf::Instance& o, const char* prefix, int length) {
  for (const auto& r : o.routes())
    if (r.prefix == ip(prefix) && r.mask == mask_of(length)) return &r;
  return nullptr;
}

inline ospf::LsaKey key(std::uint8_t type, const char* id, const char* adv) {
  return ospf::LsaKey{type, ip(id), ip(adv)};
}

// The (key, sequence, checksum) of every LSA: what "identical databases" means.
inline std::vector<std::tuple<ospf::LsaKey, std::uint32_t, std::uint16_t>> instances(const ospf::Lsdb& db) {
  std::vector<std::tuple<ospf::LsaKey, std::uint32_t, std::uint16_t>> v;
  for (const auto& [k, e] : db.entries()) v.emplace_back(k, e.lsa.header.sequence, e.lsa.header.checksum);
  return v;
}

}  // namespace ospf_lab
