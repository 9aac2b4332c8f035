// The hook through which the decision process asks about a BGP next hop
// (RFC 4271 section 9.1.2.1: a route whose NEXT_HOP does not resolve is not
// eligible), and a first implementation from the configuration alone.
//
// The IGP and LDP will implement NextHopResolver later (OSPF metric, LDP
// label toward the next hop); until then ConnectedStaticResolver answers from
// the global table's connected prefixes and static routes.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "config/model.hpp"

namespace l3vpn::bgp::rib {

struct NextHopResolution {
  bool reachable = false;
  std::uint32_t igp_metric = 0;
  std::optional<std::uint32_t> transport_label;  // LDP label toward the next hop, later
};

class NextHopResolver {
 public:
  virtual ~NextHopResolver() = default;
  // Nothing when no route covers the next hop.
  virtual std::optional<NextHopResolution> resolve(std::uint32_t next_hop) const = 0;
};

// Every next hop reachable at one IGP metric: for BGP-only simulations and
// benchmarks, where no IGP decides reachability.
class EveryNextHopReachable final : public NextHopResolver {
 public:
  explicit EveryNextHopReachable(std::uint32_t igp_metric = 10) : metric_(igp_metric) {}
  std::optional<NextHopResolution> resolve(std::uint32_t) const override {
    return NextHopResolution{true, metric_, std::nullopt};
  }

 private:
  std::uint32_t metric_;
};

// Longest match over connected prefixes (metric 0) and static routes (metric
// 0, as IOS reports a static route's metric to BGP). A static route to Null0
// resolves as unreachable: traffic sent there would be discarded. IOS would
// resolve through it; we prefer not to pick a path that blackholes.
class ConnectedStaticResolver final : public NextHopResolver {
 public:
  struct Entry {
    std::uint32_t address = 0;  // network form, host order
    std::uint8_t length = 0;
    bool discard = false;  // Null0
  };

  ConnectedStaticResolver() = default;
  explicit ConnectedStaticResolver(std::vector<Entry> entries) : entries_(std::move(entries)) {}
  // The global table's interface addresses (interfaces not shut down, not in
  // a VRF) and static routes without a VRF.
  static ConnectedStaticResolver from_config(const config::Config& config);

  std::optional<NextHopResolution> resolve(std::uint32_t next_hop) const override;
  // The longest entry covering `address`; nullptr when none does.
  const Entry* longest_match(std::uint32_t address) const;
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::vector<Entry> entries_;
};

}  // namespace l3vpn::bgp::rib
