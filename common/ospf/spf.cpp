#include "ospf/spf.hpp"

#include <algorithm>
#include <bit>
#include <map>
#include <set>
#include <tuple>
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

struct VertexId {
  bool network = false;
  std::uint32_t id = 0;  // router ID, or the network-LSA's LSID
  auto operator<=>(const VertexId&) const = default;
};

struct Vertex {
  std::uint32_t distance = 0;
  NextHops next_hops;
  bool in_tree = false;
};

// The shortest-path tree of 16.1 (first stage) and its next hops (16.1.1).
class ShortestPathTree {
 public:
  ShortestPathTree(const SpfInput& input, const LsaIndex& index) : input_(input), index_(index) {}

  void build() {
    if (!index_.routers.contains(input_.router_id)) return;  // no router-LSA of our own yet
    const VertexId root{false, input_.router_id};
    vertices_[root] = Vertex{0, {}, false};
    candidates_.insert(candidate_key(root, 0));
    while (!candidates_.empty()) {
      const auto [distance, kind, id] = *candidates_.begin();
      candidates_.erase(candidates_.begin());
      const VertexId v{kind == 0, id};
      vertices_[v].in_tree = true;
      if (v.network) {
        const auto& network = std::get<NetworkLsa>(index_.networks.at(v.id)->body);
        for (std::uint32_t router : network.attached_routers) relax(v, nullptr, VertexId{false, router}, 0);
      } else {
        for (const RouterLink& link : index_.routers.at(v.id)->links) {
          if (link.type == RouterLinkType::PointToPoint) {
            relax(v, &link, VertexId{false, link.link_id}, link.metric);
          } else if (link.type == RouterLinkType::Transit) {
            relax(v, &link, VertexId{true, link.link_id}, link.metric);
          }
        }
      }
    }
  }

  const std::map<VertexId, Vertex>& vertices() const { return vertices_; }

 private:
  // Networks before routers at equal distance (16.1 step 3), then by ID so
  // that the order is deterministic.
  static std::tuple<std::uint32_t, int, std::uint32_t> candidate_key(VertexId v, std::uint32_t distance) {
    return {distance, v.network ? 0 : 1, v.id};
  }

  bool is_root(VertexId v) const { return !v.network && v.id == input_.router_id; }

  // 16.1 step 2(b): W's LSA exists and links back to V.
  bool links_back(VertexId w, VertexId v) const {
    if (w.network) {
      const auto it = index_.networks.find(w.id);
      if (it == index_.networks.end()) return false;
      const auto& routers = std::get<NetworkLsa>(it->second->body).attached_routers;
      return std::find(routers.begin(), routers.end(), v.id) != routers.end();
    }
    const auto it = index_.routers.find(w.id);
    if (it == index_.routers.end()) return false;
    const RouterLinkType wanted = v.network ? RouterLinkType::Transit : RouterLinkType::PointToPoint;
    return std::any_of(it->second->links.begin(), it->second->links.end(),
                       [&](const RouterLink& l) { return l.type == wanted && l.link_id == v.id; });
  }

  const SpfInterface* interface_with_address(std::uint32_t address) const {
    for (const SpfInterface& i : input_.interfaces) {
      if (i.address == address) return &i;
    }
    return nullptr;
  }

  // 16.1.1.
  NextHops next_hops(VertexId v, const RouterLink* link, VertexId w) const {
    if (is_root(v)) {
      const SpfInterface* out = interface_with_address(link->link_data);
      const std::string name = out ? out->name : std::string{};
      if (w.network) return {SpfNextHop{0, name}};
      // Point-to-point: the neighbor's address is the link data of its link
      // back to us, on our interface's subnet when there are several.
      std::uint32_t fallback = 0;
      bool found = false;
      for (const RouterLink& back : index_.routers.at(w.id)->links) {
        if (back.type != RouterLinkType::PointToPoint || back.link_id != input_.router_id) continue;
        if (out && ((back.link_data ^ out->address) & out->mask) == 0) return {SpfNextHop{back.link_data, name}};
        if (!found) fallback = back.link_data;
        found = true;
      }
      return {SpfNextHop{fallback, name}};
    }
    const NextHops& inherited = vertices_.at(v).next_hops;
    if (!v.network) return inherited;
    // A network directly attached to the root: the router W is reached at
    // its own address on that network.
    NextHops hops;
    for (const SpfNextHop& hop : inherited) {
      if (hop.address != 0) {
        hops.push_back(hop);
        continue;
      }
      std::uint32_t address = 0;
      for (const RouterLink& l : index_.routers.at(w.id)->links) {
        if (l.type == RouterLinkType::Transit && l.link_id == v.id) {
          address = l.link_data;
          break;
        }
      }
      hops.push_back(SpfNextHop{address, hop.interface});
    }
    return hops;
  }

