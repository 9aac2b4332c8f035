// Loc-RIB (RFC 4271 section 3.2) for one address family: per key, every
// candidate path (one per peer, pointing into that peer's Adj-RIB-In, as
// Cisco's BGP table lists all paths) and the one the decision process chose.
//
// It never owns a path: FamilyRib keeps it in step with the Adj-RIBs-In, and
// unlinks a path before its Adj-RIB-In erases it.
#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "bgp/rib/decision.hpp"
#include "bgp/rib/route.hpp"

namespace l3vpn::bgp::rib {

struct LocRibEntry {
  // Newest first: the order IOS compares them in. Most keys have one or two
  // paths; keeping one inline saves a heap block per key (about 30 bytes of
  // the 200-byte budget per path on a route reflector).
  boost::container::small_vector<const Path*, 1> paths;
  const Path* best = nullptr;      // nothing when no path is eligible
  DecisionStep reason = DecisionStep::OnlyPath;
};

// The best path of a key changed: a new best, the same best with new
// attributes, or no best any more (withdraw it everywhere).
struct BestPathChange {
  RouteKey key;
  const Path* best = nullptr;
  DecisionStep reason = DecisionStep::OnlyPath;
};

class LocRib {
 public:
  // A new candidate, placed first (newest).
  void link(const RouteKey& key, const Path* path);
  // A path moved to the front after a replacement: it is the newest again.
  void touch(const RouteKey& key, const Path* path);
  void unlink(const RouteKey& key, const Path* path);

  // Runs the decision process for `key`. Reports a change when the best path
  // is another one, or is `changed` (a path whose content was replaced).
  std::optional<BestPathChange> select(const RouteKey& key, const NextHopResolver& resolver,
                                       const Path* changed = nullptr);
  // Every key again, after next-hop reachability or metrics changed.
  std::vector<BestPathChange> select_all(const NextHopResolver& resolver);

  const LocRibEntry* find(const RouteKey& key) const;
  std::size_t size() const { return entries_.size(); }  // keys with at least one path
  std::size_t path_count() const;
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [key, entry] : entries_) f(key, entry);
  }

 private:
  std::unordered_map<RouteKey, LocRibEntry, RouteKeyHash> entries_;
};

}  // namespace l3vpn::bgp::rib
