#include "bgp/rib/attribute_set.hpp"

#include <cassert>

namespace l3vpn::bgp::rib {
namespace {

// boost::hash_combine's mixing, without the Boost include in a pure layer.
void mix(std::size_t& seed, std::size_t value) {
  seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
}

template <class T>
void mix_optional(std::size_t& seed, const std::optional<T>& v) {
  mix(seed, v.has_value());
  if (v) mix(seed, static_cast<std::size_t>(*v));
}

}  // namespace

std::size_t hash_value(const PathAttributes& a) {
  std::size_t seed = 0;
  mix(seed, a.origin ? static_cast<std::size_t>(*a.origin) + 1 : 0);
  mix(seed, a.as_path.has_value());
  if (a.as_path) {
    for (const AsPathSegment& s : *a.as_path) {
      mix(seed, s.type);
      for (std::uint32_t asn : s.asns) mix(seed, asn);
    }
  }
  mix_optional(seed, a.next_hop);
  mix_optional(seed, a.med);
  mix_optional(seed, a.local_pref);
  mix(seed, a.atomic_aggregate);
  if (a.aggregator) {
    mix(seed, a.aggregator->asn);
    mix(seed, a.aggregator->address);
  }
  for (std::uint32_t c : a.communities) mix(seed, c);
  mix_optional(seed, a.originator_id);
  for (std::uint32_t c : a.cluster_list) mix(seed, c);
  for (const ExtendedCommunity& c : a.extended_communities)
    for (std::uint8_t b : c.bytes) mix(seed, b);
  for (const RawAttribute& r : a.unknown_transitive) {
    mix(seed, r.type);
    for (std::uint8_t b : r.value) mix(seed, b);
  }
  return seed;
}

AttributePool::~AttributePool() {
  // A handle outliving its pool would point into freed memory.
  assert(sets_.empty() && "AttributePool destroyed while routes still hold its handles");
}

AttributeHandle AttributePool::intern(PathAttributes attributes) {
  std::size_t hash = hash_value(attributes);
  auto [first, last] = sets_.equal_range(hash);
  for (auto it = first; it != last; ++it)
    if (it->second->attributes_ == attributes) return AttributeHandle(it->second.get());
  auto set = std::unique_ptr<AttributeSet>(new AttributeSet(std::move(attributes), hash, *this));
  AttributeSet* raw = set.get();
  sets_.emplace(hash, std::move(set));
  return AttributeHandle(raw);
}

void AttributePool::forget(AttributeSet* set) {
  auto [first, last] = sets_.equal_range(set->hash_);
  for (auto it = first; it != last; ++it) {
    if (it->second.get() == set) {
      sets_.erase(it);
      return;
    }
  }
}

}  // namespace l3vpn::bgp::rib
