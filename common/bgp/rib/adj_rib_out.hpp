// Adj-RIB-Out (RFC 4271 section 3.2) for one peer and one address family:
// what we have told the peer. A withdrawal goes out only for a key that was
// advertised, and an advertisement equal to the one sent is not sent again.
//
// Changes are coalesced until take_pending(): a route advertised and then
// withdrawn before the flush never reaches the wire, and one replaced three
// times goes out once. Each entry is 24 bytes plus the key.
#pragma once

#include <optional>
#include <unordered_map>
#include <vector>

#include "bgp/rib/route.hpp"

namespace l3vpn::bgp::rib {

// A route as sent to one peer: the attributes after export (reflection,
// eBGP rules), interned again so peers that get the same ones share them.
struct OutRoute {
  AttributeHandle attributes;
  std::uint32_t next_hop = 0;
  Label label;
  bool operator==(const OutRoute&) const = default;
};

// What to send: an advertisement, or a withdrawal when `route` is empty.
struct OutChange {
  RouteKey key;
  std::optional<OutRoute> route;
};

class AdjRibOut {
 public:
  void advertise(const RouteKey& key, OutRoute route);
  void withdraw(const RouteKey& key);

  // The changes since the last call, in key order, net of any that undid
  // each other. What they say is then taken as sent.
  std::vector<OutChange> take_pending();
  bool has_pending() const { return !pending_.empty(); }

  // The whole table (session came up, or ROUTE-REFRESH): every route as an
  // advertisement, in key order, pending changes folded in.
  std::vector<OutChange> dump();

  const OutRoute* find(const RouteKey& key) const;
  std::size_t size() const { return sent_.size(); }
  // Every route as the peer has it (after the pending changes), any order.
  template <class F>
  void for_each(F&& f) const {
    for (const auto& [key, route] : sent_) f(key, route);
  }
  // Session down: nothing has been told to the next session.
  void clear();

 private:
  void remember_before(const RouteKey& key);

  std::unordered_map<RouteKey, OutRoute, RouteKeyHash> sent_;  // as of after the pending changes
  // Per key touched since the last flush: what the peer last received.
  std::unordered_map<RouteKey, std::optional<OutRoute>, RouteKeyHash> pending_;
};

}  // namespace l3vpn::bgp::rib
