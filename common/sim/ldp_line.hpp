// A line of LSRs on the in-process network, each running LDP through an
// LdpNode: R1 - R2 - ... - RN, the scenario tests' and the convergence
// bench's topology.
//
// Router i (from 1) has loopback i.i.i.i/32 (its LSR ID and transport
// address); the link between routers i and i+1 is segment "R<i>-R<i+1>"
// with 10.0.i.1 on the left router's "Gi0/1" and 10.0.i.2 on the right
// router's "Gi0/0". igp_routes() is what OSPF would compute on that line:
// every loopback, local on its owner, elsewhere via the neighbor toward it;
// extra prefixes can hang behind the last router (the bench's 1,000 FECs).
//
// Single-threaded; limits: 2 to 254 routers. Throws std::invalid_argument
// outside them (a programming error of the test, not input).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "netsim/network.hpp"
#include "sim/ldp_netsim.hpp"

namespace l3vpn::sim {

struct LdpLineOptions {
  std::vector<std::string> names;             // one per router, left to right
  std::uint16_t keepalive_time = 180;
  std::uint16_t hello_hold_time = ldp::kDefaultLinkHelloHoldTime;
  std::map<std::string, std::map<std::uint32_t, std::string>> passwords;  // router -> LSR ID -> password
  core::Duration link_latency = std::chrono::milliseconds(1);
};

class LdpLine {
 public:
  explicit LdpLine(LdpLineOptions options);
  LdpLine(const LdpLine&) = delete;
  LdpLine& operator=(const LdpLine&) = delete;
  ~LdpLine();

  static std::uint32_t loopback(std::size_t index) {  // index from 0
    const auto i = static_cast<std::uint32_t>(index + 1);
    return i << 24 | i << 16 | i << 8 | i;
  }
  static std::uint32_t link_address(std::size_t left_index, bool right_end) {  // 10.0.(left+1).(1|2)
    return 0x0A000000u | static_cast<std::uint32_t>(left_index + 1) << 8 | (right_end ? 2u : 1u);
  }

  // The IGP table of router `index`; `behind_last`: prefixes reached through the last router.
  std::vector<ldp::IgpRoute> igp_routes(std::size_t index, const std::vector<ldp::Fec>& behind_last = {}) const;
  // Gives every router its table.
  void install_igp(const std::vector<ldp::Fec>& behind_last = {});
  void start();

  std::size_t size() const { return nodes_.size(); }
  LdpNode& at(std::size_t index) { return *nodes_.at(index); }
  LdpNode& operator[](const std::string& name);
  netsim::Segment& link(std::size_t left_index) { return *links_.at(left_index); }
  std::size_t index_of(const std::string& name) const;

  netsim::Network network;

 private:
  LdpLineOptions options_;
  std::vector<std::unique_ptr<vpn::LabelAllocator>> labels_;
  std::vector<std::unique_ptr<LdpNode>> nodes_;
  std::vector<netsim::Segment*> links_;
};

}  // namespace l3vpn::sim
