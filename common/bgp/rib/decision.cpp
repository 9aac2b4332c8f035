#include "bgp/rib/decision.hpp"

#include <vector>

namespace l3vpn::bgp::rib {
namespace {

std::uint32_t local_pref(const Path& p) {
  if (p.from_ebgp()) return kDefaultLocalPref;  // RFC 4271 5.1.5
  return p.attributes->local_pref.value_or(kDefaultLocalPref);
}

std::uint32_t router_id(const Path& p) {
  return p.attributes->originator_id.value_or(p.peer_router_id);  // RFC 4456 section 9
}

// Lower is better; the first unequal value decides.
template <class T>
std::optional<Comparison> lower(T a, T b, DecisionStep step) {
  if (a == b) return std::nullopt;
  return Comparison{a < b, step};
}
template <class T>
std::optional<Comparison> higher(T a, T b, DecisionStep step) {
  if (a == b) return std::nullopt;
  return Comparison{a > b, step};
}

}  // namespace

const char* to_string(DecisionStep step) {
  switch (step) {
    case DecisionStep::OnlyPath: return "only-path";
    case DecisionStep::Weight: return "weight";
    case DecisionStep::LocalPref: return "local-pref";
    case DecisionStep::LocallyOriginated: return "locally-originated";
    case DecisionStep::AsPathLength: return "as-path-length";
    case DecisionStep::Origin: return "origin";
    case DecisionStep::Med: return "med";
    case DecisionStep::EbgpOverIbgp: return "ebgp-over-ibgp";
    case DecisionStep::IgpMetric: return "igp-metric";
    case DecisionStep::OldestEbgp: return "oldest-ebgp";
    case DecisionStep::RouterId: return "router-id";
    case DecisionStep::ClusterListLength: return "cluster-list-length";
    case DecisionStep::NeighborAddress: return "neighbor-address";
  }
  return "?";
}

std::uint32_t as_path_length(const PathAttributes& attributes) {
  if (!attributes.as_path) return 0;
  std::uint32_t length = 0;
  for (const AsPathSegment& s : *attributes.as_path) {
    if (s.type == AsPathSegment::Sequence) length += static_cast<std::uint32_t>(s.asns.size());
    else if (s.type == AsPathSegment::Set) length += 1;  // RFC 4271 9.1.2.2 a)
    // confederation segments count 0 (RFC 5065 section 5.3)
  }
  return length;
}

std::uint32_t neighbor_as(const PathAttributes& attributes) {
  if (!attributes.as_path) return 0;
  for (const AsPathSegment& s : *attributes.as_path) {
    if (s.type == AsPathSegment::ConfedSequence || s.type == AsPathSegment::ConfedSet) continue;
    if (s.type == AsPathSegment::Sequence && !s.asns.empty()) return s.asns.front();
    return 0;  // a leading AS_SET names no single neighbour
  }
  return 0;
}

Comparison compare(const Candidate& ca, const Candidate& cb) {
  const Path& a = *ca.path;
  const Path& b = *cb.path;
  const PathAttributes& x = *a.attributes;
  const PathAttributes& y = *b.attributes;
  using S = DecisionStep;
  if (auto c = higher(a.weight, b.weight, S::Weight)) return *c;
  if (auto c = higher(local_pref(a), local_pref(b), S::LocalPref)) return *c;
  if (auto c = higher(a.locally_originated(), b.locally_originated(), S::LocallyOriginated)) return *c;
  if (auto c = lower(as_path_length(x), as_path_length(y), S::AsPathLength)) return *c;
  if (auto c = lower(x.origin.value_or(Origin::Incomplete), y.origin.value_or(Origin::Incomplete),
                     S::Origin))
    return *c;
  if (neighbor_as(x) == neighbor_as(y))
    if (auto c = lower(x.med.value_or(0), y.med.value_or(0), S::Med)) return *c;
  if (auto c = higher(a.from_ebgp(), b.from_ebgp(), S::EbgpOverIbgp)) return *c;
  if (auto c = lower(ca.igp_metric, cb.igp_metric, S::IgpMetric)) return *c;
  if (a.from_ebgp() && b.from_ebgp())
    if (auto c = lower(a.received, b.received, S::OldestEbgp)) return *c;
  if (auto c = lower(router_id(a), router_id(b), S::RouterId)) return *c;
  if (auto c = lower(x.cluster_list.size(), y.cluster_list.size(), S::ClusterListLength)) return *c;
  return Comparison{a.peer_address <= b.peer_address, S::NeighborAddress};
}

std::optional<Decision> select_best(std::span<const Path* const> candidates,
                                    const NextHopResolver& resolver) {
  std::vector<Candidate> eligible;
  std::vector<std::size_t> index;  // eligible[i] is candidates[index[i]]
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Path* p = candidates[i];
    if (p->locally_originated()) {
      eligible.push_back(Candidate{p, 0});
    } else {
      auto r = resolver.resolve(p->next_hop);
      if (!r || !r->reachable) continue;
      eligible.push_back(Candidate{p, r->igp_metric});
    }
    index.push_back(i);
  }
  if (eligible.empty()) return std::nullopt;

  std::size_t best = 0;
  for (std::size_t i = 1; i < eligible.size(); ++i)
    if (!compare(eligible[best], eligible[i]).first_wins) best = i;

  Decision d{index[best], DecisionStep::OnlyPath};
  for (std::size_t i = 0; i < eligible.size(); ++i) {
    if (i == best) continue;
    DecisionStep step = compare(eligible[best], eligible[i]).step;
    if (d.reason == DecisionStep::OnlyPath || step > d.reason) d.reason = step;
  }
  return d;
}

}  // namespace l3vpn::bgp::rib
