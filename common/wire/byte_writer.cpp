#include "wire/byte_writer.hpp"

namespace l3vpn::wire {

void ByteWriter::u16(std::uint16_t v) {
  out_.push_back(static_cast<std::uint8_t>(v >> 8));
  out_.push_back(static_cast<std::uint8_t>(v));
}

void ByteWriter::u24(std::uint32_t v) {
  out_.push_back(static_cast<std::uint8_t>(v >> 16));
  out_.push_back(static_cast<std::uint8_t>(v >> 8));
  out_.push_back(static_cast<std::uint8_t>(v));
}

void ByteWriter::u32(std::uint32_t v) {
  u16(static_cast<std::uint16_t>(v >> 16));
  u16(static_cast<std::uint16_t>(v));
}

void ByteWriter::patch_u8_length(std::size_t at) {
  out_[at] = static_cast<std::uint8_t>(out_.size() - at - 1);
}

void ByteWriter::patch_u16_length(std::size_t at) {
  patch_u16(at, static_cast<std::uint16_t>(out_.size() - at - 2));
}

void ByteWriter::patch_u16(std::size_t at, std::uint16_t v) {
  out_[at] = static_cast<std::uint8_t>(v >> 8);
  out_[at + 1] = static_cast<std::uint8_t>(v);
}

}  // namespace l3vpn::wire
