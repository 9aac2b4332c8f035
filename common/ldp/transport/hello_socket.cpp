#include "ldp/transport/hello_socket.hpp"

#include <arpa/inet.h>
#include <boost/asio/ip/multicast.hpp>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "bgp/transport/socket_options.hpp"

namespace l3vpn::ldp {
namespace {

constexpr std::uint32_t kAllRouters = 0xE0000002;  // 224.0.0.2

ip_mreqn membership(std::uint32_t group, std::uint32_t address, unsigned int ifindex) {
  ip_mreqn m{};
  m.imr_multiaddr.s_addr = htonl(group);
  m.imr_address.s_addr = htonl(address);
  m.imr_ifindex = static_cast<int>(ifindex);
  return m;
}

}  // namespace

HelloSocket::HelloSocket(boost::asio::io_context& io, HelloSocketConfig config, ReceiveHandler on_hello)
    : config_(std::move(config)), on_hello_(std::move(on_hello)), socket_(io) {}

HelloSocket::~HelloSocket() {
  *alive_ = false;
  close();
}

std::optional<std::string> HelloSocket::open() {
  if (socket_.is_open()) return std::nullopt;
  const std::string& name = config_.interface;
  const unsigned int ifindex = ::if_nametoindex(name.c_str());
  if (ifindex == 0) return name + ": no such interface";
  if (!bgp::interface_has_address(name, config_.address))
    return name + ": the device does not have the configured address " +
           boost::asio::ip::address_v4(config_.address).to_string() + " (a configuration written for another machine?)";
  boost::system::error_code error;
  const auto failed = [&](const std::string& step) -> std::optional<std::string> {
    boost::system::error_code ignored;
    socket_.close(ignored);
    return name + ": LDP discovery socket: " + step;
  };
  socket_.open(boost::asio::ip::udp::v4(), error);
  if (error) return failed("socket: " + error.message());
  socket_.set_option(boost::asio::socket_base::reuse_address(true), error);
  if (error) return failed("SO_REUSEADDR: " + error.message());
  if (auto bad = bgp::bind_to_device(socket_.native_handle(), name)) return failed(*bad);
  socket_.bind(boost::asio::ip::udp::endpoint(boost::asio::ip::address_v4::any(), config_.port), error);
  if (error) return failed("bind 0.0.0.0:" + std::to_string(config_.port) + ": " + error.message());
  const int fd = socket_.native_handle();
  const ip_mreqn join = membership(kAllRouters, config_.address, ifindex);
  if (::setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &join, sizeof join) != 0)
    return failed(std::string("IP_ADD_MEMBERSHIP 224.0.0.2: ") + std::strerror(errno));
  const ip_mreqn out = membership(0, config_.address, ifindex);
  if (::setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &out, sizeof out) != 0)
    return failed(std::string("IP_MULTICAST_IF: ") + std::strerror(errno));
  socket_.set_option(boost::asio::ip::multicast::hops(1), error);  // link Hellos stay on the link
  if (error) return failed("IP_MULTICAST_TTL: " + error.message());
  socket_.set_option(boost::asio::ip::multicast::enable_loopback(false), error);
  if (error) return failed("IP_MULTICAST_LOOP: " + error.message());
  receive_next();
  return std::nullopt;
}

void HelloSocket::close() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

void HelloSocket::receive_next() {
  socket_.async_receive_from(
      boost::asio::buffer(buffer_), sender_,
      [this, alive = alive_](const boost::system::error_code& error, std::size_t size) {
        if (!*alive || error == boost::asio::error::operation_aborted || !socket_.is_open()) return;
        if (error) {
          ++counters_["receive error"];
        } else if (sender_.address().is_v4() && sender_.address().to_v4().to_uint() == config_.address) {
          ++counters_["own hello"];
        } else if (sender_.address().is_v4()) {
          ++counters_["received"];
          const ReceiveHandler handler = on_hello_;
          if (handler) handler(sender_.address().to_v4().to_uint(), std::span<const std::uint8_t>(buffer_.data(), size));
        }
        if (socket_.is_open()) receive_next();
      });
}

bool HelloSocket::send(std::vector<std::uint8_t> pdu) {
  if (!socket_.is_open()) {
    ++counters_["send while closed"];
    return false;
  }
  boost::system::error_code error;
  const boost::asio::ip::udp::endpoint to(boost::asio::ip::address_v4(kAllRouters), config_.port);
  // Small datagrams on a UDP socket: a synchronous send does not block in practice.
  socket_.send_to(boost::asio::buffer(pdu), to, 0, error);
  if (error) {
    ++counters_["send failed"];
    return false;
  }
  ++counters_["sent"];
  return true;
}

}  // namespace l3vpn::ldp
