// How much memory a route reflector spends per VPNv4 path: one million paths
// from 100 PEs in the RIB (Adj-RIB-In + Loc-RIB + interned attributes),
// measured with mallinfo2 around the load. Prints the figure and the target
// (at most 200 bytes per path), and the load rate.
//
//   bench_rr_memory [PATHS] [PATHS_PER_KEY]     (default 1000000 1)
//   bench_rr_memory --smoke                     (10,000 paths, checks the count)
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bgp/rib/attribute_set.hpp"
#include "bgp/rib/family_rib.hpp"
#include "bgp/rib/next_hop_resolver.hpp"

using namespace l3vpn::bgp;
using namespace l3vpn::bgp::rib;

namespace {

std::size_t heap_in_use() { return mallinfo2().uordblks; }

}  // namespace

int main(int argc, char** argv) {
  bool smoke = argc > 1 && std::string(argv[1]) == "--smoke";
  std::size_t paths = smoke ? 10'000 : (argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000);
  std::size_t per_key = !smoke && argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  if (per_key == 0) per_key = 1;
  constexpr std::uint32_t kPes = 100;
  constexpr std::uint32_t kVrfsPerPe = 20;  // 2,000 export policies: 2,000 attribute sets

  EveryNextHopReachable resolver;
  std::size_t before = heap_in_use();
  auto start = std::chrono::steady_clock::now();
  {
    AttributePool pool;
    FamilyRib rib(kVpnv4Unicast, resolver);
    std::size_t keys = paths / per_key;
    for (std::size_t k = 0; k < keys; ++k) {
      std::uint32_t vrf = static_cast<std::uint32_t>(k % (kPes * kVrfsPerPe));
      RouteKey key = RouteKey::vpnv4(WireRouteDistinguisher{(std::uint64_t{65000} << 32) | vrf},
                                     Prefix4{static_cast<std::uint32_t>(0x0A000000 + (k << 8)), 24});
      for (std::size_t copy = 0; copy < per_key; ++copy) {
        std::uint32_t pe = (vrf / kVrfsPerPe + static_cast<std::uint32_t>(copy)) % kPes;
        PathAttributes a;
        a.origin = Origin::Incomplete;
        a.as_path = std::vector<AsPathSegment>{};
        a.local_pref = 100;
        a.extended_communities = {ExtendedCommunity::route_target(0, 65000, vrf)};
        Path p;
        p.attributes = pool.intern(std::move(a));
        p.next_hop = 0x0AFF0000 + pe;
        p.peer_router_id = p.next_hop;
        p.peer_address = p.next_hop;
        p.peer = pe + 1;
        p.label = Label{16 + static_cast<std::uint32_t>(k % 1000)};
        rib.update(pe + 1, key, std::move(p));
      }
    }
    auto loaded = std::chrono::steady_clock::now();
    std::size_t used = heap_in_use() - before;
    std::size_t stored = rib.loc_rib().path_count();
    double seconds = std::chrono::duration<double>(loaded - start).count();
    std::printf("RR RIB: %zu VPNv4 paths (%zu keys, %zu paths per key), %zu attribute sets\n", stored,
                rib.loc_rib().size(), per_key, pool.size());
    std::printf("memory per VPNv4 path: %.1f bytes (target: at most 200)\n",
                static_cast<double>(used) / static_cast<double>(stored));
    std::printf("load rate: %.2f million paths/s\n", static_cast<double>(stored) / seconds / 1e6);
    if (stored != keys * per_key) {
      std::printf("FAILED: expected %zu paths\n", keys * per_key);
      return 1;
    }
  }
  return 0;
}
