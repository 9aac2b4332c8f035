// OSPF's socket on one interface (edge code, Linux, Asio): a raw IPv4 socket
// for IP protocol 89, bound to the interface (SO_BINDTODEVICE, which also
// puts it in the interface's VRF when the interface is enslaved to one),
// joined to AllSPFRouters 224.0.0.5 and AllDRouters 224.0.0.6 on that
// interface, multicast out of it with TTL 1 and no loopback, IP precedence 6
// (TOS 0xC0, as IOS sends OSPF), IP_PKTINFO to learn each packet's
// destination and interface.
//
// Receiving: every readable datagram is read, its IP header stripped by IHL
//   (parse_ip_datagram), packets we sent ourselves (source = our address)
//   dropped, and (source, destination, OSPF bytes) handed to the handler.
// Sending: send(destination, OSPF bytes): the kernel builds the IP header;
//   the source is the interface address (IP_PKTINFO on each send).
// Threads: every call and the handler on the io_context's thread; not
//   thread-safe. The handler never runs inside a call on this object.
// Limits: datagrams up to 65535 bytes; no IP fragments reassembly beyond
//   what the kernel does. A send that would block (full socket buffer) is
//   dropped and counted: OSPF retransmits.
// Safety: open() refuses a device that does not carry the configured
//   address, so a lab configuration never makes us speak on this host.
// Failure: open() returns a message naming the step and errno ("eth9:
//   SO_BINDTODEVICE: No such device"), leaves the socket closed and never
//   throws: the caller logs it and the other interfaces run. Needs
//   CAP_NET_RAW. Read errors are counted and reading goes on.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>

namespace l3vpn::ospf {

struct RawSocketConfig {
  std::string interface;     // the Linux device name: "eth1"
  std::uint32_t address = 0; // the interface's primary address (host order): our source
};

class RawSocket {
 public:
  using ReceiveHandler = std::function<void(std::uint32_t source, std::uint32_t destination,
                                            std::span<const std::uint8_t> packet)>;

  RawSocket(boost::asio::io_context& io, RawSocketConfig config, ReceiveHandler on_packet);
  ~RawSocket();
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  std::optional<std::string> open();
  void close();
  bool is_open() const { return descriptor_.is_open(); }

  // False (and counted) when the packet could not be handed to the kernel.
  bool send(std::uint32_t destination, std::span<const std::uint8_t> packet);

  const RawSocketConfig& config() const { return config_; }
  // "received", "sent", "send failed", "own packet", "short datagram"...
  const std::map<std::string, std::uint64_t>& counters() const { return counters_; }

 private:
  void wait_readable();
  void read_all();

  RawSocketConfig config_;
  ReceiveHandler on_packet_;
  boost::asio::posix::stream_descriptor descriptor_;
  unsigned int ifindex_ = 0;
  std::array<std::uint8_t, 65536> buffer_{};
  std::map<std::string, std::uint64_t> counters_;
};

}  // namespace l3vpn::ospf
