// BGP best-path selection (RFC 4271 section 9.1.2) in the order Cisco IOS
// applies it, with the step that decided, for `show ip bgp` and tests.
//
//  1. highest weight                  7. eBGP over iBGP
//  2. highest LOCAL_PREF (default 100) 8. lowest IGP metric to the next hop
//  3. locally originated              9. oldest path, when both are eBGP
//  4. shortest AS_PATH                10. lowest router ID (ORIGINATOR_ID when
//     (AS_SET counts 1, confederation     present, RFC 4456 section 9)
//     segments 0)                     11. shortest CLUSTER_LIST
//  5. lowest ORIGIN (IGP<EGP<incomplete) 12. lowest neighbor address
//  6. lowest MED, only between paths from the same neighbouring AS (the
//     first AS of the AS_PATH; paths with no AS, internal routes, count as
//     one AS); a missing MED is 0
//
// A path whose next hop does not resolve is not eligible (RFC 4271 9.1.2.1);
// a locally originated path needs no resolution. LOCAL_PREF received from an
// eBGP peer is ignored (RFC 4271 5.1.5): such a path counts as 100.
//
// Where this differs from IOS: no `bgp deterministic-med` (paths are compared
// pairwise in the order given, newest first as IOS does, so MED's lack of
// transitivity can make the result depend on that order, as it does on IOS by
// default); no `bgp always-compare-med`, `med missing-as-worst`, `bestpath
// as-path ignore`, `compare-routerid`, AIGP, multipath, or the confed-external
// tier between eBGP and iBGP.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "bgp/rib/next_hop_resolver.hpp"
#include "bgp/rib/route.hpp"

namespace l3vpn::bgp::rib {

inline constexpr std::uint32_t kDefaultLocalPref = 100;

enum class DecisionStep : std::uint8_t {
  OnlyPath,  // a single eligible path: nothing to compare
  Weight,
  LocalPref,
  LocallyOriginated,
  AsPathLength,
  Origin,
  Med,
  EbgpOverIbgp,
  IgpMetric,
  OldestEbgp,
  RouterId,
  ClusterListLength,
  NeighborAddress,
};
const char* to_string(DecisionStep step);  // "weight", "local-pref", ...

struct Decision {
  std::size_t best = 0;  // index into the candidates
  // The step that set the best apart from its closest rival: the latest step
  // any of its pairwise comparisons needed.
  DecisionStep reason = DecisionStep::OnlyPath;
};

// One pairwise comparison: which wins, and at which step.
struct Comparison {
  bool first_wins = true;
  DecisionStep step = DecisionStep::NeighborAddress;
};

// Everything a comparison needs about a path, computed once per decision.
struct Candidate {
  const Path* path = nullptr;
  std::uint32_t igp_metric = 0;
};

Comparison compare(const Candidate& a, const Candidate& b);

// Candidates in the order to compare them (newest first). Nothing when no
// candidate is eligible.
std::optional<Decision> select_best(std::span<const Path* const> candidates,
                                    const NextHopResolver& resolver);

// Helpers the steps use, exposed for show commands and tests.
std::uint32_t as_path_length(const PathAttributes& attributes);
std::uint32_t neighbor_as(const PathAttributes& attributes);  // 0: no AS (internal)

}  // namespace l3vpn::bgp::rib
