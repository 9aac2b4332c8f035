// How a PE resolves the next hop of a VPNv4 route (RFC 4364 section 5): the
// remote PE's loopback must be reachable in the global table AND have a
// label-switched path, because the VPN label only means something to the
// egress PE; sent without a transport label, a packet would be routed by
// P routers that have no VRFs.
//
// Sources, longest match first, then the better administrative distance at
// one length (connected 0, static 1, OSPF 110):
//   connected and static  the ConnectedStaticResolver of the configuration:
//                         reachable, IGP metric 0, no LSP needed (a CE, or a
//                         lab without an IGP, as before the IGP existed)
//   OSPF                  the IGP's routes: the IGP metric is the OSPF cost,
//                         which feeds BGP best-path selection (RFC 4271
//                         9.1.2.2 e); when an LSP is required (LDP runs on
//                         this PE), the next hop needs an LDP forwarding entry
//                         for its /32 FEC, else it is inaccessible, as IOS
//                         shows such a route and does not use it.
// The transport label is the LDP out label (nothing for implicit null: the
// next hop's PE is our LDP neighbor and popped it for us).
//
// Pure and single-threaded: the daemon feeds it after every IGP or LFIB
// change and then asks the speaker to decide again.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bgp/rib/next_hop_resolver.hpp"

namespace l3vpn::vpn {

struct IgpPrefix {
  std::uint32_t address = 0;  // host order, host bits clear
  std::uint8_t length = 0;
  std::uint32_t metric = 0;
  bool operator==(const IgpPrefix&) const = default;
};

// The ingress end of an LSP toward one FEC (an IPv4 /32).
struct LspEntry {
  std::optional<std::uint32_t> out_label;  // nothing: implicit null (penultimate hop popped)
  std::uint32_t next_hop = 0;              // the IGP next hop the labelled packet leaves to
  std::string interface;
  bool operator==(const LspEntry&) const = default;
};

class LspResolver final : public bgp::rib::NextHopResolver {
 public:
  LspResolver() = default;

  void set_connected_static(bgp::rib::ConnectedStaticResolver base) { base_ = std::move(base); }
  void set_igp_routes(std::vector<IgpPrefix> routes);
  // FEC address (a /32) -> its LSP.
  void set_lsps(std::map<std::uint32_t, LspEntry> lsps) { lsps_ = std::move(lsps); }
  // True on a PE running LDP: next hops learned through the IGP need an LSP.
  void require_lsp(bool required) { require_lsp_ = required; }

  std::optional<bgp::rib::NextHopResolution> resolve(std::uint32_t next_hop) const override;

  // The LSP a resolved next hop uses (show ip cef, the lab simulator).
  const LspEntry* lsp(std::uint32_t next_hop) const;
  const std::vector<IgpPrefix>& igp_routes() const { return igp_; }
  const std::map<std::uint32_t, LspEntry>& lsps() const { return lsps_; }
  bool lsp_required() const { return require_lsp_; }

 private:
  const IgpPrefix* longest_igp_match(std::uint32_t address) const;

  bgp::rib::ConnectedStaticResolver base_;
  std::vector<IgpPrefix> igp_;
  std::map<std::uint32_t, LspEntry> lsps_;
  bool require_lsp_ = false;
};

}  // namespace l3vpn::vpn
