// A NETLINK_ROUTE socket that sends many route requests per sendmsg and
// collects one ack per request (the edge under NetlinkFib's route steps).
//
// The kernel runs every message of one sendmsg in turn (netlink_rcv_skb) and
// queues one NLMSG_ERROR per request (NLM_F_ACK); NETLINK_CAP_ACK keeps acks
// short (the request is not echoed), NETLINK_EXT_ACK adds the kernel's text.
// Buffers: SO_SNDBUFFORCE/SO_RCVBUFFORCE (root) to 8 MiB, else the defaults.
// Each ack is its own skb, charged ~1-2 KiB (truesize) against the receive
// buffer whatever its length, so a batch is bounded in messages
// (max_batch_messages(): receive buffer / 2 KiB, at most 4096) as well as in
// bytes (max_batch_bytes()). An ack lost anyway (the queue overran) leaves its
// request without an answer; so does one not come within 10 s (recv is
// polled, never blocks for ever): exchange() returns those in `unanswered`
// for the caller to retry (the kernel ran them: replace and delete are safe
// to repeat).
//
// AckMode::ErrorsOnly (netlink_batch_acks.hpp): only the last request of a
// batch asks for an ack; the kernel still answers every failed request, so
// each failure is still reported with its own errno and text, and a batch is
// bounded in bytes only (failures beyond the receive buffer are ENOBUFS, and
// then every silent request is unanswered and retried).
//
// dump(): one NLM_F_DUMP request, every answer up to NLMSG_DONE (for the
// dumps libnl 3.7 does not parse: nexthop objects, routes' RTA_NH_ID).
//
// Blocking, single-threaded; one instance per thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/netlink_batch_acks.hpp"
#include "kernel/route_message.hpp"

namespace l3vpn::kernel {

class NetlinkBatchSocket {
 public:
  // nullopt and `error` set when the socket cannot be opened.
  static std::optional<NetlinkBatchSocket> open(std::string& error);
  NetlinkBatchSocket(NetlinkBatchSocket&& other) noexcept;
  NetlinkBatchSocket& operator=(NetlinkBatchSocket&&) = delete;
  NetlinkBatchSocket(const NetlinkBatchSocket&) = delete;
  ~NetlinkBatchSocket();

  struct Exchange {
    std::vector<Ack> acks;                 // in the order the kernel answered
    std::vector<std::uint32_t> unanswered;  // sequence numbers with no ack
    std::string socket_error;               // send/recv failure, "" when none
  };
  // Sends `buffer` (requests numbered first_seq .. first_seq + messages - 1)
  // and waits for their acks.
  Exchange exchange(const RequestBuffer& buffer, std::uint32_t first_seq);
  // The same for requests already as bytes (`messages` of them).
  Exchange exchange(std::vector<std::uint8_t> bytes, std::size_t messages, std::uint32_t first_seq);

  struct Dump {
    std::vector<std::vector<std::uint8_t>> messages;  // each one whole netlink message
    std::string error;                                // "" when the dump ended with NLMSG_DONE
    int kernel_error = 0;                             // the kernel refused the dump: its errno
  };
  // Sends one dump request (its own sequence number in it) and collects the answers.
  Dump dump(const std::vector<std::uint8_t>& request);

  void set_ack_mode(AckMode mode) { ack_mode_ = mode; }
  AckMode ack_mode() const { return ack_mode_; }
  std::size_t max_batch_bytes() const { return max_batch_bytes_; }
  // Acks for every request must all fit the receive buffer; errors only need not.
  std::size_t max_batch_messages() const {
    return ack_mode_ == AckMode::ErrorsOnly ? max_batch_bytes_ / sizeof(std::uint32_t) : max_batch_messages_;
  }

 private:
  NetlinkBatchSocket(int fd, std::size_t max_batch_bytes, std::size_t max_batch_messages)
      : fd_(fd), max_batch_bytes_(max_batch_bytes), max_batch_messages_(max_batch_messages) {}
  int fd_ = -1;
  std::size_t max_batch_bytes_ = 0;
  std::size_t max_batch_messages_ = 0;
  AckMode ack_mode_ = AckMode::EveryRequest;
};

}  // namespace l3vpn::kernel
