#include "ospf/origination.hpp"

namespace l3vpn::ospf {

namespace {

RouterLink link(RouterLinkType type, std::uint32_t id, std::uint32_t data, std::uint16_t metric) {
  RouterLink l;
  l.link_id = id;
  l.link_data = data;
  l.type = type;
  l.metric = metric;
  l.tos = {};
  return l;
}

}  // namespace

RouterLsa build_router_lsa_body(const RouterLsaInput& input) {
  RouterLsa body;
  body.flags = input.flags;
  body.reserved = 0;
  for (const auto& i : input.interfaces) {
    if (i.state == InterfaceState::Down) continue;
    if (i.loopback || i.state == InterfaceState::Loopback) {  // 12.4.1 / 12.4.1.4
      body.links.push_back(link(RouterLinkType::Stub, i.address, 0xFFFFFFFF, i.cost));
      continue;
    }
    const std::uint32_t subnet = i.address & i.mask;
    if (i.type == NetworkType::PointToPoint) {  // 12.4.1.1
      if (i.full_neighbor_router_id != 0)
        body.links.push_back(link(RouterLinkType::PointToPoint, i.full_neighbor_router_id, i.address, i.cost));
      body.links.push_back(link(RouterLinkType::Stub, subnet, i.mask, i.cost));
      continue;
    }
    // 12.4.1.2 broadcast.
    if (i.state != InterfaceState::Waiting && i.dr != 0 && i.dr_adjacency_full)
      body.links.push_back(link(RouterLinkType::Transit, i.dr, i.address, i.cost));
    else
      body.links.push_back(link(RouterLinkType::Stub, subnet, i.mask, i.cost));
  }
  return body;
}

Lsa finish_lsa(std::uint8_t type, std::uint32_t link_state_id, std::uint32_t advertising_router,
               std::uint8_t options, std::uint32_t sequence, LsaBody body) {
  Lsa lsa{LsaHeader{0, options, type, link_state_id, advertising_router, sequence, 0, 0}, std::move(body)};
  const auto bytes = encode_lsa(lsa);  // checksum 0 never verifies: computed
  lsa.header.checksum = static_cast<std::uint16_t>((bytes[kLsaChecksumOffset] << 8) | bytes[kLsaChecksumOffset + 1]);
  lsa.header.length = static_cast<std::uint16_t>(bytes.size());
  return lsa;
}

std::optional<Lsa> SelfOriginatedLsa::originate(LsaBody body, core::TimePoint now) {
  if (exhausted_) return std::nullopt;
  const std::uint32_t seq = next_sequence_;
  last_ = finish_lsa(type_, link_state_id_, advertising_router_, options_, seq, std::move(body));
  originated_at_ = now;
  if (seq == kMaxSequenceNumber)
    exhausted_ = true;
  else
    next_sequence_ = seq + 1;
  return last_;
}

std::optional<Lsa> SelfOriginatedLsa::refresh(core::TimePoint now) {
  if (!last_) return std::nullopt;
  LsaBody body = last_->body;
  return originate(std::move(body), now);
}

bool SelfOriginatedLsa::refresh_due(core::TimePoint now) const {
  const auto at = refresh_at();
  return at && now >= *at;
}

std::optional<core::TimePoint> SelfOriginatedLsa::refresh_at() const {
  if (!originated_at_) return std::nullopt;
  return *originated_at_ + std::chrono::seconds(kLsRefreshTime);
}

bool SelfOriginatedLsa::may_originate(core::TimePoint now) const {
  return !originated_at_ || now - *originated_at_ >= kMinLsInterval;
}

void SelfOriginatedLsa::adopt_sequence(std::uint32_t seq) {
  if (static_cast<std::int32_t>(seq) < static_cast<std::int32_t>(next_sequence_)) return;
  if (seq == kMaxSequenceNumber) {
    exhausted_ = true;
    next_sequence_ = kMaxSequenceNumber;
    return;
  }
  next_sequence_ = seq + 1;
}

}  // namespace l3vpn::ospf
