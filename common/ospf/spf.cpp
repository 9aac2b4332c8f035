#include "ospf/spf.hpp"

#include <algorithm>
#include <bit>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace l3vpn::ospf {

const char* to_string(SpfRouteType t) {
  switch (t) {
    case SpfRouteType::IntraArea: return "intra-area";
    case SpfRouteType::InterArea: return "inter-area";
    case SpfRouteType::ExternalType1: return "external-1";
    case SpfRouteType::ExternalType2: return "external-2";
  }
  return "?";
}

int SpfRoute::prefix_length() const { return std::popcount(mask); }

namespace {

constexpr std::uint16_t kMaxAge = 3600;  // RFC 2328 appendix B

using NextHops = std::vector<SpfNextHop>;
using LsaKey = std::tuple<std::uint8_t, std::uint32_t, std::uint32_t>;  // type, LSID, advertising router

// The input, one instance per LSA key (the newer by sequence number), with
// MaxAge instances dropped: section 16 never uses them.
struct LsaIndex {
  std::map<std::uint32_t, const RouterLsa*> routers;  // by advertising router
  std::map<std::uint32_t, const Lsa*> networks;       // by LSID (the DR's interface address)
  std::vector<const Lsa*> summaries;                  // types 3 and 4, in key order
  std::vector<const Lsa*> externals;                  // type 5, in key order
};

bool newer(const Lsa& a, const Lsa& b) {
  // Sequence numbers are signed (12.1.6).
  return static_cast<std::int32_t>(a.header.sequence) > static_cast<std::int32_t>(b.header.sequence);
}

template <typename Key>
void keep_newest(std::map<Key, const Lsa*>& m, const Key& key, const Lsa& lsa) {
  auto [it, inserted] = m.try_emplace(key, &lsa);
  if (!inserted && newer(lsa, *it->second)) it->second = &lsa;
}

bool body_matches_type(const Lsa& lsa) {
  switch (lsa.header.type) {
    case ls_type::Router: return std::holds_alternative<RouterLsa>(lsa.body);
    case ls_type::Network: return std::holds_alternative<NetworkLsa>(lsa.body);
    case ls_type::SummaryNetwork:
    case ls_type::SummaryAsbr: return std::holds_alternative<SummaryLsa>(lsa.body);
    case ls_type::AsExternal: return std::holds_alternative<AsExternalLsa>(lsa.body);
    default: return false;
  }
}

LsaIndex index_lsas(std::span<const Lsa> lsas) {
  std::map<LsaKey, const Lsa*> newest;
  for (const Lsa& lsa : lsas) {
    if (!body_matches_type(lsa)) continue;
    keep_newest(newest, LsaKey{lsa.header.type, lsa.header.link_state_id, lsa.header.advertising_router}, lsa);
  }
  LsaIndex index;
  std::map<std::uint32_t, const Lsa*> routers;
  for (const auto& [key, lsa] : newest) {
    if (lsa->header.age >= kMaxAge) continue;
    switch (lsa->header.type) {
      case ls_type::Router:
        // A router-LSA's LSID is its originator's router ID (12.4.1).
        if (lsa->header.link_state_id == lsa->header.advertising_router) {
          index.routers.emplace(lsa->header.advertising_router, &std::get<RouterLsa>(lsa->body));
        }
        break;
      case ls_type::Network: keep_newest(index.networks, lsa->header.link_state_id, *lsa); break;
      case ls_type::SummaryNetwork:
      case ls_type::SummaryAsbr: index.summaries.push_back(lsa); break;
      case ls_type::AsExternal: index.externals.push_back(lsa); break;
      default: break;
    }
  }
  return index;
}

// Adds `extra` to `hops`, keeping them sorted, unique and at most `max`.
void merge_next_hops(NextHops& hops, const NextHops& extra, std::size_t max) {
  hops.insert(hops.end(), extra.begin(), extra.end());
  std::sort(hops.begin(), hops.end());
  hops.erase(std::unique(hops.begin(), hops.end()), hops.end());
  if (hops.size() > max) hops.resize(max);
}

// The shortest-path tree of 16.1 (first stage) and its next hops (16.1.1).
//
// Speed (tests/bench/spf_bench.cpp: 10,000 routers well under 50 ms): the
// vertices live in a dense array (routers by ascending ID, then networks by
// ascending LSID) found through hash maps, and a vertex's next hops are an
// index into a pool of immutable, normalised (sorted, unique, bounded) sets,
// so a router inheriting its parent's next hops (16.1.1, the common case)
// copies one integer instead of a vector of strings. The candidate list is a
// binary heap with lazy deletion, ordered like 16.1 step 3 asks: by distance,
// networks before routers, then by ID so that the order is deterministic.
class ShortestPathTree {
 public:
  struct Vertex {
    std::uint32_t distance = 0;
    std::uint32_t hops = 0;  // index into the next-hop pool; 0 is the empty set
    bool reached = false;
    bool in_tree = false;
  };

