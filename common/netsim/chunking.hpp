// How a simulated byte stream hands received bytes to the application: TCP
// keeps order but not message boundaries, so a reader must frame messages
// itself. Chunking decides the size of each piece deterministically, so a
// test can split messages at awkward places and get the same split every run.
//
// Pure; each stream end keeps its own copy (a pattern or a seed advances as
// pieces are cut).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace l3vpn::netsim {

class Chunking {
 public:
  // Everything that has arrived, in one piece: writes landing at the same
  // instant are coalesced.
  static Chunking whole() { return Chunking(Mode::Whole, {}, 0, 0); }
  // Pieces of at most `size` bytes.
  static Chunking fixed(std::size_t size) { return Chunking(Mode::Pattern, {size}, 0, 0); }
  // Piece sizes taken from `sizes` in turn, cycling.
  static Chunking pattern(std::vector<std::size_t> sizes) {
    return Chunking(Mode::Pattern, std::move(sizes), 0, 0);
  }
  // Pseudo-random piece sizes in 1..max_size, the same for the same seed.
  static Chunking seeded(std::uint64_t seed, std::size_t max_size) {
    return Chunking(Mode::Seeded, {}, seed, max_size);
  }

  Chunking() = default;

  // The size of the next piece when `available` bytes wait: 1..available.
  std::size_t next(std::size_t available);

 private:
  enum class Mode { Whole, Pattern, Seeded };
  Chunking(Mode mode, std::vector<std::size_t> sizes, std::uint64_t seed, std::size_t max_size)
      : mode_(mode), sizes_(std::move(sizes)), state_(seed), max_size_(max_size) {}

  Mode mode_ = Mode::Whole;
  std::vector<std::size_t> sizes_;
  std::size_t position_ = 0;
  std::uint64_t state_ = 0;
  std::size_t max_size_ = 0;
};

}  // namespace l3vpn::netsim
