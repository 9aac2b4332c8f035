#include "kernel/netlink_batch_acks.hpp"

#include <linux/netlink.h>

#include <cstring>

namespace l3vpn::kernel {

bool ack_last_only(std::vector<std::uint8_t>& bytes) {
  // Find every header first, so malformed bytes are left untouched.
  std::vector<std::size_t> headers;
  std::size_t at = 0;
  while (at < bytes.size()) {
    if (bytes.size() - at < sizeof(nlmsghdr)) return false;
    nlmsghdr h{};
    std::memcpy(&h, bytes.data() + at, sizeof h);
    if (h.nlmsg_len < sizeof h || h.nlmsg_len > bytes.size() - at) return false;
    headers.push_back(at);
    at += NLMSG_ALIGN(h.nlmsg_len);
  }
  for (std::size_t i = 0; i + 1 < headers.size(); ++i) {
    nlmsghdr h{};
    std::memcpy(&h, bytes.data() + headers[i], sizeof h);
    h.nlmsg_flags = static_cast<std::uint16_t>(h.nlmsg_flags & ~NLM_F_ACK);
    std::memcpy(bytes.data() + headers[i], &h, sizeof h);
  }
  return true;
}

BatchAnswers settle_batch(AckMode mode, std::uint32_t first, std::size_t count,
                          const std::vector<Ack>& answered, bool lost_answers) {
  BatchAnswers result;
  std::vector<const Ack*> by_request(count, nullptr);
  for (const Ack& ack : answered) {
    const std::uint32_t offset = ack.seq - first;  // wraps for older numbers: out of range
    if (offset < count && by_request[offset] == nullptr) by_request[offset] = &ack;
  }
  // Silence means success only when the last request was answered (so every
  // earlier failure's answer was queued before it) and none was dropped.
  const bool silence_is_success = mode == AckMode::ErrorsOnly && count > 0 &&
                                  by_request[count - 1] != nullptr && !lost_answers;
  for (std::size_t i = 0; i < count; ++i) {
    const auto seq = first + static_cast<std::uint32_t>(i);
    if (by_request[i] != nullptr) {
      result.acks.push_back(*by_request[i]);
    } else if (silence_is_success) {
      result.acks.push_back(Ack{seq, 0, ""});
    } else {
      result.unanswered.push_back(seq);
    }
  }
  return result;
}

}  // namespace l3vpn::kernel
