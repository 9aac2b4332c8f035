// The OSPFv2 routing table calculation of RFC 2328 section 16 for one area:
// the shortest-path tree over routers and transit networks (16.1) with the
// next hops of 16.1.1, the stub networks (16.1 stage 2), the inter-area
// routes of the summary-LSAs (16.2, types 3 and 4) and the AS-external
// routes (16.4, E1 and E2).
//
// Pure: a list of decoded LSAs in, a sorted routing table out. It does not
// know the link-state database; the caller hands in whatever container of
// Lsa it keeps (one instance per LSA key; if a key appears twice the higher
// sequence number is used). Same input, same output, in the same order.
//
// Left out: virtual links (type 4 router links are ignored), TOS routing,
// the RFC 1583 / 16.4.1 preference between paths to one ASBR through
// several areas, 16.3 transit-area examination, and several areas at once
// (an ABR computing a non-backbone area ignores its summary-LSAs, as 16.2
// asks; merging the per-area results is the caller's job).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ospf/codec/lsa.hpp"

namespace l3vpn::ospf {

inline constexpr std::size_t kSpfMaxEqualCostPaths = 16;
inline constexpr std::uint32_t kSpfLsInfinity = 0xFFFFFF;  // 24-bit LSInfinity

// One of the calculating router's own OSPF interfaces in the area: how a
// next hop toward a directly attached neighbor or network is named.
struct SpfInterface {
  std::string name;          // "GigabitEthernet0/0"
  std::uint32_t address = 0;  // this router's address on it
  std::uint32_t mask = 0;
  std::uint32_t cost = 1;     // informational; the router-LSA carries the metric used
};

struct SpfInput {
  std::uint32_t router_id = 0;  // the calculating router
  std::uint32_t area_id = 0;
  std::span<const SpfInterface> interfaces;
  // The area's router-, network- and summary-LSAs and the AS-external-LSAs;
  // any other type is skipped.
  std::span<const Lsa> lsas;
  std::size_t max_paths = kSpfMaxEqualCostPaths;  // 1..16
};

struct SpfNextHop {
  std::uint32_t address = 0;  // 0: the destination is directly connected
  std::string interface;      // "" when no configured interface matches
  auto operator<=>(const SpfNextHop&) const = default;
};

enum class SpfRouteType : std::uint8_t { IntraArea, InterArea, ExternalType1, ExternalType2 };
const char* to_string(SpfRouteType t);  // "intra-area", "inter-area", "external-1", "external-2"

struct SpfRoute {
  std::uint32_t prefix = 0;  // network address (masked)
  std::uint32_t mask = 0;
  SpfRouteType type = SpfRouteType::IntraArea;
  std::uint32_t area_id = 0;
  // Intra-area, inter-area and E1: the whole path cost. E2: the cost to the
  // ASBR or forwarding address (the tie breaker of 16.4 step 6).
  std::uint32_t cost = 0;
  std::uint32_t type2_cost = 0;           // E2 only: the external metric
  std::uint32_t advertising_router = 0;   // the ABR or ASBR for inter-area and external
  std::vector<SpfNextHop> next_hops;      // sorted, at most max_paths
  // The metric a "show ip route" prints: type2_cost for E2, cost otherwise.
  std::uint32_t metric() const { return type == SpfRouteType::ExternalType2 ? type2_cost : cost; }
  int prefix_length() const;
  bool operator==(const SpfRoute&) const = default;
};

// Routing table entries for area border routers and AS boundary routers
// (16.1 step 4 and 16.2 for type-4 summaries), which the inter-area and
// external calculations go through.
struct SpfRouterRoute {
  std::uint32_t router_id = 0;
  std::uint8_t flags = 0;  // router_flag::B / E (E only for an ASBR learnt by type-4 summary)
  SpfRouteType type = SpfRouteType::IntraArea;
  std::uint32_t area_id = 0;
  std::uint32_t cost = 0;
  std::vector<SpfNextHop> next_hops;
  bool operator==(const SpfRouterRoute&) const = default;
};

struct SpfResult {
  std::vector<SpfRoute> routes;          // sorted by (prefix, mask)
  std::vector<SpfRouterRoute> routers;   // sorted by router ID
  // Every router reached in the area (the root included), with its distance:
  // sorted by router ID; for "show" and for tests.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> reachable_routers;
};

SpfResult compute_spf(const SpfInput& input);

}  // namespace l3vpn::ospf
