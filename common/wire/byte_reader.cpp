#include "wire/byte_reader.hpp"

namespace l3vpn::wire {

bool ByteReader::take(std::size_t n) {
  if (failed_ || n > bytes_.size() - offset_) {
    failed_ = true;
    return false;
  }
  offset_ += n;
  return true;
}

std::optional<std::uint8_t> ByteReader::u8() {
  std::size_t at = offset_;
  if (!take(1)) return std::nullopt;
  return bytes_[at];
}

std::optional<std::uint16_t> ByteReader::u16() {
  std::size_t at = offset_;
  if (!take(2)) return std::nullopt;
  return static_cast<std::uint16_t>((bytes_[at] << 8) | bytes_[at + 1]);
}

std::optional<std::uint32_t> ByteReader::u24() {
  std::size_t at = offset_;
  if (!take(3)) return std::nullopt;
  return (std::uint32_t{bytes_[at]} << 16) | (std::uint32_t{bytes_[at + 1]} << 8) |
         std::uint32_t{bytes_[at + 2]};
}

std::optional<std::uint32_t> ByteReader::u32() {
  std::size_t at = offset_;
  if (!take(4)) return std::nullopt;
  return (std::uint32_t{bytes_[at]} << 24) | (std::uint32_t{bytes_[at + 1]} << 16) |
         (std::uint32_t{bytes_[at + 2]} << 8) | std::uint32_t{bytes_[at + 3]};
}

std::optional<std::span<const std::uint8_t>> ByteReader::bytes(std::size_t n) {
  std::size_t at = offset_;
  if (!take(n)) return std::nullopt;
  return bytes_.subspan(at, n);
}

std::optional<ByteReader> ByteReader::sub(std::size_t n) {
  auto view = bytes(n);
  if (!view) return std::nullopt;
  return ByteReader(*view);
}

std::span<const std::uint8_t> ByteReader::rest() {
  if (failed_) return {};
  auto view = bytes_.subspan(offset_);
  offset_ = bytes_.size();
  return view;
}

}  // namespace l3vpn::wire
