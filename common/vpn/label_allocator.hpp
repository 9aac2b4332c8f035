// MPLS labels for the VPN routes this router originates, from one pool
// (`mpls label range MIN MAX`, else 16-100000 as IOS's dynamic range), with a
// ledger of who holds which. Labels 0-15 are reserved (RFC 3032 section 2.1)
// and never given out. A released label is not given out again while other
// free labels exist, so a label a peer may still hold is not reused at once.
// Pure; not thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace l3vpn::vpn {

class LabelAllocator {
 public:
  LabelAllocator(std::uint32_t min = 16, std::uint32_t max = 100000);

  // The owner's label, allocated on first use; nothing when the range is full.
  std::optional<std::uint32_t> allocate(const std::string& owner);
  // True when the owner held one.
  bool release(const std::string& owner);
  std::optional<std::uint32_t> find(const std::string& owner) const;

  struct Entry {
    std::uint32_t label;
    std::string owner;  // "vrf:Technique" (per-VRF label)
  };
  std::vector<Entry> ledger() const;  // by label
  std::uint32_t min() const { return min_; }
  std::uint32_t max() const { return max_; }

 private:
  std::uint32_t min_;
  std::uint32_t max_;
  std::uint32_t next_;                 // never given out yet from here up
  std::map<std::string, std::uint32_t> by_owner_;
  std::map<std::uint32_t, std::string> by_label_;
  std::set<std::uint32_t> released_;   // reused only when the range is exhausted
};

}  // namespace l3vpn::vpn
