// MPLS labels for the VPN routes this router originates and for its LDP FECs,
// from one pool (`mpls label range MIN MAX`, else 16-100000 as IOS's dynamic
// range), with a ledger of who holds which. Labels 0-15 are reserved (RFC
// 3032 section 2.1) and never given out.
//
// Hold-down: a released label may still sit in a peer's tables (a BGP
// withdraw crossing a route reflector, an LDP Withdraw not yet answered by a
// Release), so it is not given to another owner until `hold_down` after its
// release. Allocation takes, in order: the owner's current label; the label
// the same owner released and that is still held down (it means the same
// thing to every peer, so giving it back is safe and saves churn on a flap);
// a label never given out; the held-down label whose hold-down ended first
// (oldest release first). Everything in use or held down: nothing.
//
// Time comes in with each call (`now`), from the caller's clock (the daemon's,
// the simulator's manual one); the allocator reads no clock. Pure; not
// thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"

namespace l3vpn::vpn {

// 60 s: twice eBGP's 30 s advertisement interval (a withdraw may wait that
// long at each eBGP hop before it leaves), and four times LDP's 15 s link
// hello hold time (a peer that cannot hear our Withdraw loses its session,
// and every label of ours with it, within that).
inline constexpr std::chrono::seconds kDefaultLabelHoldDown{60};

class LabelAllocator {
 public:
  LabelAllocator(std::uint32_t min = 16, std::uint32_t max = 100000,
                 core::Duration hold_down = kDefaultLabelHoldDown);

  // The owner's label, allocated on first use; nothing when every label of
  // the range is in use or held down at `now`.
  std::optional<std::uint32_t> allocate(const std::string& owner, core::TimePoint now);
  // True when the owner held one; its label is held down from `now`.
  bool release(const std::string& owner, core::TimePoint now);
  std::optional<std::uint32_t> find(const std::string& owner) const;

  struct Entry {
    std::uint32_t label;
    std::string owner;  // "vrf:Technique" (per-VRF label)
  };
  std::vector<Entry> ledger() const;  // labels in use, by label

  // A released label waiting out its hold-down (or whose hold-down ended
  // but that nobody took yet: free_at <= now).
  struct HeldDown {
    std::uint32_t label = 0;
    std::string owner;  // who released it
    core::TimePoint free_at{};
  };
  std::vector<HeldDown> held_down() const;  // by label
  std::uint32_t min() const { return min_; }
  std::uint32_t max() const { return max_; }
  core::Duration hold_down() const { return hold_down_; }

 private:
  void take(const std::string& owner, std::uint32_t label);
  void forget_released(std::uint32_t label);

  std::uint32_t min_;
  std::uint32_t max_;
  core::Duration hold_down_;
  std::uint32_t next_;  // never given out yet from here up
  std::map<std::string, std::uint32_t> by_owner_;
  std::map<std::uint32_t, std::string> by_label_;
  struct Released {
    std::string owner;
    core::TimePoint at{};
  };
  std::map<std::uint32_t, Released> released_;                       // by label
  std::set<std::pair<core::TimePoint, std::uint32_t>> release_order_;  // oldest first
  std::map<std::string, std::uint32_t> released_by_owner_;           // the last one each owner gave back
};

}  // namespace l3vpn::vpn
