// Network byte order writing into a growing buffer, with length fields filled
// in afterwards: reserve the field, write the body, then patch the length, so
// an encoder never computes a length twice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace l3vpn::wire {

class ByteWriter {
 public:
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v);
  void u24(std::uint32_t v);
  void u32(std::uint32_t v);
  void bytes(std::span<const std::uint8_t> b) { out_.insert(out_.end(), b.begin(), b.end()); }
  void zeros(std::size_t n) { out_.insert(out_.end(), n, 0); }

  // Reserve a 1- or 2-byte length field; returns its position.
  std::size_t reserve_u8() { out_.push_back(0); return out_.size() - 1; }
  std::size_t reserve_u16() { zeros(2); return out_.size() - 2; }
  // Fill a reserved field with the number of bytes written after it. The
  // caller checks the size fits (encoders know their protocol's limits).
  void patch_u8_length(std::size_t at);
  void patch_u16_length(std::size_t at);
  void patch_u16(std::size_t at, std::uint16_t v);

  std::size_t size() const { return out_.size(); }
  const std::vector<std::uint8_t>& data() const { return out_; }
  std::vector<std::uint8_t> take() { return std::move(out_); }

 private:
  std::vector<std::uint8_t> out_;
};

}  // namespace l3vpn::wire
