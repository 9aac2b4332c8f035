// The seed lab's configs and what its PEs export; its `show ip route vrf` outputs (../shared/seeds/001_*.txt),
// route part verbatim, and how a rendered table is compared with them: from
// "Gateway of last resort" on, blank lines dropped, ages stripped (the seed's
// are wall-clock times of a running lab).
#pragma once

#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "config/parser.hpp"
#include "vpn/label_allocator.hpp"
#include "vpn/vrf_export.hpp"
#include "vpn/vrf_rib.hpp"

namespace seed_tables {

// One of the seed lab's configs (labs/inter-vrf-leaking/NAME.conf).
inline l3vpn::config::Config load(const std::string& name) {
  auto parsed = l3vpn::config::parse_config_file(std::string(L3VPN_SOURCE_DIR) + "/labs/inter-vrf-leaking/" + name +
                                                 ".conf");
  REQUIRE(parsed.ok());
  return parsed.config;
}

// What PE `self` knows without running BGP: every PE's exports (labels from a
// ledger per PE: R2 from 200, R3 from 300, R4 from 400), next hop its
// Loopback0, its own marked as its own.
inline std::vector<l3vpn::vpn::VpnRoute> known_at(const std::string& self) {
  std::vector<l3vpn::vpn::VpnRoute> known;
  for (const std::string pe : {"R2", "R3", "R4"}) {
    l3vpn::config::Config c = load(pe);
    const l3vpn::config::Interface* lo = c.find_interface("Loopback0");
    REQUIRE(lo != nullptr);
    REQUIRE(!lo->addresses.empty());
    l3vpn::vpn::LabelAllocator labels(pe == "R2" ? 200 : pe == "R3" ? 300 : 400, 499);
    auto routes = l3vpn::vpn::as_vpn_routes(l3vpn::vpn::vrf_exports(c, labels, l3vpn::core::TimePoint{}),
                                            lo->addresses.front().prefix.address.value, pe == self);
    known.insert(known.end(), routes.begin(), routes.end());
  }
  return known;
}

inline std::string strip_age(const std::string& line) {
  static const std::regex age(R"(, \d\d:\d\d:\d\d)");
  return std::regex_replace(line, age, "");
}

// The lines from "Gateway of last resort" on, blank lines dropped, ages stripped.
inline std::vector<std::string> body_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  bool started = false;
  for (std::string line; std::getline(in, line);) {
    started |= line.rfind("Gateway of last resort", 0) == 0;
    if (started && !line.empty()) out.push_back(strip_age(line));
  }
  return out;
}

inline void check_against_seed(const std::vector<std::string>& got, const std::string& seed) {
  std::vector<std::string> want = body_lines(seed);
  CHECK(std::multiset<std::string>(got.begin(), got.end()) == std::multiset<std::string>(want.begin(), want.end()));
  CHECK(got == want);  // the order too
}

// The seed's outputs, verbatim (route part).
inline const char* kR3Technique =
    "Gateway of last resort is 2.2.2.2 to network 0.0.0.0\n"
    "     10.0.0.0/8 is variably subnetted, 7 subnets, 2 masks\n"
    "C       10.10.10.1/32 is directly connected, Loopback10\n"
    "B       10.10.20.1/32 is directly connected, 01:16:46, Loopback20\n"
    "B       10.10.30.0/24 [200/30] via 2.2.2.2, 01:01:16\n"
    "B       10.10.30.1/32 is directly connected, 01:16:16, Loopback30\n"
    "B       10.10.30.254/32 [200/0] via 4.4.4.4, 01:10:46\n"
    "B       10.10.20.254/32 [200/0] via 4.4.4.4, 01:10:46\n"
    "B       10.10.10.254/32 [200/0] via 4.4.4.4, 01:10:46\n"
    "B*   0.0.0.0/0 [200/33] via 2.2.2.2, 01:34:02\n";

inline const char* kR3Commercial =
    "Gateway of last resort is 2.2.2.2 to network 0.0.0.0\n"
    "     10.0.0.0/32 is subnetted, 4 subnets\n"
    "B       10.10.10.1 is directly connected, 01:17:38, Loopback10\n"
    "C       10.10.20.1 is directly connected, Loopback20\n"
    "B       10.10.20.254 [200/0] via 4.4.4.4, 01:10:53\n"
    "B       10.10.10.254 [200/0] via 4.4.4.4, 01:10:53\n"
    "B*   0.0.0.0/0 [200/33] via 2.2.2.2, 01:34:09\n";

