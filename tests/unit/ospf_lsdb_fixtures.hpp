// The seed lab as the LSDB tests see it: R1 11.11.11.11 (P) with
// point-to-point links to R2 22.22.22.22 on 192.168.12.0/24 and to R3
// 33.33.33.33 on 192.168.13.0/24 (R3: 192.168.13.3, Loopback0 3.3.3.3/32).
#pragma once

#include "core/clock.hpp"
#include "ospf/origination.hpp"

namespace lsdb_lab {

using namespace l3vpn::ospf;
using namespace std::chrono_literals;

constexpr std::uint32_t kR1 = 0x0B0B0B0B, kR2 = 0x16161616, kR3 = 0x21212121;
constexpr std::uint32_t kR1Link12 = 0xC0A80C01, kR2Link = 0xC0A80C02;
constexpr std::uint32_t kR1Link13 = 0xC0A80D01, kR3Link = 0xC0A80D03;
constexpr std::uint32_t kR3Loopback = 0x03030303;
constexpr std::uint32_t kMask24 = 0xFFFFFF00;

inline const l3vpn::core::TimePoint kT0 = l3vpn::core::TimePoint{} + 1000s;

// R3's router-LSA as R3 originates it with its adjacency to R1 Full.
inline Lsa r3_router_lsa(std::uint32_t sequence = kInitialSequenceNumber, std::uint16_t age = 0) {
  RouterLsaInput in;
  in.router_id = kR3;
  RouterLsaInterface lo;
  lo.state = InterfaceState::Loopback;
  lo.loopback = true;
  lo.address = kR3Loopback;
  lo.mask = 0xFFFFFFFF;
  RouterLsaInterface gi;
  gi.state = InterfaceState::PointToPoint;
  gi.type = NetworkType::PointToPoint;
  gi.address = kR3Link;
  gi.mask = kMask24;
  gi.full_neighbor_router_id = kR1;
  in.interfaces = {lo, gi};
  Lsa lsa = finish_lsa(ls_type::Router, kR3, kR3, 0x02, sequence, build_router_lsa_body(in));
  lsa.header.age = age;  // not covered by the checksum
  return lsa;
}

}  // namespace lsdb_lab
