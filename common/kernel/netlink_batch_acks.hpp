// What a batch of netlink requests asks the kernel to answer, and what its
// answers mean (pure; the socket is netlink_batch.hpp).
//
// The kernel runs the messages of one sendmsg in order (netlink_rcv_skb) and
// answers a message with an NLMSG_ERROR when it failed or when it carries
// NLM_F_ACK (rtnetlink(7), netlink(7)). So a batch needs only one ack: with
// AckMode::ErrorsOnly, every request but the last has NLM_F_ACK cleared; the
// kernel still answers each failed one (by its sequence number), and the last
// one's answer, queued after all of those, says the batch has run. A request
// with no answer before it succeeded. Half the skbs, half the receive work.
//
// That inference holds only if no answer was lost: when the receive queue
// overran (ENOBUFS) or the last answer never came, every request without an
// answer is `unanswered` (unknown), for the caller to retry one by one, as in
// AckMode::EveryRequest. Nothing is assumed done that the kernel may have
// refused.
#pragma once

#include <cstdint>
#include <vector>

#include "kernel/route_message.hpp"

namespace l3vpn::kernel {

enum class AckMode {
  EveryRequest,  // NLM_F_ACK on each request: one answer each
  ErrorsOnly,    // NLM_F_ACK on the last request only: answers for failures + the last
};

// Clears NLM_F_ACK in every message of `bytes` but the last. False (bytes left
// as they were) when `bytes` is not a whole number of netlink messages.
bool ack_last_only(std::vector<std::uint8_t>& bytes);

struct BatchAnswers {
  std::vector<Ack> acks;                  // one per request we know the outcome of, error 0 = done
  std::vector<std::uint32_t> unanswered;  // requests of unknown outcome, ascending
};

// The outcome of requests first .. first + count - 1 from the answers that
// came (`answered`: first answer per request, in any order; answers of other
// sequence numbers ignored). `lost_answers`: the socket reported ENOBUFS, or
// stopped waiting before the end.
BatchAnswers settle_batch(AckMode mode, std::uint32_t first, std::size_t count,
                          const std::vector<Ack>& answered, bool lost_answers);

}  // namespace l3vpn::kernel