inline const char* kR3Serveurs =
    "Gateway of last resort is not set\n"
    "     10.0.0.0/8 is variably subnetted, 5 subnets, 2 masks\n"
    "B       10.10.10.1/32 is directly connected, 01:17:45, Loopback10\n"
    "B       10.10.30.0/24 [200/30] via 2.2.2.2, 01:01:30\n"
    "C       10.10.30.1/32 is directly connected, Loopback30\n"
    "B       10.10.30.254/32 [200/0] via 4.4.4.4, 01:11:00\n"
    "B       10.10.10.254/32 [200/0] via 4.4.4.4, 01:11:00\n";

inline const char* kR2Serveurs =
    "Gateway of last resort is not set\n"
    "\n"
    "     10.0.0.0/8 is variably subnetted, 5 subnets, 2 masks\n"
    "B       10.10.10.1/32 [200/0] via 3.3.3.3, 00:00:30\n"
    "C       10.10.30.0/24 is directly connected, Loopback30\n"
    "B       10.10.30.1/32 [200/0] via 3.3.3.3, 00:00:30\n"
    "B       10.10.30.254/32 [200/0] via 4.4.4.4, 00:00:15\n"
    "B       10.10.10.254/32 [200/0] via 4.4.4.4, 00:00:15\n";

inline const char* kR2Internet =
    "Gateway of last resort is 172.33.33.2 to network 0.0.0.0\n"
    "\n"
    "     172.33.0.0/30 is subnetted, 1 subnets\n"
    "C       172.33.33.0 is directly connected, GigabitEthernet1/0\n"
    "     10.0.0.0/32 is subnetted, 4 subnets\n"
    "B       10.10.10.1 [200/0] via 3.3.3.3, 01:50:20\n"
    "B       10.10.20.1 [200/0] via 3.3.3.3, 01:49:35\n"
    "B       10.10.20.254 [200/0] via 4.4.4.4, 01:43:35\n"
    "B       10.10.10.254 [200/0] via 4.4.4.4, 01:43:35\n"
    "S*   0.0.0.0/0 [1/0] via 172.33.33.2\n";

// R4's, with the article's stray leading spaces removed.
inline const char* kR4Technique =
    "Gateway of last resort is 2.2.2.2 to network 0.0.0.0\n"
    "     10.0.0.0/8 is variably subnetted, 7 subnets, 2 masks\n"
    "B       10.10.10.1/32 [200/0] via 3.3.3.3, 01:48:52\n"
    "B       10.10.20.1/32 [200/0] via 3.3.3.3, 01:48:22\n"
    "B       10.10.30.0/24 [200/30] via 2.2.2.2, 01:32:37\n"
    "B       10.10.30.1/32 [200/0] via 3.3.3.3, 01:47:37\n"
    "B       10.10.30.254/32 is directly connected, 01:42:22, Loopback30\n"
    "B       10.10.20.254/32 is directly connected, 01:42:22, Loopback20\n"
    "C       10.10.10.254/32 is directly connected, Loopback10\n"
    "B*   0.0.0.0/0 [200/33] via 2.2.2.2, 02:05:23\n";

inline const char* kR4Commercial =
    "Gateway of last resort is 2.2.2.2 to network 0.0.0.0\n"
    "     10.0.0.0/32 is subnetted, 4 subnets\n"
    "B       10.10.10.1 [200/0] via 3.3.3.3, 01:48:59\n"
    "B       10.10.20.1 [200/0] via 3.3.3.3, 01:48:29\n"
    "C       10.10.20.254 is directly connected, Loopback20\n"
    "B       10.10.10.254 is directly connected, 01:42:29, Loopback10\n"
    "B*   0.0.0.0/0 [200/33] via 2.2.2.2, 02:05:29\n";

inline const char* kR4Serveurs =
    "Gateway of last resort is not set\n"
    "     10.0.0.0/8 is variably subnetted, 5 subnets, 2 masks\n"
    "B       10.10.10.1/32 [200/0] via 3.3.3.3, 01:49:05\n"
    "B       10.10.30.0/24 [200/30] via 2.2.2.2, 01:32:49\n"
    "B       10.10.30.1/32 [200/0] via 3.3.3.3, 01:47:50\n"
    "C       10.10.30.254/32 is directly connected, Loopback30\n"
    "B       10.10.10.254/32 is directly connected, 01:42:35, Loopback10\n";

}  // namespace seed_tables
