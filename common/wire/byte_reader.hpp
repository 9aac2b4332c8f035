// Bounds-checked reading of network byte order data.
//
// Every wire decoder (BGP, LDP, OSPF) reads through a ByteReader. A read past
// the end never touches memory outside the buffer: it returns nothing and
// leaves the reader failed, so a decoder checks once at the end of a field
// group, or right away where the next step depends on the value. A length
// field gets its own sub-reader (`sub(n)`), so a TLV can never read into its
// neighbour: the sub-reader ends where the TLV ends.
//
// Not thread-safe; holds a view, the caller keeps the bytes alive.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace l3vpn::wire {

class ByteReader {
 public:
  explicit ByteReader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  std::size_t remaining() const { return failed_ ? 0 : bytes_.size() - offset_; }
  std::size_t offset() const { return offset_; }  // from the start of this reader
  bool empty() const { return remaining() == 0; }
  bool failed() const { return failed_; }

  std::optional<std::uint8_t> u8();
  std::optional<std::uint16_t> u16();
  std::optional<std::uint32_t> u24();
  std::optional<std::uint32_t> u32();
  // n bytes as a view into the buffer.
  std::optional<std::span<const std::uint8_t>> bytes(std::size_t n);
  // A reader over the next n bytes; this reader moves past them.
  std::optional<ByteReader> sub(std::size_t n);
  // Everything left, as a view; the reader is then empty.
  std::span<const std::uint8_t> rest();
  bool skip(std::size_t n) { return bytes(n).has_value(); }

 private:
  bool take(std::size_t n);
  std::span<const std::uint8_t> bytes_;
  std::size_t offset_ = 0;
  bool failed_ = false;
};

}  // namespace l3vpn::wire
