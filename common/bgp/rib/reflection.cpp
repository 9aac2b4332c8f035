#include "bgp/rib/reflection.hpp"

#include <algorithm>

#include "bgp/rib/decision.hpp"

namespace l3vpn::bgp::rib {
namespace {

bool is_ibgp(PeerRole r) { return r == PeerRole::IbgpClient || r == PeerRole::IbgpNonClient; }

}  // namespace

bool PeerInfo::has(AfiSafi family) const {
  return std::find(families.begin(), families.end(), family) != families.end();
}

bool should_advertise(const PeerInfo& source, const PeerInfo& destination, AfiSafi family) {
  if (destination.role == PeerRole::Local) return false;
  if (!destination.has(family)) return false;
  if (source.role != PeerRole::Local && source.id == destination.id) return false;
  switch (source.role) {
    case PeerRole::Local:
    case PeerRole::Ebgp: return true;
    case PeerRole::IbgpNonClient:
      return destination.role == PeerRole::Ebgp || destination.role == PeerRole::IbgpClient;
    case PeerRole::IbgpClient: return true;  // the originator was excluded above
  }
  return false;
}

PathAttributes export_attributes(const PathAttributes& attributes, const PeerInfo& source,
                                 const PeerInfo& destination, const SpeakerIdentity& self) {
  PathAttributes out = attributes;
  if (destination.role == PeerRole::Ebgp) {
    out.originator_id.reset();
    out.cluster_list.clear();
    out.local_pref.reset();
    if (source.role != PeerRole::Local) out.med.reset();  // RFC 4271 5.1.4: not beyond the next AS
    std::vector<AsPathSegment> path = out.as_path.value_or(std::vector<AsPathSegment>{});
    if (!path.empty() && path.front().type == AsPathSegment::Sequence && path.front().asns.size() < 255)
      path.front().asns.insert(path.front().asns.begin(), self.local_as);
    else
      path.insert(path.begin(), AsPathSegment{AsPathSegment::Sequence, {self.local_as}});
    out.as_path = std::move(path);
    return out;
  }
  if (!out.as_path) out.as_path = std::vector<AsPathSegment>{};
  // RFC 4271 5.1.5: LOCAL_PREF goes to every internal peer; one received
  // from an eBGP peer was ignored, so it is the default.
  if (source.role == PeerRole::Ebgp || !out.local_pref) out.local_pref = kDefaultLocalPref;
  if (is_ibgp(source.role)) {  // reflecting: RFC 4456 section 8
    if (!out.originator_id) out.originator_id = source.router_id;
    out.cluster_list.insert(out.cluster_list.begin(), self.cluster());
  }
  return out;
}

std::optional<OutRoute> route_for_peer(const Path& best, const PeerInfo& source,
                                       const PeerInfo& destination, AfiSafi family,
                                       const SpeakerIdentity& self, AttributePool& pool) {
  if (!should_advertise(source, destination, family)) return std::nullopt;
  OutRoute route;
  route.attributes = pool.intern(export_attributes(*best.attributes, source, destination, self));
  bool next_hop_self = destination.role == PeerRole::Ebgp || best.locally_originated() ||
                       best.next_hop == 0;
  route.next_hop = next_hop_self ? self.local_address : best.next_hop;
  route.label = best.label;
  return route;
}

const char* to_string(InboundLoop loop) {
  switch (loop) {
    case InboundLoop::None: return "none";
    case InboundLoop::OriginatorIsUs: return "ORIGINATOR_ID is our router ID";
    case InboundLoop::ClusterInList: return "our cluster ID is in CLUSTER_LIST";
  }
  return "?";
}

InboundLoop reflection_loop(const PathAttributes& attributes, const SpeakerIdentity& self) {
  if (attributes.originator_id == self.router_id) return InboundLoop::OriginatorIsUs;
  const auto& list = attributes.cluster_list;
  if (std::find(list.begin(), list.end(), self.cluster()) != list.end())
    return InboundLoop::ClusterInList;
  return InboundLoop::None;
}

}  // namespace l3vpn::bgp::rib
