#include "ldp/lib.hpp"

#include <utility>

namespace l3vpn::ldp {
namespace {

std::string dotted(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." +
         std::to_string((a >> 8) & 0xFF) + "." + std::to_string(a & 0xFF);
}

std::string owner(const Fec& fec) { return "ldp:" + fec.str(); }

}  // namespace

Fec Fec::of(std::uint32_t address, std::uint8_t length) {
  if (length > 32) length = 32;
  const std::uint32_t mask = length == 0 ? 0 : ~std::uint32_t{0} << (32 - length);
  return Fec{address & mask, length};
}

std::string Fec::str() const { return dotted(address) + "/" + std::to_string(length); }

Lib::Lib(vpn::LabelAllocator& labels, std::vector<std::uint32_t> local_addresses)
    : labels_(labels), local_addresses_(std::move(local_addresses)) {}

LabelMessage Lib::mapping(const Fec& fec, std::uint32_t label) const {
  LabelMessage m;
  m.type = MessageType::LabelMapping;
  m.fec = {fec.element()};
  m.label = label;
  return m;
}

std::optional<LdpId> Lib::peer_with_address(std::uint32_t address) const {
  for (const auto& [id, p] : peers_)
    if (p.operational && p.addresses.contains(address)) return id;
  return std::nullopt;
}

std::optional<std::uint32_t> Lib::label_via(const Fec& fec, std::uint32_t next_hop) const {
  auto s = fecs_.find(fec);
  auto peer = peer_with_address(next_hop);
  if (s == fecs_.end() || !peer) return std::nullopt;
  auto label = s->second.remote.find(*peer);
  if (label == s->second.remote.end()) return std::nullopt;
  return label->second;
}

std::optional<ForwardingEntry> Lib::desired(const Fec& fec, const FecState& s) const {
  if (!s.route || s.route->local || !s.local_label) return std::nullopt;
  auto peer = peer_with_address(s.route->next_hop);
  if (!peer) return std::nullopt;
  auto label = s.remote.find(*peer);
  if (label == s.remote.end()) return std::nullopt;
  ForwardingEntry e;
  e.fec = fec;
  e.in_label = *s.local_label;
  e.out_label = label->second;
  e.next_hop = s.route->next_hop;
  e.interface = s.route->interface;
  e.peer = *peer;
  return e;
}

void Lib::reconcile(const Fec& fec, LibOutput& out) {
  auto s = fecs_.find(fec);
  std::optional<ForwardingEntry> want = s == fecs_.end() ? std::nullopt : desired(fec, s->second);
  auto it = installed_.find(fec);
  if (want) {
    if (it == installed_.end() || it->second != *want) {
      out.lfib.push_back(LfibChange{LfibChange::Kind::Install, *want});
      installed_[fec] = *want;
    }
  } else if (it != installed_.end()) {
    out.lfib.push_back(LfibChange{LfibChange::Kind::Remove, it->second});
    installed_.erase(it);
  }
}

void Lib::reconcile_all(LibOutput& out) {
  std::set<Fec> all;
  for (const auto& [fec, s] : fecs_) all.insert(fec);
  for (const auto& [fec, e] : installed_) all.insert(fec);
  for (const Fec& fec : all) reconcile(fec, out);
}

void Lib::forget_if_empty(const Fec& fec) {
  auto it = fecs_.find(fec);
  if (it != fecs_.end() && !it->second.route && it->second.remote.empty()) fecs_.erase(it);
}

LibOutput Lib::fec_updated(const IgpRoute& input, core::TimePoint now) {
  LibOutput out;
  IgpRoute route = input;
  route.fec = Fec::of(input.fec.address, input.fec.length);
  FecState& s = fecs_[route.fec];
  const bool had_nonlocal = s.route && !s.route->local;
  s.route = route;

  std::optional<std::uint32_t> label;
  if (route.local) {
    if (had_nonlocal && s.local_label) labels_.release(owner(route.fec), now);
    label = kImplicitNullLabel;  // penultimate hop popping
  } else {
    label = labels_.allocate(owner(route.fec), now);  // the same label while the owner holds it
  }
  if (label != s.local_label) {
    s.local_label = label;
    if (label) {
      for (auto& [id, p] : peers_) {
        if (!p.operational) continue;
        out.messages.push_back(PeerMessage{id, mapping(route.fec, *label)});
        p.advertised.insert(route.fec);
      }
    }
  }
  reconcile(route.fec, out);
  return out;
}

LibOutput Lib::fec_removed(const Fec& input, core::TimePoint now) {
  LibOutput out;
  const Fec fec = Fec::of(input.address, input.length);
  auto it = fecs_.find(fec);
  if (it == fecs_.end() || !it->second.route) return out;
  FecState& s = it->second;
  if (s.local_label) {
    for (auto& [id, p] : peers_) {
      if (!p.operational || !p.advertised.contains(fec)) continue;
      LabelMessage w = mapping(fec, *s.local_label);
      w.type = MessageType::LabelWithdraw;
      out.messages.push_back(PeerMessage{id, w});  // the peer answers with a Release
    }
    if (!s.route->local) labels_.release(owner(fec), now);
  }
  s.route.reset();
  s.local_label.reset();
  reconcile(fec, out);
  forget_if_empty(fec);
  return out;
}

LibOutput Lib::session_up(LdpId peer) {
  LibOutput out;
  PeerState& p = peers_[peer];
  p.operational = true;
  if (!local_addresses_.empty()) {
    AddressMessage a;
    a.addresses = local_addresses_;
    out.messages.push_back(PeerMessage{peer, a});
  }
  for (const auto& [fec, s] : fecs_) {
    if (!s.local_label) continue;
    out.messages.push_back(PeerMessage{peer, mapping(fec, *s.local_label)});
    p.advertised.insert(fec);
  }
  reconcile_all(out);
  return out;
}

LibOutput Lib::session_down(LdpId peer) {
  LibOutput out;
  peers_.erase(peer);
  std::vector<Fec> touched;
  for (auto& [fec, s] : fecs_)
    if (s.remote.erase(peer) > 0) touched.push_back(fec);
  reconcile_all(out);
  for (const Fec& fec : touched) forget_if_empty(fec);
  return out;
}

LibOutput Lib::address_received(LdpId peer, const AddressMessage& m) {
  LibOutput out;
  auto it = peers_.find(peer);
  if (it == peers_.end() || !it->second.operational) return out;
  for (std::uint32_t a : m.addresses) {
    if (m.withdraw) it->second.addresses.erase(a);
    else it->second.addresses.insert(a);
  }
  reconcile_all(out);
  return out;
}

LibOutput Lib::label_mapping_received(LdpId peer, const LabelMessage& m) {
  LibOutput out;
  auto it = peers_.find(peer);
  if (it == peers_.end() || !it->second.operational || !m.label) return out;
  for (const FecElement& element : m.fec) {
    const auto* prefix = std::get_if<PrefixFec>(&element);
    if (!prefix) continue;  // a wildcard has no place in a Mapping
    const Fec fec = Fec::of(*prefix);
    fecs_[fec].remote[peer] = *m.label;  // liberal retention: kept whoever the next hop is
    reconcile(fec, out);
  }
  return out;
}

LibOutput Lib::label_withdraw_received(LdpId peer, const LabelMessage& m) {
  LibOutput out;
  auto it = peers_.find(peer);
  if (it == peers_.end() || !it->second.operational) return out;
  std::vector<Fec> touched;
  for (const FecElement& element : m.fec) {
    if (std::holds_alternative<WildcardFec>(element)) {
      for (auto& [fec, s] : fecs_) {
        auto r = s.remote.find(peer);
        if (r != s.remote.end() && (!m.label || r->second == *m.label)) {
          s.remote.erase(r);
          touched.push_back(fec);
        }
      }
      continue;
    }
    const Fec fec = Fec::of(std::get<PrefixFec>(element));
    auto s = fecs_.find(fec);
    if (s == fecs_.end()) continue;
    auto r = s->second.remote.find(peer);
    if (r != s->second.remote.end() && (!m.label || r->second == *m.label)) {
      s->second.remote.erase(r);
      touched.push_back(fec);
    }
  }
  // Section 3.5.10: a Withdraw is always answered with a Release of the same FEC and label.
  LabelMessage release;
  release.type = MessageType::LabelRelease;
  release.fec = m.fec;
  release.label = m.label;
  out.messages.push_back(PeerMessage{peer, release});
  for (const Fec& fec : touched) reconcile(fec, out);
  for (const Fec& fec : touched) forget_if_empty(fec);
  return out;
}

LibOutput Lib::label_release_received(LdpId peer, const LabelMessage& m) {
  LibOutput out;
  auto it = peers_.find(peer);
  if (it == peers_.end()) return out;
  for (const FecElement& element : m.fec) {
    if (std::holds_alternative<WildcardFec>(element)) it->second.advertised.clear();
    else it->second.advertised.erase(Fec::of(std::get<PrefixFec>(element)));
  }
  return out;
}

std::optional<std::uint32_t> Lib::local_label(const Fec& fec) const {
  auto it = fecs_.find(fec);
  return it == fecs_.end() ? std::nullopt : it->second.local_label;
}

std::optional<std::uint32_t> Lib::remote_label(const Fec& fec, LdpId peer) const {
  auto it = fecs_.find(fec);
  if (it == fecs_.end()) return std::nullopt;
  auto r = it->second.remote.find(peer);
  if (r == it->second.remote.end()) return std::nullopt;
  return r->second;
}

std::map<LdpId, std::uint32_t> Lib::remote_labels(const Fec& fec) const {
  auto it = fecs_.find(fec);
  return it == fecs_.end() ? std::map<LdpId, std::uint32_t>{} : it->second.remote;
}

std::optional<ForwardingEntry> Lib::forwarding(const Fec& fec) const {
  auto it = installed_.find(fec);
  if (it == installed_.end()) return std::nullopt;
  return it->second;
}

std::set<Fec> Lib::advertised_to(LdpId peer) const {
  auto it = peers_.find(peer);
  return it == peers_.end() ? std::set<Fec>{} : it->second.advertised;
}

}  // namespace l3vpn::ldp
