#include "vpn/label_allocator.hpp"

#include <algorithm>

namespace l3vpn::vpn {

LabelAllocator::LabelAllocator(std::uint32_t min, std::uint32_t max, core::Duration hold_down)
    : min_(std::max<std::uint32_t>(min, 16)),
      max_(std::min<std::uint32_t>(max, 0xFFFFF)),
      hold_down_(std::max(hold_down, core::Duration::zero())),
      next_(min_) {}

std::optional<std::uint32_t> LabelAllocator::allocate(const std::string& owner, core::TimePoint now) {
  if (auto held = find(owner)) return held;
  if (auto own = released_by_owner_.find(owner); own != released_by_owner_.end()) {
    const std::uint32_t label = own->second;  // its own label back: peers read it the same way
    forget_released(label);
    take(owner, label);
    return label;
  }
  if (next_ <= max_) {
    const std::uint32_t label = next_++;
    take(owner, label);
    return label;
  }
  if (release_order_.empty()) return std::nullopt;
  const auto [released_at, label] = *release_order_.begin();
  if (now - released_at < hold_down_) return std::nullopt;  // the oldest is still held down: so are the rest
  forget_released(label);
  take(owner, label);
  return label;
}

void LabelAllocator::take(const std::string& owner, std::uint32_t label) {
  by_owner_[owner] = label;
  by_label_[label] = owner;
}

void LabelAllocator::forget_released(std::uint32_t label) {
  auto it = released_.find(label);
  if (it == released_.end()) return;
  release_order_.erase({it->second.at, label});
  auto own = released_by_owner_.find(it->second.owner);
  if (own != released_by_owner_.end() && own->second == label) released_by_owner_.erase(own);
  released_.erase(it);
}

bool LabelAllocator::release(const std::string& owner, core::TimePoint now) {
  auto it = by_owner_.find(owner);
  if (it == by_owner_.end()) return false;
  const std::uint32_t label = it->second;
  // An owner's next allocate takes its held-down label back, so an owner has
  // at most one held down.
  released_[label] = Released{owner, now};
  release_order_.insert({now, label});
  released_by_owner_[owner] = label;
  by_label_.erase(label);
  by_owner_.erase(it);
  return true;
}

std::optional<std::uint32_t> LabelAllocator::find(const std::string& owner) const {
  auto it = by_owner_.find(owner);
  if (it == by_owner_.end()) return std::nullopt;
  return it->second;
}

std::vector<LabelAllocator::Entry> LabelAllocator::ledger() const {
  std::vector<Entry> entries;
  for (const auto& [label, owner] : by_label_) entries.push_back(Entry{label, owner});
  return entries;
}

std::vector<LabelAllocator::HeldDown> LabelAllocator::held_down() const {
  std::vector<HeldDown> out;
  for (const auto& [label, r] : released_) out.push_back(HeldDown{label, r.owner, r.at + hold_down_});
  return out;
}

}  // namespace l3vpn::vpn
