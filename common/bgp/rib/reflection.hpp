// Where a best path goes, and with which attributes: the iBGP rules of
// RFC 4271 section 9.2 with route reflection (RFC 4456).
//
// Advertising (RFC 4456 section 6), from the path's source to a destination:
//   - locally originated or from an eBGP peer: to every peer;
//   - from a non-client iBGP peer: to eBGP peers and to clients;
//   - from a client: to every other client, to non-clients, to eBGP peers.
// So iBGP reaches iBGP only through a reflector (one with clients), and a
// path never goes back to the peer it came from. A VPNv4 route goes only to
// a peer whose session negotiated VPNv4.
//
// Reflecting (iBGP to iBGP) sets ORIGINATOR_ID, when absent, to the router ID
// of the peer the path came from, and prepends the cluster ID to CLUSTER_LIST
// (RFC 4456 section 8). Receiving, a path with our router ID as
// ORIGINATOR_ID or our cluster ID in CLUSTER_LIST is a loop and is dropped.
//
// Toward an eBGP peer (RFC 4271 5.1): ORIGINATOR_ID, CLUSTER_LIST and
// LOCAL_PREF are removed, and MED unless we originated the route (5.1.4); the
// local AS is prepended; the next hop is our own address. Toward iBGP the next hop is kept, except that a locally
// originated route gets our address.
#pragma once

#include <optional>
#include <vector>

#include "bgp/codec/open.hpp"
#include "bgp/rib/adj_rib_out.hpp"
#include "bgp/rib/route.hpp"

namespace l3vpn::bgp::rib {

enum class PeerRole : std::uint8_t { Local, Ebgp, IbgpNonClient, IbgpClient };

// What export needs to know about a peer (from PeerConfig and its session).
struct PeerInfo {
  PeerId id = kLocalPeer;
  PeerRole role = PeerRole::Local;
  std::uint32_t router_id = 0;   // NegotiatedSession::peer_router_id
  std::uint32_t address = 0;
  std::vector<AfiSafi> families;  // NegotiatedSession::families
  bool has(AfiSafi family) const;
};

struct SpeakerIdentity {
  std::uint32_t local_as = 0;
  std::uint32_t router_id = 0;
  std::optional<std::uint32_t> cluster_id;  // `bgp cluster-id`; else the router ID (RFC 4456 7)
  std::uint32_t local_address = 0;          // our next hop (update-source)
  // A route reflector keeps every VPNv4 route, whatever its route targets: its
  // clients import different ones. A PE would keep only those its VRFs import
  // (RFC 4364 4.3.1); that filter belongs to the VPN layer.
  bool retain_all_route_targets = true;

  std::uint32_t cluster() const { return cluster_id.value_or(router_id); }
};

bool should_advertise(const PeerInfo& source, const PeerInfo& destination, AfiSafi family);

// The attributes the destination receives, before interning.
PathAttributes export_attributes(const PathAttributes& attributes, const PeerInfo& source,
                                 const PeerInfo& destination, const SpeakerIdentity& self);

// The route for `destination`, or nothing when it must not get this path.
std::optional<OutRoute> route_for_peer(const Path& best, const PeerInfo& source,
                                       const PeerInfo& destination, AfiSafi family,
                                       const SpeakerIdentity& self, AttributePool& pool);

enum class InboundLoop { None, OriginatorIsUs, ClusterInList };
const char* to_string(InboundLoop loop);
// RFC 4456 section 8: a path carrying either is dropped on receipt.
InboundLoop reflection_loop(const PathAttributes& attributes, const SpeakerIdentity& self);

}  // namespace l3vpn::bgp::rib
