// Writing one rtnetlink request into a byte buffer (pure): the nlmsghdr, the
// family's fixed part (raw), attributes, nests, and the lengths patched at
// the end. Shared by the route requests (route_message) and the nexthop
// object requests (nexthop_message).
//
// Offsets, never pointers, are kept: the vector may move while it grows.
// Several messages may be appended to one buffer (a batch); each writer
// patches only its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <vector>

#include "config/address.hpp"
#include "kernel/desired_state.hpp"

namespace l3vpn::kernel {

constexpr std::size_t netlink_align4(std::size_t n) { return (n + 3u) & ~std::size_t{3}; }

// Host to network byte order without <arpa/inet.h>'s macros (-Wconversion).
inline std::uint32_t to_network_order(std::uint32_t host) {
  const std::uint8_t b[4] = {static_cast<std::uint8_t>(host >> 24), static_cast<std::uint8_t>(host >> 16),
                             static_cast<std::uint8_t>(host >> 8), static_cast<std::uint8_t>(host)};
  std::uint32_t network = 0;
  std::memcpy(&network, b, sizeof network);
  return network;
}

class NetlinkWriter {
 public:
  explicit NetlinkWriter(std::vector<std::uint8_t>& out) : out_(out), start_(out.size()) {}

  void header(std::uint16_t type, std::uint16_t flags, std::uint32_t seq) {
    nlmsghdr h{};
    h.nlmsg_type = type;
    h.nlmsg_flags = flags;
    h.nlmsg_seq = seq;
    raw(&h, sizeof h);
  }
  // Bytes as they are, padded to 4 from the message's start.
  void raw(const void* data, std::size_t size) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    out_.insert(out_.end(), p, p + size);
    out_.resize(start_ + netlink_align4(out_.size() - start_), 0);
  }
  void attr(std::uint16_t type, const void* data, std::size_t size) {
    rtattr a{};
    a.rta_len = static_cast<unsigned short>(sizeof(rtattr) + size);
    a.rta_type = type;
    const auto* h = reinterpret_cast<const std::uint8_t*>(&a);
    out_.insert(out_.end(), h, h + sizeof a);
    raw(data, size);
  }
  void u16(std::uint16_t type, std::uint16_t value) { attr(type, &value, sizeof value); }
  void u32(std::uint16_t type, std::uint32_t value) { attr(type, &value, sizeof value); }
  void ipv4(std::uint16_t type, Ipv4Address address) {
    const std::uint32_t network = to_network_order(address.value);
    attr(type, &network, sizeof network);
  }
  // An MPLS label stack (outermost first), bottom-of-stack bit on the last.
  void labels(std::uint16_t type, const std::vector<MplsLabel>& stack) {
    std::vector<std::uint32_t> entries;
    for (std::size_t i = 0; i < stack.size(); ++i) {
      entries.push_back(to_network_order((stack[i] << 12) | (i + 1 == stack.size() ? 0x100u : 0u)));
    }
    attr(type, entries.data(), entries.size() * sizeof(std::uint32_t));
  }
  // Nest: returns the offset of the rtattr header, closed by end_nest.
  std::size_t begin_nest(std::uint16_t type) {
    const std::size_t at = out_.size();
    attr(type, nullptr, 0);
    return at;
  }
  void end_nest(std::size_t at) { patch_u16(at, static_cast<std::uint16_t>(out_.size() - at)); }
  std::size_t offset() const { return out_.size(); }
  void patch_u16(std::size_t at, std::uint16_t value) { std::memcpy(&out_[at], &value, sizeof value); }
  // nlmsg_len, the header's first field, once everything is written.
  void finish() {
    const auto length = static_cast<std::uint32_t>(out_.size() - start_);
    std::memcpy(&out_[start_], &length, sizeof length);
  }
  // Drops this message (an encoding error half-way).
  void abandon() { out_.resize(start_); }

 private:
  std::vector<std::uint8_t>& out_;
  std::size_t start_;
};

}  // namespace l3vpn::kernel
