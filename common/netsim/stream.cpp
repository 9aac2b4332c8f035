#include "netsim/stream.hpp"

#include <algorithm>

namespace l3vpn::netsim {

const char* to_string(CloseReason reason) {
  switch (reason) {
    case CloseReason::PeerClosed: return "peer closed";
    case CloseReason::LinkDown: return "link down";
  }
  return "?";
}

void StreamEndpoint::on_data(DataHandler handler) {
  data_handler_ = std::move(handler);
  if (!received_.empty() || eof_arrived_) schedule_drain();
}

bool StreamEndpoint::write(std::span<const std::uint8_t> bytes) {
  if (state_ != State::Open) return false;
  const auto peer = peer_.lock();
  if (!peer) return false;
  bytes_written_ += bytes.size();
  if (bytes.empty()) return true;
  auto copy = std::make_shared<const std::vector<std::uint8_t>>(bytes.begin(), bytes.end());
  scheduler_.schedule(latency_, [peer, copy] { peer->arrive(copy); });
  return true;
}

void StreamEndpoint::close() {
  if (state_ != State::Open) return;
  state_ = State::Closed;
  received_.clear();
  if (const auto peer = peer_.lock()) {
    scheduler_.schedule(latency_, [peer] { peer->arrive_eof(); });
  }
}

void StreamEndpoint::arrive(std::shared_ptr<const std::vector<std::uint8_t>> bytes) {
  if (state_ != State::Open) return;  // closed or failed here: discarded
  received_.insert(received_.end(), bytes->begin(), bytes->end());
  schedule_drain();
}

void StreamEndpoint::arrive_eof() {
  if (state_ != State::Open) return;
  eof_arrived_ = true;
  schedule_drain();
}

void StreamEndpoint::fail(CloseReason reason) {
  if (state_ != State::Open) return;
  state_ = State::Failed;
  received_.clear();
  scheduler_.schedule(core::Duration::zero(), [self = shared_from_this(), reason] {
    if (self->close_handler_) {
      const CloseHandler handler = self->close_handler_;
      handler(reason);
    }
  });
}

void StreamEndpoint::schedule_drain() {
  if (drain_scheduled_) return;
  if (!received_.empty() && !data_handler_) return;  // waits for on_data()
  drain_scheduled_ = true;
  scheduler_.schedule(core::Duration::zero(), [self = shared_from_this()] { self->drain(); });
}

// One piece per event, so other events due at the same instant interleave.
void StreamEndpoint::drain() {
  drain_scheduled_ = false;
  if (state_ != State::Open) return;
  if (!received_.empty()) {
    if (!data_handler_) return;
    const std::size_t size = chunking_.next(received_.size());
    const auto end = received_.begin() + static_cast<std::ptrdiff_t>(size);
    const std::vector<std::uint8_t> piece(received_.begin(), end);
    received_.erase(received_.begin(), end);
    bytes_read_ += size;
    const DataHandler handler = data_handler_;  // the handler may replace itself
    handler(piece);
    if (state_ == State::Open && (!received_.empty() || eof_arrived_)) schedule_drain();
    return;
  }
  if (eof_arrived_) {
    state_ = State::Closed;
    if (close_handler_) {
      const CloseHandler handler = close_handler_;
      handler(CloseReason::PeerClosed);
    }
  }
}

}  // namespace l3vpn::netsim
