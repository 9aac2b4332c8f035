// The Label Information Base of RFC 5036 section 2.6 as this router runs it:
// Downstream Unsolicited advertisement, Independent control, Liberal
// retention, IPv4 prefix FECs (the IGP prefixes the instance selects: /32
// loopbacks by default, see ldp/fec_selection.hpp).
//
// For each FEC: the local label (from the vpn::LabelAllocator shared with BGP,
// owner "ldp:A.B.C.D/N"; implicit null for this router's own FECs, so the
// penultimate hop pops), the label learned from every peer (kept even when
// that peer is not the next hop: liberal retention), and the forwarding entry
// derived from the IGP next hop: the peer whose Address message listed the
// next hop address gives the outgoing label.
//
// Pure: each event returns the messages to send, per peer (ids 0: the
// session numbers them), and the LFIB changes. Not thread-safe.
//
// Left out: Label Request / Abort (DoD), loop detection, holding a withdrawn
// local label until every peer released it (the allocator holds a released
// label down for a fixed time instead: vpn/label_allocator.hpp), label ranges
// per peer.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "ldp/codec/messages.hpp"
#include "vpn/label_allocator.hpp"

namespace l3vpn::ldp {

// An IPv4 prefix FEC; bits past the length are zero.
struct Fec {
  std::uint32_t address = 0;
  std::uint8_t length = 32;
  auto operator<=>(const Fec&) const = default;

  static Fec of(std::uint32_t address, std::uint8_t length = 32);
  static Fec of(const PrefixFec& p) { return of(p.address, p.length); }
  PrefixFec element() const { return PrefixFec{address, length}; }
  std::string str() const;  // "3.3.3.3/32"
};

// What the IGP says about a FEC.
struct IgpRoute {
  Fec fec;
  bool local = false;            // this router's own (loopback): implicit null, no LFIB entry
  std::uint32_t next_hop = 0;    // when not local
  std::string interface;
  bool operator==(const IgpRoute&) const = default;
};

// One LFIB entry: a labelled packet for `in_label` leaves with `out_label`
// (kImplicitNullLabel: pop) toward next_hop on interface. The same entry is
// the ingress (FTN) rule: an IP packet to `fec` gets `out_label` pushed
// (nothing when implicit null).
struct ForwardingEntry {
  Fec fec;
  std::uint32_t in_label = 0;
  std::uint32_t out_label = 0;
  std::uint32_t next_hop = 0;
  std::string interface;
  LdpId peer;  // whose label out_label is
  bool pop() const { return out_label == kImplicitNullLabel; }
  bool operator==(const ForwardingEntry&) const = default;
};

struct LfibChange {
  enum class Kind { Install, Remove };  // Install replaces the FEC's previous entry
  Kind kind = Kind::Install;
  ForwardingEntry entry;
  bool operator==(const LfibChange&) const = default;
};

struct PeerMessage {
  LdpId peer;
  Message message;
};

struct LibOutput {
  std::vector<PeerMessage> messages;
  std::vector<LfibChange> lfib;
};

class Lib {
 public:
  // `local_addresses`: this router's interface addresses, sent in an Address
  // message to every peer whose session comes up.
  Lib(vpn::LabelAllocator& labels, std::vector<std::uint32_t> local_addresses);

  // IGP events. fec_updated adds a FEC or changes its next hop. `now` is
  // when a local label released here starts its hold-down.
  LibOutput fec_updated(const IgpRoute& route, core::TimePoint now);
  LibOutput fec_removed(const Fec& fec, core::TimePoint now);

  // Session events.
  LibOutput session_up(LdpId peer);
  LibOutput session_down(LdpId peer);

  // Messages from an operational peer.
  LibOutput address_received(LdpId peer, const AddressMessage& m);
  LibOutput label_mapping_received(LdpId peer, const LabelMessage& m);
  LibOutput label_withdraw_received(LdpId peer, const LabelMessage& m);
  LibOutput label_release_received(LdpId peer, const LabelMessage& m);

  // Views.
  std::optional<std::uint32_t> local_label(const Fec& fec) const;
  std::optional<std::uint32_t> remote_label(const Fec& fec, LdpId peer) const;
  std::map<LdpId, std::uint32_t> remote_labels(const Fec& fec) const;
  std::optional<ForwardingEntry> forwarding(const Fec& fec) const;
  // The label for `fec` from the operational peer whose Address message
  // listed `next_hop`: the out label of an equal-cost path that is not the
  // IGP route's first next hop (ECMP, sim/dataplane_fill). Nothing when no
  // such peer or no mapping from it.
  std::optional<std::uint32_t> label_via(const Fec& fec, std::uint32_t next_hop) const;
  const std::map<Fec, ForwardingEntry>& lfib() const { return installed_; }
  // Every FEC known (an IGP route, a local label or a peer's label), in order.
  std::vector<Fec> fecs() const {
    std::vector<Fec> out;
    for (const auto& entry : fecs_) out.push_back(entry.first);
    return out;
  }
  // The FECs a peer holds our mapping for (advertised, not yet released).
  std::set<Fec> advertised_to(LdpId peer) const;

 private:
  struct FecState {
    std::optional<IgpRoute> route;
    std::optional<std::uint32_t> local_label;
    std::map<LdpId, std::uint32_t> remote;
  };
  struct PeerState {
    bool operational = false;
    std::set<std::uint32_t> addresses;
    std::set<Fec> advertised;
  };

  LabelMessage mapping(const Fec& fec, std::uint32_t label) const;
  std::optional<LdpId> peer_with_address(std::uint32_t address) const;
  std::optional<ForwardingEntry> desired(const Fec& fec, const FecState& s) const;
  void reconcile(const Fec& fec, LibOutput& out);
  void reconcile_all(LibOutput& out);
  void forget_if_empty(const Fec& fec);

  vpn::LabelAllocator& labels_;
  std::vector<std::uint32_t> local_addresses_;
  std::map<Fec, FecState> fecs_;
  std::map<LdpId, PeerState> peers_;
  std::map<Fec, ForwardingEntry> installed_;
};

}  // namespace l3vpn::ldp
