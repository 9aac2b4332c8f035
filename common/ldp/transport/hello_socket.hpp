// LDP basic discovery's socket on one "mpls ip" interface (edge code, Linux,
// Asio): UDP bound to 0.0.0.0:646 and to the interface (SO_BINDTODEVICE),
// joined to all-routers 224.0.0.2 there; link Hellos go to 224.0.0.2:646
// out of the interface, from its address, with TTL 1 (RFC 5036 2.4.1).
//
// Several interfaces share port 646: SO_REUSEADDR lets one socket per
// device bind it, and multicast is delivered to every socket whose device
// matches. SO_REUSEPORT is deliberately not set: its load balancing may hand
// a datagram to a socket bound to another device.
// Threads: every call and the handler on the io_context's thread; not
//   thread-safe; the handler never runs inside a call on this object.
// Limits: datagrams up to 4096 bytes (an LDP PDU's maximum); longer ones are
//   truncated by the kernel and the codec refuses them.
// Safety: open() refuses a device that does not carry the configured
//   address, so a lab configuration never makes us speak on this host.
// Failure: open() returns a message naming the interface, the step and the
//   errno text, and leaves the socket closed; the caller logs it and the
//   other interfaces run. Send and receive errors are counted, never thrown.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace l3vpn::ldp {

struct HelloSocketConfig {
  std::string interface;      // the Linux device name
  std::uint32_t address = 0;  // its primary address (host order): the Hello's source
  std::uint16_t port = 646;
};

class HelloSocket {
 public:
  using ReceiveHandler = std::function<void(std::uint32_t source, std::span<const std::uint8_t> pdu)>;

  HelloSocket(boost::asio::io_context& io, HelloSocketConfig config, ReceiveHandler on_hello);
  ~HelloSocket();
  HelloSocket(const HelloSocket&) = delete;
  HelloSocket& operator=(const HelloSocket&) = delete;

  std::optional<std::string> open();
  void close();
  bool is_open() const { return socket_.is_open(); }
  bool send(std::vector<std::uint8_t> pdu);

  const HelloSocketConfig& config() const { return config_; }
  const std::map<std::string, std::uint64_t>& counters() const { return counters_; }

 private:
  void receive_next();

  HelloSocketConfig config_;
  ReceiveHandler on_hello_;
  boost::asio::ip::udp::socket socket_;
  boost::asio::ip::udp::endpoint sender_;
  std::array<std::uint8_t, 4096> buffer_{};
  std::map<std::string, std::uint64_t> counters_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace l3vpn::ldp
