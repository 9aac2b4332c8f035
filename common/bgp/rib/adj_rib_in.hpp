// Adj-RIB-In (RFC 4271 section 3.2): the paths one peer has advertised to us
// in one address family, as they stand after its last UPDATE. It owns them;
// the Loc-RIB points at them (a Path stays where it is until withdrawn, so
// the pointers hold across other inserts).
//
// No inbound policy yet: what the peer sent is what is stored.
#pragma once

#include <unordered_map>
#include <vector>

#include "bgp/rib/route.hpp"

namespace l3vpn::bgp::rib {

class AdjRibIn {
 public:
  enum class Change { None, Added, Replaced };

  explicit AdjRibIn(PeerId peer) : peer_(peer) {}
  AdjRibIn(const AdjRibIn&) = delete;  // the Loc-RIB points into it
  AdjRibIn& operator=(const AdjRibIn&) = delete;

  // A newer advertisement replaces the older one (RFC 4271 section 9).
  // Replaced in place, so pointers to the path stay valid. An identical
  // re-advertisement changes nothing, not even the path's age.
  Change update(const RouteKey& key, Path path);
  // The path the key had, so the caller can unlink it before erase().
  const Path* find(const RouteKey& key) const;
  // True when the key was there.
  bool erase(const RouteKey& key);
  // Session down (RFC 4271 section 8.2.2, "deletes all routes"): every key
  // this peer had, to withdraw from the Loc-RIB before clear().
  std::vector<RouteKey> keys() const;
  void clear() { paths_.clear(); }

  PeerId peer() const { return peer_; }
  std::size_t size() const { return paths_.size(); }

 private:
  PeerId peer_;
  std::unordered_map<RouteKey, Path, RouteKeyHash> paths_;
};

}  // namespace l3vpn::bgp::rib
