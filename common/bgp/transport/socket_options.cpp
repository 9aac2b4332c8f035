#include "bgp/transport/socket_options.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>

namespace l3vpn::bgp {

static_assert(kMaxTcpMd5KeyLength == TCP_MD5SIG_MAXKEYLEN);

namespace {

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

}  // namespace

std::optional<std::string> set_tcp_md5_key(int fd, const boost::asio::ip::address& peer,
                                           std::string_view key) {
  if (key.size() > TCP_MD5SIG_MAXKEYLEN) {
    return "TCP MD5 key longer than " + std::to_string(TCP_MD5SIG_MAXKEYLEN) + " bytes";
  }
  struct tcp_md5sig sig {};
  if (peer.is_v4()) {
    sockaddr_in sin{};
    sin.sin_family = AF_INET;
    const auto bytes = peer.to_v4().to_bytes();
    std::memcpy(&sin.sin_addr, bytes.data(), bytes.size());
    std::memcpy(&sig.tcpm_addr, &sin, sizeof sin);
  } else {
    sockaddr_in6 sin6{};
    sin6.sin6_family = AF_INET6;
    const auto bytes = peer.to_v6().to_bytes();
    std::memcpy(&sin6.sin6_addr, bytes.data(), bytes.size());
    std::memcpy(&sig.tcpm_addr, &sin6, sizeof sin6);
  }
  sig.tcpm_keylen = static_cast<std::uint16_t>(key.size());
  std::memcpy(sig.tcpm_key, key.data(), key.size());
  if (::setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG, &sig, sizeof sig) != 0) {
    return errno_text(("TCP_MD5SIG for " + peer.to_string()).c_str());
  }
  return std::nullopt;
}

std::optional<std::string> bind_to_device(int fd, const std::string& device) {
  if (device.empty()) return std::nullopt;
  if (::setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device.c_str(),
                   static_cast<socklen_t>(device.size())) != 0) {
    return errno_text(("SO_BINDTODEVICE " + device).c_str());
  }
  return std::nullopt;
}

std::string bound_device(int fd) {
  if (fd < 0) return "";
  char name[IF_NAMESIZE + 1] = {};
  socklen_t length = sizeof name - 1;
  if (::getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, &length) != 0) return "";
  return std::string(name, ::strnlen(name, length));
}

bool interface_has_address(const std::string& device, std::uint32_t address) {
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return false;
  bool found = false;
  for (const ifaddrs* i = list; i != nullptr && !found; i = i->ifa_next) {
    if (i->ifa_addr == nullptr || i->ifa_addr->sa_family != AF_INET || device != i->ifa_name) continue;
    sockaddr_in sin{};
    std::memcpy(&sin, i->ifa_addr, sizeof sin);
    found = ntohl(sin.sin_addr.s_addr) == address;
  }
  ::freeifaddrs(list);
  return found;
}

}  // namespace l3vpn::bgp
