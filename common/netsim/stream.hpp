// One end of a simulated TCP-like connection (made by Network::connect and
// handed to the listener's accept handler).
//
// Bytes written arrive at the other end in order, `latency` later, cut into
// pieces by the receiving end's Chunking (writes landing at the same instant
// may be coalesced; one write may be split). Each piece is its own event in
// the network's loop. Data that arrives before on_data() is set waits for it.
// close() is a full close: the peer gets the bytes already in flight and then
// on_close(PeerClosed); anything the peer still sends is discarded. EOF also
// closes the receiving end (no half-close). A link on the connection's path
// going down fails both ends at once: in-flight and unread bytes are lost and
// on_close(LinkDown) is reported. write() on a closed end returns false.
// Single-threaded; handlers run from the network's event loop only.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "config/address.hpp"
#include "netsim/chunking.hpp"
#include "netsim/event_queue.hpp"

namespace l3vpn::netsim {

struct StreamAddress {
  std::string node;
  config::Ipv4Address address;
  std::uint16_t port = 0;
  bool operator==(const StreamAddress&) const = default;
};

enum class CloseReason { PeerClosed, LinkDown };
const char* to_string(CloseReason reason);

class StreamEndpoint : public std::enable_shared_from_this<StreamEndpoint> {
 public:
  using DataHandler = std::function<void(std::span<const std::uint8_t>)>;
  using CloseHandler = std::function<void(CloseReason)>;

  // Made by StreamTable only.
  StreamEndpoint(Scheduler& scheduler, StreamAddress local, StreamAddress remote,
                 core::Duration latency, Chunking chunking)
      : scheduler_(scheduler), local_(std::move(local)), remote_(std::move(remote)),
        latency_(latency), chunking_(std::move(chunking)) {}
  StreamEndpoint(const StreamEndpoint&) = delete;
  StreamEndpoint& operator=(const StreamEndpoint&) = delete;

  void on_data(DataHandler handler);
  void on_close(CloseHandler handler) { close_handler_ = std::move(handler); }

  bool write(std::span<const std::uint8_t> bytes);
  void close();

  bool is_open() const { return state_ == State::Open; }
  const StreamAddress& local() const { return local_; }
  const StreamAddress& remote() const { return remote_; }
  std::uint64_t bytes_written() const { return bytes_written_; }
  std::uint64_t bytes_read() const { return bytes_read_; }

 private:
  friend class StreamTable;
  enum class State { Open, Closed, Failed };

  void arrive(std::shared_ptr<const std::vector<std::uint8_t>> bytes);
  void arrive_eof();
  void fail(CloseReason reason);
  void schedule_drain();
  void drain();

  Scheduler& scheduler_;
  StreamAddress local_;
  StreamAddress remote_;
  core::Duration latency_;
  Chunking chunking_;
  std::weak_ptr<StreamEndpoint> peer_;
  State state_ = State::Open;
  std::deque<std::uint8_t> received_;
  bool eof_arrived_ = false;
  bool drain_scheduled_ = false;
  DataHandler data_handler_;
  CloseHandler close_handler_;
  std::uint64_t bytes_written_ = 0;
  std::uint64_t bytes_read_ = 0;
};

}  // namespace l3vpn::netsim
