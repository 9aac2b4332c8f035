#include "ldp/transport/pdu_framer.hpp"

namespace l3vpn::ldp {

void PduFramer::append(std::span<const std::uint8_t> bytes) {
  if (failed_) return;
  if (consumed_ > 0 && consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::optional<Decoded<std::vector<std::uint8_t>>> PduFramer::next() {
  if (failed_ || buffered() < kPduHeaderLength) return std::nullopt;
  const std::span<const std::uint8_t> pending(buffer_.data() + consumed_, buffered());
  PduLimits limits;
  limits.max_pdu_length = max_pdu_length_;
  auto header = decode_pdu_header(pending.first(kPduHeaderLength), limits);
  if (auto* error = std::get_if<DecodeError>(&header)) {
    failed_ = true;
    return Decoded<std::vector<std::uint8_t>>{std::move(*error)};
  }
  const std::size_t size = 4u + std::get<PduHeader>(header).length;
  if (pending.size() < size) return std::nullopt;
  std::vector<std::uint8_t> pdu(pending.begin(), pending.begin() + static_cast<std::ptrdiff_t>(size));
  consumed_ += size;
  // Compact once the consumed part dominates, so a long session stays small.
  if (consumed_ * 2 >= buffer_.size()) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_));
    consumed_ = 0;
  }
  return Decoded<std::vector<std::uint8_t>>{std::move(pdu)};
}

}  // namespace l3vpn::ldp
