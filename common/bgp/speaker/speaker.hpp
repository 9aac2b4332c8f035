// The BGP speaker: every configured peer's session, the RIB of each address
// family, and what flows between them: UPDATEs in go through the loop checks
// into the Adj-RIB-In and the decision process; best-path changes go out,
// through the reflection rules, to each peer's Adj-RIB-Out and packed UPDATEs.
// The same engine runs the route reflector and the PE (whose VRFs originate
// and import routes through originate()/withdraw_local() and on_best_change).
//
// Transports come from a factory, so a daemon uses Asio TCP and the
// simulator netsim streams. Single-threaded, driven by the timer service and
// the transports' callbacks.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "bgp/peer_config.hpp"
#include "bgp/rib/adj_rib_out.hpp"
#include "bgp/rib/attribute_set.hpp"
#include "bgp/rib/family_rib.hpp"
#include "bgp/rib/next_hop_resolver.hpp"
#include "bgp/rib/reflection.hpp"
#include "bgp/speaker/peer_session.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"

namespace l3vpn::bgp {

class TransportFactory {
 public:
  virtual ~TransportFactory() = default;
  virtual std::unique_ptr<PeerTransport> make(const PeerConfig& peer) = 0;
};

struct SpeakerPeer {
  PeerConfig config;
  rib::PeerId id = 0;
  std::unique_ptr<PeerTransport> transport;
  std::unique_ptr<PeerSession> session;
  std::map<AfiSafi, rib::AdjRibOut> out;  // per negotiated family
  rib::PeerInfo info;                     // role, identity, families once Established
  std::uint32_t prefixes_received = 0;
  std::uint64_t inbound_filtered = 0;  // advertisements the inbound filter dropped
};

// Decides, per advertised VPN route (MP_REACH VPN NLRI) of a peer, whether the speaker keeps it
// (the PE's default route-target filter, vpn/route_target_filter.hpp). A
// route it refuses is not stored: treated as a withdrawal of that key.
using InboundFilter = std::function<bool(AfiSafi, const rib::RouteKey&, const PathAttributes&)>;

class Speaker {
 public:
  Speaker(BgpInstanceConfig config, core::TimerService& timers, const core::Clock& clock,
          TransportFactory& transports, const rib::NextHopResolver& resolver, const core::Logger& log);
  ~Speaker();
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  // Starts every peer not shut down.
  void start();

  // An incoming connection from `remote`: the session that takes it (after
  // `adopt` installs it), or nullptr when it must be closed (unknown peer,
  // shut down, Established, or a collision our connection wins: RFC 4271
  // 6.8, the connection opened by the higher BGP identifier survives; before
  // the peer's OPEN is read, the two ends' addresses stand for the
  // identifiers on both sides, so both keep the same connection: they are
  // the identifiers for loopback-sourced iBGP, rarely for eBGP).
  PeerSession* incoming(std::uint32_t remote, const std::function<void(SpeakerPeer&)>& adopt);

  // Routes this router originates (VRF export, network statements).
  void originate(AfiSafi family, const rib::RouteKey& key, PathAttributes attributes, rib::Label label);
  void withdraw_local(AfiSafi family, const rib::RouteKey& key);
  // Next hops may resolve differently now (IGP change): decide again.
  void reresolve();
  // The IGP changed: peers in Active try to connect again now (a peer's
  // address may have become reachable), as FRR does on next-hop tracking.
  void retry_connects();

  // `clear ip bgp X soft out`: the peer's whole Adj-RIB-Out again.
  // `clear ip bgp X soft in`: ask the peer for its routes again with a
  // ROUTE-REFRESH per family (RFC 2918), when it announced the capability.
  // False when the peer is unknown or not Established.
  bool soft_reset_out(std::uint32_t address);
  bool soft_reset_in(std::uint32_t address);

  // The inbound filter (none: keep everything). Routes already stored are
  // not judged again until refilter().
  void set_inbound_filter(InboundFilter filter) { inbound_filter_ = std::move(filter); }
  // Drops every stored route of a peer the filter now refuses; how many.
  std::size_t refilter();
  // ROUTE-REFRESH (RFC 2918) for `family` to every Established peer that
  // negotiated it and announced the capability; how many were sent.
  std::size_t request_refresh(AfiSafi family);

  // Called for every best-path change, after it went to the peers (the PE
  // imports into its VRFs from here).
  std::function<void(AfiSafi, const rib::BestPathChange&)> on_best_change;

  const BgpInstanceConfig& config() const { return config_; }
  const rib::FamilyRib* rib(AfiSafi family) const;
  const std::vector<std::unique_ptr<SpeakerPeer>>& peers() const { return peers_; }
  SpeakerPeer* find_peer(std::uint32_t address);
  std::uint64_t table_version() const { return table_version_; }
  const rib::SpeakerIdentity& identity() const { return self_; }

 private:
  void established(SpeakerPeer& peer, const NegotiatedSession& session);
  void down(SpeakerPeer& peer, const std::string& reason);
  void received(SpeakerPeer& peer, const Update& update);
  void refresh_requested(SpeakerPeer& peer, const RouteRefresh& refresh);
  void learn(SpeakerPeer& peer, AfiSafi family, const rib::RouteKey& key, const PathAttributes& attributes,
             std::uint32_t next_hop, rib::Label label);
  void unlearn(SpeakerPeer& peer, AfiSafi family, const rib::RouteKey& key);
  void propagate(AfiSafi family, const rib::BestPathChange& change);
  void flush();
  void send_changes(SpeakerPeer& peer, AfiSafi family, const std::vector<rib::OutChange>& changes);
  rib::PeerInfo source_info(rib::PeerId id) const;
  rib::FamilyRib& family_rib(AfiSafi family);

  BgpInstanceConfig config_;
  core::TimerService& timers_;
  const core::Clock& clock_;
  TransportFactory& transports_;
  const rib::NextHopResolver& resolver_;
  const core::Logger& log_;
  rib::SpeakerIdentity self_;
  rib::AttributePool pool_;
  std::map<AfiSafi, std::unique_ptr<rib::FamilyRib>> ribs_;
  std::vector<std::unique_ptr<SpeakerPeer>> peers_;  // PeerId = index + 1
  std::uint64_t table_version_ = 0;
  InboundFilter inbound_filter_;
};

}  // namespace l3vpn::bgp
