#include "vpn/label_allocator.hpp"

#include <algorithm>

namespace l3vpn::vpn {

LabelAllocator::LabelAllocator(std::uint32_t min, std::uint32_t max)
    : min_(std::max<std::uint32_t>(min, 16)), max_(std::min<std::uint32_t>(max, 0xFFFFF)), next_(min_) {}

std::optional<std::uint32_t> LabelAllocator::allocate(const std::string& owner) {
  if (auto held = find(owner)) return held;
  std::uint32_t label = 0;
  if (next_ <= max_) {
    label = next_++;
  } else if (!released_.empty()) {
    label = *released_.begin();
    released_.erase(released_.begin());
  } else {
    return std::nullopt;
  }
  by_owner_[owner] = label;
  by_label_[label] = owner;
  return label;
}

bool LabelAllocator::release(const std::string& owner) {
  auto it = by_owner_.find(owner);
  if (it == by_owner_.end()) return false;
  released_.insert(it->second);
  by_label_.erase(it->second);
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

}  // namespace l3vpn::vpn
