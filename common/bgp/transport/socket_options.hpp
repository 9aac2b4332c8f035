// Linux socket options for BGP transport sockets (edge code): TCP MD5
// signatures (RFC 2385) and binding to a VRF device.
//
// Each takes a native socket descriptor and returns an error message naming
// the option and errno's text instead of throwing; nothing here keeps state.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace l3vpn::bgp {

inline constexpr std::size_t kMaxTcpMd5KeyLength = 80;  // TCP_MD5SIG_MAXKEYLEN

// RFC 2385: sign (and require signatures on) segments to and from `peer`.
// An empty key removes the peer's key. Keys are at most 80 bytes
// (TCP_MD5SIG_MAXKEYLEN). On a listening socket the key is inherited by the
// connections it accepts from `peer`; set it before listen()/connect().
std::optional<std::string> set_tcp_md5_key(int fd, const boost::asio::ip::address& peer,
                                           std::string_view key);

// SO_BINDTODEVICE: the socket sends and receives only through `device` (a
// VRF master device, for a session inside a VRF). Empty: no-op.
std::optional<std::string> bind_to_device(int fd, const std::string& device);

// The device a socket is bound to, as the kernel has it (getsockopt
// SO_BINDTODEVICE): "" when none or when the query fails.
std::string bound_device(int fd);

}  // namespace l3vpn::bgp

namespace l3vpn::bgp {

// Whether the Linux device `device` carries the IPv4 address `address`
// (host order), by getifaddrs(). The OSPF and LDP edges check it before they
// open a socket on a device, so a configuration written for another machine
// (a lab's "eth1") never makes the daemon speak on this host's "eth1".
bool interface_has_address(const std::string& device, std::uint32_t address);

}  // namespace l3vpn::bgp