  void relax(VertexId v, const RouterLink* link, VertexId w, std::uint32_t cost) {
    if (!links_back(w, v)) return;
    const std::uint32_t distance = vertices_.at(v).distance + cost;
    auto it = vertices_.find(w);
    if (it != vertices_.end() && (it->second.in_tree || distance > it->second.distance)) return;
    NextHops hops = next_hops(v, link, w);
    if (it == vertices_.end()) {
      merge_next_hops(hops, {}, input_.max_paths);
      vertices_[w] = Vertex{distance, std::move(hops), false};
      candidates_.insert(candidate_key(w, distance));
    } else if (distance < it->second.distance) {
      candidates_.erase(candidate_key(w, it->second.distance));
      merge_next_hops(hops, {}, input_.max_paths);
      it->second = Vertex{distance, std::move(hops), false};
      candidates_.insert(candidate_key(w, distance));
    } else {
      merge_next_hops(it->second.next_hops, hops, input_.max_paths);
    }
  }

  const SpfInput& input_;
  const LsaIndex& index_;
  std::map<VertexId, Vertex> vertices_;
  std::set<std::tuple<std::uint32_t, int, std::uint32_t>> candidates_;
};

using RouteKey = std::pair<std::uint32_t, std::uint32_t>;  // prefix, mask

class RoutingTableBuilder {
 public:
  RoutingTableBuilder(const SpfInput& input, const LsaIndex& index) : input_(input), index_(index) {}

  SpfResult build() {
    ShortestPathTree tree(input_, index_);
    tree.build();
    add_intra_area(tree.vertices());
    const auto own = index_.routers.find(input_.router_id);
    const bool abr_in_non_backbone =
        own != index_.routers.end() && (own->second->flags & router_flag::B) != 0 && input_.area_id != 0;
    if (!abr_in_non_backbone) add_inter_area();
    add_external();

    SpfResult result;
    for (auto& [key, route] : routes_) result.routes.push_back(std::move(route));
    for (auto& [id, router] : routers_) result.routers.push_back(std::move(router));
    for (const auto& [v, vertex] : tree.vertices()) {
      if (!v.network && vertex.in_tree) result.reachable_routers.emplace_back(v.id, vertex.distance);
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
  void add_intra_area(const std::map<VertexId, Vertex>& vertices) {
    for (const auto& [v, vertex] : vertices) {
      if (!vertex.in_tree) continue;
      if (v.network) {
        const Lsa& lsa = *index_.networks.at(v.id);
        const std::uint32_t mask = std::get<NetworkLsa>(lsa.body).network_mask;
        offer_route(SpfRoute{v.id & mask, mask, SpfRouteType::IntraArea, input_.area_id, vertex.distance, 0,
                             lsa.header.advertising_router, vertex.next_hops});
        continue;
      }
      const RouterLsa& router = *index_.routers.at(v.id);
      const std::uint8_t border_flags = router.flags & (router_flag::B | router_flag::E);
      if (v.id != input_.router_id && border_flags != 0) {
        routers_[v.id] = SpfRouterRoute{v.id, border_flags, SpfRouteType::IntraArea, input_.area_id,
                                        vertex.distance, vertex.next_hops};
      }
      for (const RouterLink& link : router.links) {
        if (link.type != RouterLinkType::Stub) continue;
        const std::uint32_t mask = link.link_data;
        NextHops hops = vertex.next_hops;
        if (v.id == input_.router_id) {
          const SpfInterface* out = interface_on_subnet(link.link_id, mask);
          hops = {SpfNextHop{0, out ? out->name : std::string{}}};
        }
        offer_route(SpfRoute{link.link_id & mask, mask, SpfRouteType::IntraArea, input_.area_id,
                             vertex.distance + link.metric, 0, v.id, std::move(hops)});
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
  std::map<RouteKey, SpfRoute> routes_;
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
