#include "bgp/transport/message_framer.hpp"

namespace l3vpn::bgp {

void MessageFramer::append(std::span<const std::uint8_t> bytes) {
  if (failed_) return;
  if (consumed_ > 0 && consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::optional<Decoded<FramedMessage>> MessageFramer::next() {
  if (failed_ || buffered() < kHeaderLength) return std::nullopt;
  const std::span<const std::uint8_t> pending(buffer_.data() + consumed_, buffered());
  auto header = decode_header(pending.first(kHeaderLength), max_length_);
  if (auto* error = std::get_if<DecodeError>(&header)) {
    failed_ = true;
    return Decoded<FramedMessage>{std::move(*error)};
  }
  const MessageHeader h = std::get<MessageHeader>(header);
  if (pending.size() < h.length) return std::nullopt;
  FramedMessage message{h, std::vector<std::uint8_t>(pending.begin(), pending.begin() + h.length)};
  consumed_ += h.length;
  // Move the remainder to the front once the consumed part dominates.
  if (consumed_ >= 65536 || consumed_ * 2 >= buffer_.size()) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_));
    consumed_ = 0;
  }
  return Decoded<FramedMessage>{std::move(message)};
}

}  // namespace l3vpn::bgp