  ShortestPathTree(const SpfInput& input, const LsaIndex& index) : input_(input) {
    routers_.reserve(index.routers.size());
    router_slot_.reserve(index.routers.size());
    for (const auto& [id, lsa] : index.routers) {
      router_slot_.emplace(id, static_cast<std::uint32_t>(routers_.size()));
      routers_.push_back(RouterVertex{id, lsa});
    }
    networks_.reserve(index.networks.size());
    network_slot_.reserve(index.networks.size());
    for (const auto& [id, lsa] : index.networks) {
      network_slot_.emplace(id, static_cast<std::uint32_t>(routers_.size() + networks_.size()));
      networks_.push_back(NetworkVertex{id, lsa, &std::get<NetworkLsa>(lsa->body)});
    }
    vertices_.resize(routers_.size() + networks_.size());
    pool_.emplace_back();  // the empty set
  }

  void build() {
    const auto root = router_slot(input_.router_id);
    if (!root) return;  // no router-LSA of our own yet
    vertices_[*root] = Vertex{0, 0, true, false};
    candidates_.push(Candidate{0, 1, input_.router_id, *root});
    while (!candidates_.empty()) {
      const Candidate c = candidates_.top();
      candidates_.pop();
      Vertex& v = vertices_[c.slot];
      if (v.in_tree || v.distance != c.distance) continue;  // a stale entry
      v.in_tree = true;
      if (is_network(c.slot)) {
        for (std::uint32_t router : network(c.slot).body->attached_routers) {
          if (const auto w = router_slot(router)) relax(c.slot, nullptr, *w, 0);
        }
      } else {
        for (const RouterLink& link : router(c.slot).lsa->links) {
          if (link.type == RouterLinkType::PointToPoint) {
            if (const auto w = router_slot(link.link_id)) relax(c.slot, &link, *w, link.metric);
          } else if (link.type == RouterLinkType::Transit) {
            if (const auto w = network_slot(link.link_id)) relax(c.slot, &link, *w, link.metric);
          }
        }
      }
    }
  }

  // Slots: routers in ascending router ID, then networks in ascending LSID.
  std::size_t size() const { return vertices_.size(); }
  bool is_network(std::uint32_t slot) const { return slot >= routers_.size(); }
  std::uint32_t id(std::uint32_t slot) const { return is_network(slot) ? network(slot).id : router(slot).id; }
  const Vertex& vertex(std::uint32_t slot) const { return vertices_[slot]; }
  const NextHops& next_hops(std::uint32_t slot) const { return pool_[vertices_[slot].hops]; }
  const RouterLsa& router_lsa(std::uint32_t slot) const { return *router(slot).lsa; }
  const Lsa& network_lsa(std::uint32_t slot) const { return *network(slot).lsa; }

