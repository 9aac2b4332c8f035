// Peers and sessions of the speaker; the route flow is in speaker_routes.cpp.
#include "bgp/speaker/speaker.hpp"

#include "bgp/rib/update_packer.hpp"

namespace l3vpn::bgp {
namespace {

std::string address_text(std::uint32_t a) { return config::Ipv4Address{a}.to_string(); }

SessionConfig session_config(const BgpInstanceConfig& instance, const PeerConfig& peer) {
  SessionConfig c;
  c.local_as = instance.asn;
  c.router_id = instance.router_id;
  c.peer_as = peer.remote_as;
  c.families = peer.families;
  c.hold_time = peer.hold_time;
  c.keepalive = peer.keepalive;
  c.passive = peer.passive;
  return c;
}

}  // namespace

Speaker::Speaker(BgpInstanceConfig config, core::TimerService& timers, const core::Clock& clock,
                 TransportFactory& transports, const rib::NextHopResolver& resolver, const core::Logger& log)
    : config_(std::move(config)),
      timers_(timers),
      clock_(clock),
      transports_(transports),
      resolver_(resolver),
      log_(log) {
  self_.local_as = config_.asn;
  self_.router_id = config_.router_id;
  self_.cluster_id = config_.cluster_id;
  self_.local_address = config_.router_id;
  for (AfiSafi family : {kIpv4Unicast, kVpnv4Unicast})
    ribs_[family] = std::make_unique<rib::FamilyRib>(family, resolver_);
  for (const PeerConfig& pc : config_.peers) {
    if (!pc.vrf.empty()) continue;  // CE sessions belong to the VRF layer
    auto peer = std::make_unique<SpeakerPeer>();
    peer->config = pc;
    peer->id = static_cast<rib::PeerId>(peers_.size() + 1);
    peer->transport = transports_.make(pc);
    SpeakerPeer* p = peer.get();
    PeerEvents events;
    events.established = [this, p](const NegotiatedSession& s) { established(*p, s); };
    events.down = [this, p](const std::string& reason) { down(*p, reason); };
    events.update = [this, p](const Update& u) { received(*p, u); };
    events.route_refresh = [this, p](const RouteRefresh& r) { refresh_requested(*p, r); };
    peer->session = std::make_unique<PeerSession>(session_config(config_, pc), timers_, clock_,
                                                  "bgp/" + address_text(pc.address) + "/", *peer->transport,
                                                  std::move(events));
    peer->info.id = peer->id;
    peer->info.address = pc.address;
    peer->info.role = pc.remote_as != config_.asn ? rib::PeerRole::Ebgp
                      : pc.route_reflector_client ? rib::PeerRole::IbgpClient
                                                  : rib::PeerRole::IbgpNonClient;
    peers_.push_back(std::move(peer));
  }
}

// Sessions go before the RIBs: a session's destructor may still report Down.
Speaker::~Speaker() {
  for (auto& p : peers_) p->session.reset();
}

void Speaker::start() {
  for (auto& p : peers_)
    if (!p->config.shutdown) p->session->start();
}

SpeakerPeer* Speaker::find_peer(std::uint32_t address) {
  for (auto& p : peers_)
    if (p->config.address == address) return p.get();
  return nullptr;
}

const rib::FamilyRib* Speaker::rib(AfiSafi family) const {
  auto it = ribs_.find(family);
  return it == ribs_.end() ? nullptr : it->second.get();
}

rib::FamilyRib& Speaker::family_rib(AfiSafi family) { return *ribs_.at(family); }

PeerSession* Speaker::incoming(std::uint32_t remote, const std::function<void(SpeakerPeer&)>& adopt) {
  SpeakerPeer* peer = find_peer(remote);
  if (!peer) {
    log_.warning("BGP: connection from " + address_text(remote) + " refused: not a configured neighbor");
    return nullptr;
  }
  PeerSession& session = *peer->session;
  SessionState state = session.state();
  // Our own attempt may be on its way (Connect) or already open: two
  // connections, one must go, the same one on both sides.
  // Before the peer's OPEN is read, both sides must still agree: each
  // compares the two ends' addresses (for loopback-sourced iBGP, the router
  // IDs). An eBGP peer's router ID is rarely its address, and comparing our
  // ID with its address let both sides keep the other's connection (PE-CE).
  if (state == SessionState::Connect || state == SessionState::OpenSent || state == SessionState::OpenConfirm) {
    const bool open_read = session.negotiated().has_value();
    std::uint32_t ours = open_read ? config_.router_id : peer->config.local_address.value_or(config_.router_id);
    std::uint32_t theirs = open_read ? session.negotiated()->peer_router_id : remote;
    if (ours > theirs) return nullptr;  // our connection wins
  }
  if (!session.take_incoming([&] { adopt(*peer); })) return nullptr;
  return &session;
}

void Speaker::established(SpeakerPeer& peer, const NegotiatedSession& session) {
  if (config_.log_neighbor_changes)
    log_.info("%BGP-5-ADJCHANGE: neighbor " + address_text(peer.config.address) + " Up");
  peer.info.router_id = session.peer_router_id;
  peer.info.families = session.families;
  peer.prefixes_received = 0;
  // Initial table dump, then End-of-RIB (RFC 4724) for each family.
  rib::SpeakerIdentity self = self_;
  self.local_address = peer.config.local_address.value_or(config_.router_id);
  for (AfiSafi family : session.families) {
    rib::AdjRibOut& out = peer.out[family];
    out.clear();
    family_rib(family).loc_rib().for_each([&](const rib::RouteKey& key, const rib::LocRibEntry& entry) {
      if (!entry.best) return;
      if (auto route = rib::route_for_peer(*entry.best, source_info(entry.best->peer), peer.info, family, self, pool_))
        out.advertise(key, *route);
    });
    send_changes(peer, family, out.take_pending());
    peer.session->send_update(rib::end_of_rib(family));
  }
}

void Speaker::down(SpeakerPeer& peer, const std::string& reason) {
  if (config_.log_neighbor_changes)
    log_.info("%BGP-5-ADJCHANGE: neighbor " + address_text(peer.config.address) + " Down " + reason);
  peer.out.clear();
  peer.info.families.clear();
  peer.prefixes_received = 0;
  for (auto& [family, rib] : ribs_)
    for (const auto& change : rib->peer_down(peer.id)) propagate(family, change);
  flush();
}

void Speaker::send_changes(SpeakerPeer& peer, AfiSafi family, const std::vector<rib::OutChange>& changes) {
  if (changes.empty() || !peer.session->negotiated()) return;
  for (const Update& u : rib::pack_updates(family, changes, rib::packing_options(*peer.session->negotiated()))) {
    if (!peer.session->send_update(u))
      log_.error("BGP: an UPDATE to " + address_text(peer.config.address) + " was not sent (too large or session down)");
  }
}

void Speaker::flush() {
  for (auto& p : peers_)
    for (auto& [family, out] : p->out)
      if (out.has_pending()) send_changes(*p, family, out.take_pending());
}

rib::PeerInfo Speaker::source_info(rib::PeerId id) const {
  if (id == rib::kLocalPeer) {
    rib::PeerInfo local;
    local.id = rib::kLocalPeer;
    local.role = rib::PeerRole::Local;
    local.router_id = config_.router_id;
    return local;
  }
  return peers_.at(id - 1)->info;
}

}  // namespace l3vpn::bgp
