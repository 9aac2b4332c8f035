// The backbone the dataplane tests share, filled by hand the way OSPF, LDP and
// BGP would fill it in the seed lab (labs/inter-vrf-leaking), cut down to two
// PEs and the P router between them:
//
//   R3 (PE, 3.3.3.3)  Gi0/0 192.168.13.3 --- 192.168.13.1 Gi0/3  R1 (P, 1.1.1.1)
//   R1 Gi0/4 192.168.14.1 --- 192.168.14.4 Gi0/0  R4 (PE, 4.4.4.4)
//
// VRF Technique: R3 Loopback10 10.10.10.1/32, R4 Loopback10 10.10.10.254/32;
// VRF Commercial on R3: Loopback20 10.10.20.1/32.
// LDP: R1 binds 16 to 3.3.3.3/32 and 17 to 4.4.4.4/32; both PEs advertise
// implicit null for their own loopback, so R1 pops (PHP).
// BGP: per-VRF VPN labels, R3's Technique 21, R4's Technique 20.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/fib.hpp"
#include "sim/packet_walk.hpp"

namespace dataplane_fixtures {

using namespace l3vpn::sim;

inline Ipv4Address a(const char* text) { return *Ipv4Address::parse(text); }
inline Ipv4Prefix p(const char* text) { return *Ipv4Prefix::parse(text); }

inline constexpr MplsLabel kR1LabelForR3 = 16;
inline constexpr MplsLabel kR1LabelForR4 = 17;
inline constexpr MplsLabel kR4TechniqueLabel = 20;
inline constexpr MplsLabel kR3TechniqueLabel = 21;

inline const Endpoint kTechniqueR3{"R3", "Technique", a("10.10.10.1")};
inline const Endpoint kTechniqueR4{"R4", "Technique", a("10.10.10.254")};
inline const Endpoint kCommercialR3{"R3", "Commercial", a("10.10.20.1")};

// Nodes, interfaces (with their connected routes) and links only.
inline Dataplane backbone_links() {
  Dataplane d;
  NodeFib& r1 = d.add_node("R1");
  r1.add_interface({"Loopback0", {p("1.1.1.1/32")}, ""});
  r1.add_interface({"GigabitEthernet0/3", {p("192.168.13.1/24")}, ""});
  r1.add_interface({"GigabitEthernet0/4", {p("192.168.14.1/24")}, ""});
  NodeFib& r3 = d.add_node("R3");
  r3.add_interface({"Loopback0", {p("3.3.3.3/32")}, ""});
  r3.add_interface({"GigabitEthernet0/0", {p("192.168.13.3/24")}, ""});
  r3.add_interface({"Loopback10", {p("10.10.10.1/32")}, "Technique"});
  r3.add_interface({"Loopback20", {p("10.10.20.1/32")}, "Commercial"});
  NodeFib& r4 = d.add_node("R4");
  r4.add_interface({"Loopback0", {p("4.4.4.4/32")}, ""});
  r4.add_interface({"GigabitEthernet0/0", {p("192.168.14.4/24")}, ""});
  r4.add_interface({"Loopback10", {p("10.10.10.254/32")}, "Technique"});
  d.connect({{"R3", "GigabitEthernet0/0"}, {"R1", "GigabitEthernet0/3"}});
  d.connect({{"R1", "GigabitEthernet0/4"}, {"R4", "GigabitEthernet0/0"}});
  return d;
}

// What OSPF and LDP give the backbone: loopback routes and the LFIBs.
inline void add_igp_and_ldp(Dataplane& d) {
  NodeFib& r1 = *d.node("R1");
  r1.table("").add({p("3.3.3.3/32"), Via{a("192.168.13.3"), "GigabitEthernet0/3", {}},
                    "O 3.3.3.3/32 [110/2] via 192.168.13.3, GigabitEthernet0/3"});
  r1.table("").add({p("4.4.4.4/32"), Via{a("192.168.14.4"), "GigabitEthernet0/4", {}},
                    "O 4.4.4.4/32 [110/2] via 192.168.14.4, GigabitEthernet0/4"});
  r1.lfib().add({kR1LabelForR3, Pop{a("192.168.13.3"), "GigabitEthernet0/3"},
                 "LDP 3.3.3.3/32: implicit null from 3.3.3.3"});
  r1.lfib().add({kR1LabelForR4, Pop{a("192.168.14.4"), "GigabitEthernet0/4"},
                 "LDP 4.4.4.4/32: implicit null from 4.4.4.4"});
  d.node("R3")->table("").add({p("4.4.4.4/32"), Via{a("192.168.13.1"), "GigabitEthernet0/0", {kR1LabelForR4}},
                               "O 4.4.4.4/32 [110/3] via 192.168.13.1, LSP label 17"});
  d.node("R4")->table("").add({p("3.3.3.3/32"), Via{a("192.168.14.1"), "GigabitEthernet0/0", {kR1LabelForR3}},
                               "O 3.3.3.3/32 [110/3] via 192.168.14.1, LSP label 16"});
}

// What BGP gives VRF Technique on both PEs: the remote site's loopback with
// [LSP label, VPN label], and the PE's own VPN label in its LFIB.
inline void add_technique_vpn(Dataplane& d) {
  NodeFib& r3 = *d.node("R3");
  r3.table("Technique").add({p("10.10.10.254/32"),
                             Via{a("192.168.13.1"), "GigabitEthernet0/0", {kR1LabelForR4, kR4TechniqueLabel}},
                             "B 10.10.10.254/32 [200/0] via 4.4.4.4, RT 65103:1111, VPN label 20, LSP label 17"});
  r3.lfib().add({kR3TechniqueLabel, PopAndLookup{"Technique"}, "VPN label of vrf Technique (per-VRF)"});
  NodeFib& r4 = *d.node("R4");
  r4.table("Technique").add({p("10.10.10.1/32"),
                             Via{a("192.168.14.1"), "GigabitEthernet0/0", {kR1LabelForR3, kR3TechniqueLabel}},
                             "B 10.10.10.1/32 [200/0] via 3.3.3.3, RT 65103:1111, VPN label 21, LSP label 16"});
  r4.lfib().add({kR4TechniqueLabel, PopAndLookup{"Technique"}, "VPN label of vrf Technique (per-VRF)"});
}

inline Dataplane backbone_with_technique() {
  Dataplane d = backbone_links();
  add_igp_and_ldp(d);
  add_technique_vpn(d);
  return d;
}

inline std::vector<std::string> nodes_of(const Walk& walk) {
  std::vector<std::string> out;
  for (const WalkStep& s : walk.steps) out.push_back(s.node);
  return out;
}

}  // namespace dataplane_fixtures