 private:
  struct RouterVertex {
    std::uint32_t id = 0;
    const RouterLsa* lsa = nullptr;
  };
  struct NetworkVertex {
    std::uint32_t id = 0;
    const Lsa* lsa = nullptr;
    const NetworkLsa* body = nullptr;
  };
  struct Candidate {
    std::uint32_t distance = 0;
    int kind = 0;  // 0: network, 1: router (networks first at equal distance)
    std::uint32_t id = 0;
    std::uint32_t slot = 0;
    bool operator>(const Candidate& o) const {
      return std::tie(distance, kind, id) > std::tie(o.distance, o.kind, o.id);
    }
  };

  const RouterVertex& router(std::uint32_t slot) const { return routers_[slot]; }
  const NetworkVertex& network(std::uint32_t slot) const { return networks_[slot - routers_.size()]; }

  std::optional<std::uint32_t> router_slot(std::uint32_t id) const {
    const auto it = router_slot_.find(id);
    if (it == router_slot_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<std::uint32_t> network_slot(std::uint32_t id) const {
    const auto it = network_slot_.find(id);
    if (it == network_slot_.end()) return std::nullopt;
    return it->second;
  }

  bool is_root(std::uint32_t slot) const { return !is_network(slot) && router(slot).id == input_.router_id; }

  // 16.1 step 2(b): W's LSA exists (it has a slot) and links back to V.
  bool links_back(std::uint32_t w, std::uint32_t v) const {
    const std::uint32_t v_id = id(v);
    if (is_network(w)) {
      const auto& routers = network(w).body->attached_routers;
      return std::find(routers.begin(), routers.end(), v_id) != routers.end();
    }
    const RouterLinkType wanted = is_network(v) ? RouterLinkType::Transit : RouterLinkType::PointToPoint;
    const auto& links = router(w).lsa->links;
    return std::any_of(links.begin(), links.end(),
                       [&](const RouterLink& l) { return l.type == wanted && l.link_id == v_id; });
  }

  const SpfInterface* interface_with_address(std::uint32_t address) const {
    for (const SpfInterface& i : input_.interfaces) {
      if (i.address == address) return &i;
    }
    return nullptr;
  }

  // A new set in the pool, normalised.
  std::uint32_t add_set(NextHops hops) {
    merge_next_hops(hops, {}, input_.max_paths);
    pool_.push_back(std::move(hops));
    return static_cast<std::uint32_t>(pool_.size() - 1);
  }

  // The union of two pooled sets (bounded), reusing `a` when nothing is added.
  std::uint32_t merge(std::uint32_t a, std::uint32_t b) {
    if (a == b) return a;
    NextHops merged = pool_[a];
    merge_next_hops(merged, pool_[b], input_.max_paths);
    if (merged == pool_[a]) return a;
    pool_.push_back(std::move(merged));
    return static_cast<std::uint32_t>(pool_.size() - 1);
  }

  // 16.1.1: the next hops of W reached from V, as a pooled set.
  std::uint32_t next_hops_via(std::uint32_t v, const RouterLink* link, std::uint32_t w) {
    if (is_root(v)) {
      const SpfInterface* out = interface_with_address(link->link_data);
      const std::string name = out ? out->name : std::string{};
      if (is_network(w)) return add_set({SpfNextHop{0, name}});
      // Point-to-point: the neighbor's address is the link data of its link
      // back to us, on our interface's subnet when there are several.
      std::uint32_t fallback = 0;
      bool found = false;
      for (const RouterLink& back : router(w).lsa->links) {
        if (back.type != RouterLinkType::PointToPoint || back.link_id != input_.router_id) continue;
        if (out && ((back.link_data ^ out->address) & out->mask) == 0) {
          return add_set({SpfNextHop{back.link_data, name}});
        }
        if (!found) fallback = back.link_data;
        found = true;
      }
      return add_set({SpfNextHop{fallback, name}});
    }
    const std::uint32_t inherited = vertices_[v].hops;
    if (!is_network(v)) return inherited;
    // A network directly attached to the root: the router W is reached at
    // its own address on that network.
    const NextHops& from = pool_[inherited];
    if (std::none_of(from.begin(), from.end(), [](const SpfNextHop& h) { return h.address == 0; })) return inherited;
    const std::uint32_t network_id = id(v);
    std::uint32_t address = 0;
    for (const RouterLink& l : router(w).lsa->links) {
      if (l.type == RouterLinkType::Transit && l.link_id == network_id) {
        address = l.link_data;
        break;
      }
    }
    NextHops hops;
    for (const SpfNextHop& hop : from) hops.push_back(hop.address != 0 ? hop : SpfNextHop{address, hop.interface});
    return add_set(std::move(hops));
  }

  void relax(std::uint32_t v, const RouterLink* link, std::uint32_t w, std::uint32_t cost) {
    if (!links_back(w, v)) return;
    const std::uint32_t distance = vertices_[v].distance + cost;
    {
      const Vertex& x = vertices_[w];
      if (x.reached && (x.in_tree || distance > x.distance)) return;
    }
    const std::uint32_t hops = next_hops_via(v, link, w);
    Vertex& x = vertices_[w];
    if (!x.reached || distance < x.distance) {
      x = Vertex{distance, hops, true, false};
      candidates_.push(Candidate{distance, is_network(w) ? 0 : 1, id(w), w});
    } else {
      x.hops = merge(x.hops, hops);
    }
  }

  const SpfInput& input_;
  std::vector<RouterVertex> routers_;
  std::vector<NetworkVertex> networks_;
  std::unordered_map<std::uint32_t, std::uint32_t> router_slot_;
  std::unordered_map<std::uint32_t, std::uint32_t> network_slot_;
  std::vector<Vertex> vertices_;
  std::vector<NextHops> pool_;
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<>> candidates_;
};

using RouteKey = std::pair<std::uint32_t, std::uint32_t>;  // prefix, mask

struct RouteKeyHash {
  std::size_t operator()(const RouteKey& k) const {
    return std::hash<std::uint64_t>{}(std::uint64_t{k.first} << 32 | k.second);
  }
};

class RoutingTableBuilder {
 public:
  RoutingTableBuilder(const SpfInput& input, const LsaIndex& index) : input_(input), index_(index) {}

  SpfResult build() {
    ShortestPathTree tree(input_, index_);
    tree.build();
    add_intra_area(tree);
    const auto own = index_.routers.find(input_.router_id);
    const bool abr_in_non_backbone =
        own != index_.routers.end() && (own->second->flags & router_flag::B) != 0 && input_.area_id != 0;
    if (!abr_in_non_backbone) add_inter_area();
    add_external();

    SpfResult result;
    // Hashed while building (tens of thousands of stubs), sorted once here.
    result.routes.reserve(routes_.size());
    for (auto& [key, route] : routes_) result.routes.push_back(std::move(route));
    std::sort(result.routes.begin(), result.routes.end(), [](const SpfRoute& a, const SpfRoute& b) {
      return std::pair{a.prefix, a.mask} < std::pair{b.prefix, b.mask};
    });
    for (auto& [id, router] : routers_) result.routers.push_back(std::move(router));
    for (std::uint32_t slot = 0; slot < tree.size(); ++slot) {
      if (!tree.is_network(slot) && tree.vertex(slot).in_tree) {
        result.reachable_routers.emplace_back(tree.id(slot), tree.vertex(slot).distance);
      }
    }
    return result;
  }

 private:
  // Keeps the cheaper of the two, or both next-hop sets at equal cost.
  void offer_route(SpfRoute candidate) {
    const RouteKey key{candidate.prefix, candidate.mask};
    auto it = routes_.find(key);
    if (it == routes_.end()) {
      merge_next_hops(candidate.next_hops, {}, input_.max_paths);
      routes_.emplace(key, std::move(candidate));
      return;
    }
    SpfRoute& current = it->second;
    const auto rank = [](const SpfRoute& r) {
      return std::tuple{static_cast<int>(r.type), r.type2_cost, r.cost};
    };
    if (rank(candidate) < rank(current)) {
      merge_next_hops(candidate.next_hops, {}, input_.max_paths);
      current = std::move(candidate);
    } else if (rank(candidate) == rank(current)) {
      merge_next_hops(current.next_hops, candidate.next_hops, input_.max_paths);
    }
  }

  const SpfInterface* interface_on_subnet(std::uint32_t prefix, std::uint32_t mask) const {
    const SpfInterface* best = nullptr;
    for (const SpfInterface& i : input_.interfaces) {
      if (((i.address ^ prefix) & mask) != 0) continue;
      if (!best || i.mask == mask) best = &i;
    }
    return best;
  }

  // 16.1 step 4 (transit networks, border routers) and the second stage
  // (stub networks).
  void add_intra_area(const ShortestPathTree& tree) {
    for (std::uint32_t slot = 0; slot < tree.size(); ++slot) {
      const ShortestPathTree::Vertex& vertex = tree.vertex(slot);
      if (!vertex.in_tree) continue;
      const std::uint32_t id = tree.id(slot);
      if (tree.is_network(slot)) {
        const Lsa& lsa = tree.network_lsa(slot);
        const std::uint32_t mask = std::get<NetworkLsa>(lsa.body).network_mask;
        offer_route(SpfRoute{id & mask, mask, SpfRouteType::IntraArea, input_.area_id, vertex.distance, 0,
                             lsa.header.advertising_router, tree.next_hops(slot)});
        continue;
      }
      const RouterLsa& router = tree.router_lsa(slot);
      const std::uint8_t border_flags = router.flags & (router_flag::B | router_flag::E);
      if (id != input_.router_id && border_flags != 0) {
        routers_[id] = SpfRouterRoute{id, border_flags, SpfRouteType::IntraArea, input_.area_id, vertex.distance,
                                      tree.next_hops(slot)};
      }
      for (const RouterLink& link : router.links) {
        if (link.type != RouterLinkType::Stub) continue;
        const std::uint32_t mask = link.link_data;
        NextHops hops;
        if (id == input_.router_id) {
          const SpfInterface* out = interface_on_subnet(link.link_id, mask);
          hops = {SpfNextHop{0, out ? out->name : std::string{}}};
        } else {
          hops = tree.next_hops(slot);
        }
        offer_route(SpfRoute{link.link_id & mask, mask, SpfRouteType::IntraArea, input_.area_id,
                             vertex.distance + link.metric, 0, id, std::move(hops)});
      }
    }
  }

  // 16.2: summary-LSAs through a reachable area border router.
  void add_inter_area() {
    for (const Lsa* lsa : index_.summaries) {
      const auto& summary = std::get<SummaryLsa>(lsa->body);
      const std::uint32_t metric = summary.metric & kSpfLsInfinity;
      const std::uint32_t abr = lsa->header.advertising_router;
      if (metric == kSpfLsInfinity || abr == input_.router_id) continue;
      const auto border = routers_.find(abr);
      if (border == routers_.end() || border->second.type != SpfRouteType::IntraArea ||
          (border->second.flags & router_flag::B) == 0) {
        continue;  // the ABR is unreachable in this area
      }
      const std::uint32_t cost = border->second.cost + metric;
      if (lsa->header.type == ls_type::SummaryNetwork) {
        const std::uint32_t mask = summary.network_mask;
        const auto existing = routes_.find(RouteKey{lsa->header.link_state_id & mask, mask});
        if (existing != routes_.end() && existing->second.type == SpfRouteType::IntraArea) continue;
        offer_route(SpfRoute{lsa->header.link_state_id & mask, mask, SpfRouteType::InterArea, input_.area_id,
                             cost, 0, abr, border->second.next_hops});
        continue;
      }
      // Type 4: a path to an AS boundary router in another area.
      const std::uint32_t asbr = lsa->header.link_state_id;
      if (asbr == input_.router_id) continue;
      auto it = routers_.find(asbr);
      const NextHops hops = border->second.next_hops;
      if (it == routers_.end()) {
        NextHops sorted = hops;
        merge_next_hops(sorted, {}, input_.max_paths);
        routers_.emplace(asbr, SpfRouterRoute{asbr, router_flag::E, SpfRouteType::InterArea, input_.area_id, cost,
                                              std::move(sorted)});
      } else if (it->second.type == SpfRouteType::InterArea) {
        if (cost < it->second.cost) {
          it->second.cost = cost;
          it->second.next_hops.clear();
          merge_next_hops(it->second.next_hops, hops, input_.max_paths);
        } else if (cost == it->second.cost) {
          merge_next_hops(it->second.next_hops, hops, input_.max_paths);
        }
      }
    }
  }

  // Longest match among the intra- and inter-area routes.
  const SpfRoute* internal_route_to(std::uint32_t address) const {
    const SpfRoute* best = nullptr;
    for (const auto& [key, route] : routes_) {
      if (route.type != SpfRouteType::IntraArea && route.type != SpfRouteType::InterArea) continue;
      if (((address ^ route.prefix) & route.mask) != 0) continue;
      if (!best || std::popcount(route.mask) > std::popcount(best->mask)) best = &route;
    }
    return best;
  }

  // 16.4: AS-external-LSAs through a reachable AS boundary router.
  void add_external() {
    for (const Lsa* lsa : index_.externals) {
      const auto& external = std::get<AsExternalLsa>(lsa->body);
      const std::uint32_t metric = external.metric.metric & kSpfLsInfinity;
      const std::uint32_t asbr_id = lsa->header.advertising_router;
      if (metric == kSpfLsInfinity || asbr_id == input_.router_id) continue;
      const auto asbr = routers_.find(asbr_id);
      if (asbr == routers_.end() || (asbr->second.flags & router_flag::E) == 0) continue;

      std::uint32_t forwarding_cost = asbr->second.cost;
      NextHops hops = asbr->second.next_hops;
      const std::uint32_t forwarding = external.metric.forwarding_address;
      if (forwarding != 0) {
        const SpfRoute* via = internal_route_to(forwarding);
        if (!via) continue;
        forwarding_cost = via->cost;
        hops.clear();
        for (const SpfNextHop& hop : via->next_hops) {
          hops.push_back(hop.address == 0 ? SpfNextHop{forwarding, hop.interface} : hop);
        }
      }

      const std::uint32_t mask = external.network_mask;
      const std::uint32_t prefix = lsa->header.link_state_id & mask;
      const auto existing = routes_.find(RouteKey{prefix, mask});
      if (existing != routes_.end() && (existing->second.type == SpfRouteType::IntraArea ||
                                        existing->second.type == SpfRouteType::InterArea)) {
        continue;
      }
      if (external.metric.e_bit) {
        offer_route(SpfRoute{prefix, mask, SpfRouteType::ExternalType2, input_.area_id, forwarding_cost, metric,
                             asbr_id, std::move(hops)});
      } else {
        offer_route(SpfRoute{prefix, mask, SpfRouteType::ExternalType1, input_.area_id, forwarding_cost + metric,
                             0, asbr_id, std::move(hops)});
      }
    }
  }

  const SpfInput& input_;
  const LsaIndex& index_;
  std::unordered_map<RouteKey, SpfRoute, RouteKeyHash> routes_;
  std::map<std::uint32_t, SpfRouterRoute> routers_;
};

}  // namespace

SpfResult compute_spf(const SpfInput& input) {
  SpfInput bounded = input;
  bounded.max_paths = std::clamp<std::size_t>(input.max_paths, 1, kSpfMaxEqualCostPaths);
  const LsaIndex index = index_lsas(bounded.lsas);
  return RoutingTableBuilder(bounded, index).build();
}

}  // namespace l3vpn::ospf
