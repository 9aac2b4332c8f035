#include "netsim/chunking.hpp"

#include <algorithm>

namespace l3vpn::netsim {

std::size_t Chunking::next(std::size_t available) {
  if (available == 0) return 0;
  std::size_t size = available;
  switch (mode_) {
    case Mode::Whole:
      break;
    case Mode::Pattern:
      if (!sizes_.empty()) size = sizes_[position_++ % sizes_.size()];
      break;
    case Mode::Seeded: {
      // splitmix64: a fixed sequence for a given seed, whatever the platform.
      std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      z ^= z >> 31;
      if (max_size_ > 0) size = 1 + static_cast<std::size_t>(z % max_size_);
      break;
    }
  }
  return std::clamp<std::size_t>(size, 1, available);
}

}  // namespace l3vpn::netsim
