// VPNv4 UPDATE decode throughput: how many labeled VPN-IPv4 NLRI one core
// decodes per second from realistic, fully packed 4096-byte UPDATEs.
//
// Each UPDATE is what a PE or route reflector sends for a table dump: shared
// attributes (ORIGIN, AS_PATH, MED, LOCAL_PREF, two route-target extended
// communities) and one MP_REACH_NLRI (AFI 1 / SAFI 128, next hop RD 0 + IPv4)
// packed with as many NLRI as fit: one label, RD type 0, /24 to /32 prefixes.
//
// Usage: bench_bgp_decode [--seconds S]   decode for S seconds (default 3)
//        bench_bgp_decode --smoke         a few iterations; checks the counts
// Target: >= 20 million NLRI per second per core (a full-table VPNv4 RR
// restart of a few million routes in well under a second of decode time).
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <vector>

#include "bgp/codec/message.hpp"
#include "bgp/codec/update.hpp"

using namespace l3vpn::bgp;
using Clock = std::chrono::steady_clock;

namespace {

constexpr double kTargetPerSecond = 20e6;
constexpr std::size_t kMessages = 64;  // distinct UPDATEs, cycled (~256 KiB: past L2, like real input)

// Deterministic pseudo-random numbers (xorshift), so every run decodes the same bytes.
struct Rng {
  std::uint64_t s = 0x9E3779B97F4A7C15ull;
  std::uint32_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return static_cast<std::uint32_t>(s >> 16);
  }
};

std::size_t vpn_nlri_size(const VpnNlri& n) { return 1 + 3 * n.labels.size() + 8 + (n.prefix.length + 7u) / 8u; }

struct Workload {
  std::vector<std::vector<std::uint8_t>> bodies;  // UPDATE bodies, after the header
  std::vector<Update> updates;                     // what each body must decode to
  std::size_t nlri = 0;                            // NLRI over all bodies
};

Workload build(Rng& rng) {
  Workload w;
  for (std::size_t m = 0; m < kMessages; ++m) {
    Update u;
    u.attributes.origin = Origin::Igp;
    u.attributes.as_path = std::vector<AsPathSegment>{};  // iBGP
    u.attributes.med = 0;
    u.attributes.local_pref = 100;
    u.attributes.extended_communities = {ExtendedCommunity::route_target(0, 65103, 100 + rng.next() % 50),
                                         ExtendedCommunity::route_target(0, 65103, 4444)};
    u.mp_reach = MpReach{kVpnv4Unicast, 0x02020202, {}, {}};
    // Room for NLRI: 4096 less the message without any, less 1 byte because the
    // MP_REACH length grows to 2 bytes (extended length) once it passes 255.
    std::size_t room = kMaxMessageLength - encode_update(u).size() - 1;
    const std::uint64_t rd = (std::uint64_t{65103} << 32) | (1000 + rng.next() % 100);  // type 0
    while (true) {
      auto length = static_cast<std::uint8_t>(24 + rng.next() % 9);  // /24 .. /32
      std::uint32_t mask = ~std::uint32_t{0} << (32 - length);
      VpnNlri n{{16 + rng.next() % 1000000}, WireRouteDistinguisher{rd}, Prefix4{(0x0A000000u | (rng.next() & 0x00FFFFFFu)) & mask, length}};
      if (vpn_nlri_size(n) > room) break;
      room -= vpn_nlri_size(n);
      u.mp_reach->vpn.push_back(std::move(n));
    }
    auto message = encode_update(u);
    if (message.size() > kMaxMessageLength) {
      std::fprintf(stderr, "built an UPDATE of %zu bytes, more than %zu\n", message.size(), kMaxMessageLength);
      std::exit(1);
    }
    w.nlri += u.mp_reach->vpn.size();
    w.bodies.emplace_back(message.begin() + static_cast<long>(kHeaderLength), message.end());
    w.updates.push_back(std::move(u));
  }
  return w;
}

// One pass over every body; returns the NLRI decoded, 0 on any decode error.
std::size_t decode_all(const Workload& w) {
  std::size_t n = 0;
  for (const auto& body : w.bodies) {
    UpdateDecodeResult r = decode_update(body);
    if (r.action != ErrorAction::None || !r.update.mp_reach) return 0;
    n += r.update.mp_reach->vpn.size();
  }
  return n;
}

int smoke(const Workload& w) {
  for (std::size_t i = 0; i < w.bodies.size(); ++i) {
    UpdateDecodeResult r = decode_update(w.bodies[i]);
    if (r.action != ErrorAction::None || !(r.update == w.updates[i])) {
      std::fprintf(stderr, "UPDATE %zu does not decode to what was encoded\n", i);
      return 1;
    }
  }
  for (int i = 0; i < 10; ++i) {
    std::size_t n = decode_all(w);
    if (n != w.nlri) {
      std::fprintf(stderr, "decoded %zu NLRI, expected %zu\n", n, w.nlri);
      return 1;
    }
  }
  std::printf("smoke: %zu UPDATEs, %zu VPNv4 NLRI (%.1f per UPDATE) decoded 10 times, counts right\n",
              w.bodies.size(), w.nlri, static_cast<double>(w.nlri) / static_cast<double>(w.bodies.size()));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = 3.0;
  bool smoke_mode = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--smoke") == 0) {
      smoke_mode = true;
    } else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
      seconds = std::atof(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: %s [--seconds S | --smoke]\n", argv[0]);
      return 2;
    }
  }
  Rng rng;
  const Workload w = build(rng);
  if (smoke_mode) return smoke(w);

  std::size_t bytes = 0;
  for (const auto& b : w.bodies) bytes += b.size() + kHeaderLength;
  std::printf("workload: %zu UPDATEs of ~%zu bytes, %zu VPNv4 NLRI (%.1f per UPDATE)\n", w.bodies.size(),
              bytes / w.bodies.size(), w.nlri, static_cast<double>(w.nlri) / static_cast<double>(w.bodies.size()));
  decode_all(w);  // warm up caches and the allocator
  std::size_t decoded = 0;
  auto start = Clock::now();
  auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
  Clock::time_point now;
  do {
    std::size_t n = decode_all(w);
    if (n != w.nlri) {
      std::fprintf(stderr, "decode error: %zu NLRI of %zu\n", n, w.nlri);
      return 1;
    }
    decoded += n;
    now = Clock::now();
  } while (now < deadline);
  double elapsed = std::chrono::duration<double>(now - start).count();
  double rate = static_cast<double>(decoded) / elapsed;
  std::printf("VPNv4 NLRI decoded: %.0f/s per core (%.1f ns per NLRI, %.2f s)\n", rate, 1e9 / rate, elapsed);
  std::printf("target: >= %.0f/s per core: %s\n", kTargetPerSecond, rate >= kTargetPerSecond ? "met" : "NOT met");
  return 0;
}
