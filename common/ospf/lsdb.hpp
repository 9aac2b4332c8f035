// The link-state database of one OSPFv2 area (RFC 2328 sections 12-14):
// LSAs keyed by (LS type, Link State ID, Advertising Router), the "which
// instance is more recent" comparison of 13.1, installation (13.2), aging
// from the install time (12.1.1, 14) and the removal of MaxAge LSAs once
// every neighbor they were flooded to has acknowledged them (14).
//
// Pure: it reads no clock. Every call that needs the age of an LSA takes
// `now`; an LSA's age is the age it arrived with plus the whole seconds
// since it was installed, capped at MaxAge. Retransmission lists live with
// the neighbors; the database only keeps, per MaxAge LSA, the neighbors that
// still owe an acknowledgement, which is all section 14 needs.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include "core/clock.hpp"
#include "ospf/codec/lsa.hpp"
#include "ospf/neighbor_fsm.hpp"

namespace l3vpn::ospf {

// Appendix B architectural constants.
inline constexpr std::uint16_t kMaxAge = 3600;          // seconds
inline constexpr std::uint16_t kMaxAgeDiff = 900;       // seconds
inline constexpr std::uint16_t kLsRefreshTime = 1800;   // seconds
inline constexpr std::chrono::seconds kMinLsArrival{1};
inline constexpr std::chrono::seconds kMinLsInterval{5};
inline constexpr std::uint32_t kInitialSequenceNumber = 0x80000001;
inline constexpr std::uint32_t kMaxSequenceNumber = 0x7FFFFFFF;

// Identifies an LSA (12.1): two instances with the same key are versions of
// the same LSA.
struct LsaKey {
  std::uint8_t type = 0;
  std::uint32_t link_state_id = 0;
  std::uint32_t advertising_router = 0;
  auto operator<=>(const LsaKey&) const = default;
};
LsaKey key_of(const LsaHeader& h);

// Section 13.1: how instance `a` compares with instance `b` of the same LSA.
// Newer: `a` is more recent. Sequence numbers compare as signed 32-bit
// integers, then the larger checksum wins, then an instance at MaxAge wins,
// then, when the ages differ by more than MaxAgeDiff, the younger one wins.
enum class LsaRecency : std::uint8_t { Older, Same, Newer };
const char* to_string(LsaRecency r);
LsaRecency compare_instances(const LsaHeader& a, const LsaHeader& b);

struct LsdbEntry {
  Lsa lsa;                          // as installed; header.age is the age it arrived with
  core::TimePoint installed{};      // when it was installed
  bool received_by_flooding = false;  // 13 step 5a (MinLSArrival) applies to these only
  std::optional<core::TimePoint> last_sent_back;  // 13 step 8: MinLSArrival between sends
  std::set<std::uint32_t> awaiting_ack;           // neighbors (router IDs) that owe an ack
  bool max_age_reported = false;    // take_newly_max_aged() already returned it
};

class Lsdb {
 public:
  // Installs the instance (13.2), replacing any copy with the same key.
  // Returns true when the contents changed in the sense of 13.2 (new LSA,
  // options, MaxAge-ness, length or body differ), i.e. when the routing
  // table must be recalculated.
  bool install(const Lsa& lsa, core::TimePoint now, bool received_by_flooding = true);

  const LsdbEntry* find(const LsaKey& key) const;
  bool contains(const LsaKey& key) const { return find(key) != nullptr; }
  std::size_t size() const { return entries_.size(); }
  const std::map<LsaKey, LsdbEntry>& entries() const { return entries_; }

  // The age now (12.1.1): arrival age + seconds since install, capped at MaxAge.
  static std::uint16_t age_of(const LsdbEntry& e, core::TimePoint now);
  // The stored header with its current age; nullopt when absent.
  std::optional<LsaHeader> header(const LsaKey& key, core::TimePoint now) const;
  // The stored LSA with its current age, as it would be flooded now.
  std::optional<Lsa> lsa(const LsaKey& key, core::TimePoint now) const;

  // Every header with its current age, in key order (the DD summary of 10.3).
  std::vector<LsaHeader> summary(core::TimePoint now) const;
  // 10.6: true when `h` is more recent than our copy, or we have none.
  bool needs(const LsaHeader& h, core::TimePoint now) const;
  // The neighbor FSM's view. The span and the predicate refer to this
  // database: valid until the next call to any non-const member.
  DatabaseView database_view(core::TimePoint now);

  // Premature aging (14.1): the copy's age becomes MaxAge now. False when absent.
  bool flush(const LsaKey& key, core::TimePoint now);

  // The neighbors an LSA was just flooded to (put on their retransmission
  // lists): a MaxAge LSA stays until each has acknowledged it.
  void expect_acks(const LsaKey& key, const std::set<std::uint32_t>& neighbors);
  // A Link State Acknowledgment (13.7) or an implied one from `neighbor` for
  // the instance `h`; ignored unless it is the same instance as ours. A
  // MaxAge LSA nobody owes an ack for any more is removed unless
  // `exchange_in_progress` (a neighbor is in Exchange or Loading, 14).
  // Returns true when the LSA was removed.
  bool acknowledge(const LsaHeader& h, std::uint32_t neighbor, core::TimePoint now,
                   bool exchange_in_progress = false);
  // Forgets a neighbor that went down: it owes no more acks.
  void forget_neighbor(std::uint32_t neighbor);
  // Section 14: removes every MaxAge LSA with no acks owed, unless a
  // neighbor is in Exchange or Loading. Returns the removed keys.
  std::vector<LsaKey> remove_acknowledged_max_age(core::TimePoint now, bool exchange_in_progress = false);
  // LSAs that reached MaxAge by aging since the last call (14: flood them).
  std::vector<Lsa> take_newly_max_aged(core::TimePoint now);

  // Step 8 of 13: the database copy was just sent back to a neighbor.
  void note_sent_back(const LsaKey& key, core::TimePoint now);

 private:
  std::map<LsaKey, LsdbEntry> entries_;
  std::vector<LsaHeader> summary_;  // backs database_view()
};

}  // namespace l3vpn::ospf
