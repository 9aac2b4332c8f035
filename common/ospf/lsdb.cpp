#include "ospf/lsdb.hpp"

#include <algorithm>

namespace l3vpn::ospf {

LsaKey key_of(const LsaHeader& h) { return LsaKey{h.type, h.link_state_id, h.advertising_router}; }

const char* to_string(LsaRecency r) {
  switch (r) {
    case LsaRecency::Older: return "older";
    case LsaRecency::Same: return "same";
    case LsaRecency::Newer: return "newer";
  }
  return "?";
}

LsaRecency compare_instances(const LsaHeader& a, const LsaHeader& b) {
  // 13.1: "the sequence number is a signed 32-bit integer".
  const auto seq_a = static_cast<std::int32_t>(a.sequence);
  const auto seq_b = static_cast<std::int32_t>(b.sequence);
  if (seq_a != seq_b) return seq_a > seq_b ? LsaRecency::Newer : LsaRecency::Older;
  if (a.checksum != b.checksum) return a.checksum > b.checksum ? LsaRecency::Newer : LsaRecency::Older;
  const bool a_max = a.age >= kMaxAge;
  const bool b_max = b.age >= kMaxAge;
  if (a_max != b_max) return a_max ? LsaRecency::Newer : LsaRecency::Older;
  const int diff = static_cast<int>(a.age) - static_cast<int>(b.age);
  if (diff > kMaxAgeDiff) return LsaRecency::Older;
  if (-diff > kMaxAgeDiff) return LsaRecency::Newer;
  return LsaRecency::Same;
}

namespace {

// 13.2: "the contents of the new LSA have changed".
bool contents_differ(const Lsa& old_lsa, const Lsa& new_lsa) {
  const auto& o = old_lsa.header;
  const auto& n = new_lsa.header;
  if (o.options != n.options) return true;
  if ((o.age >= kMaxAge) != (n.age >= kMaxAge)) return true;
  if (o.length != n.length) return true;
  return !(old_lsa.body == new_lsa.body);
}

}  // namespace

bool Lsdb::install(const Lsa& lsa, core::TimePoint now, bool received_by_flooding) {
  const LsaKey key = key_of(lsa.header);
  Lsa stored = lsa;
  if (stored.header.age > kMaxAge) stored.header.age = kMaxAge;
  auto it = entries_.find(key);
  const bool changed = it == entries_.end() || contents_differ(it->second.lsa, stored);
  LsdbEntry e;
  e.lsa = std::move(stored);
  e.installed = now;
  e.received_by_flooding = received_by_flooding;
  e.last_sent_back = std::nullopt;
  e.max_age_reported = e.lsa.header.age >= kMaxAge;  // arrived at MaxAge: already being flooded
  entries_.insert_or_assign(key, std::move(e));
  return changed;
}

const LsdbEntry* Lsdb::find(const LsaKey& key) const {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

std::uint16_t Lsdb::age_of(const LsdbEntry& e, core::TimePoint now) {
  const auto elapsed = now > e.installed ? std::chrono::duration_cast<std::chrono::seconds>(now - e.installed).count() : 0;
  const auto age = static_cast<long long>(e.lsa.header.age) + elapsed;
  return static_cast<std::uint16_t>(std::min<long long>(age, kMaxAge));
}

std::optional<LsaHeader> Lsdb::header(const LsaKey& key, core::TimePoint now) const {
  const auto* e = find(key);
  if (e == nullptr) return std::nullopt;
  LsaHeader h = e->lsa.header;
  h.age = age_of(*e, now);
  return h;
}

std::optional<Lsa> Lsdb::lsa(const LsaKey& key, core::TimePoint now) const {
  const auto* e = find(key);
  if (e == nullptr) return std::nullopt;
  Lsa l = e->lsa;
  l.header.age = age_of(*e, now);
  return l;
}

std::vector<LsaHeader> Lsdb::summary(core::TimePoint now) const {
  std::vector<LsaHeader> out;
  out.reserve(entries_.size());
  for (const auto& [key, e] : entries_) {
    LsaHeader h = e.lsa.header;
    h.age = age_of(e, now);
    out.push_back(h);
  }
  return out;
}

bool Lsdb::needs(const LsaHeader& h, core::TimePoint now) const {
  auto ours = header(key_of(h), now);
  return !ours || compare_instances(h, *ours) == LsaRecency::Newer;
}

DatabaseView Lsdb::database_view(core::TimePoint now) {
  summary_ = summary(now);
  return DatabaseView{summary_, [this, now](const LsaHeader& h) { return needs(h, now); }};
}

bool Lsdb::flush(const LsaKey& key, core::TimePoint now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return false;
  it->second.lsa.header.age = kMaxAge;
  it->second.installed = now;
  it->second.max_age_reported = true;  // the caller floods it
  return true;
}

void Lsdb::expect_acks(const LsaKey& key, const std::set<std::uint32_t>& neighbors) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  it->second.awaiting_ack.insert(neighbors.begin(), neighbors.end());
}

bool Lsdb::acknowledge(const LsaHeader& h, std::uint32_t neighbor, core::TimePoint now, bool exchange_in_progress) {
  auto it = entries_.find(key_of(h));
  if (it == entries_.end()) return false;
  LsaHeader ours = it->second.lsa.header;
  ours.age = age_of(it->second, now);
  if (compare_instances(h, ours) != LsaRecency::Same) return false;  // 13.7: not this instance
  it->second.awaiting_ack.erase(neighbor);
  if (ours.age >= kMaxAge && it->second.awaiting_ack.empty() && !exchange_in_progress) {
    entries_.erase(it);
    return true;
  }
  return false;
}

void Lsdb::forget_neighbor(std::uint32_t neighbor) {
  for (auto& [key, e] : entries_) e.awaiting_ack.erase(neighbor);
}

std::vector<LsaKey> Lsdb::remove_acknowledged_max_age(core::TimePoint now, bool exchange_in_progress) {
  std::vector<LsaKey> removed;
  if (exchange_in_progress) return removed;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (age_of(it->second, now) >= kMaxAge && it->second.awaiting_ack.empty()) {
      removed.push_back(it->first);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  return removed;
}

std::vector<Lsa> Lsdb::take_newly_max_aged(core::TimePoint now) {
  std::vector<Lsa> out;
  for (auto& [key, e] : entries_) {
    if (e.max_age_reported || age_of(e, now) < kMaxAge) continue;
    e.max_age_reported = true;
    Lsa l = e.lsa;
    l.header.age = kMaxAge;
    out.push_back(std::move(l));
  }
  return out;
}

void Lsdb::note_sent_back(const LsaKey& key, core::TimePoint now) {
  auto it = entries_.find(key);
  if (it != entries_.end()) it->second.last_sent_back = now;
}

}  // namespace l3vpn::ospf
