#include "kernel/link_events.hpp"

#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <cstring>

namespace l3vpn::kernel {

namespace {

constexpr std::size_t align4(std::size_t n) { return (n + 3u) & ~std::size_t{3}; }

struct Attribute {
  std::uint16_t type = 0;
  const std::uint8_t* data = nullptr;
  std::size_t size = 0;
};

// The attributes from `at` to `end`; false when one runs past the end.
bool attributes(const std::uint8_t* bytes, std::size_t at, std::size_t end, std::vector<Attribute>& out) {
  while (at + sizeof(rtattr) <= end) {
    rtattr a{};
    std::memcpy(&a, bytes + at, sizeof a);
    if (a.rta_len < sizeof a || a.rta_len > end - at) return false;
    out.push_back({a.rta_type, bytes + at + sizeof a, a.rta_len - sizeof a});
    at += align4(a.rta_len);
  }
  return true;
}

std::string text(const Attribute& a) {
  const char* s = reinterpret_cast<const char*>(a.data);
  return std::string(s, strnlen(s, a.size));
}

}  // namespace

MonitorParse decode_monitor_events(const std::uint8_t* bytes, std::size_t size) {
  MonitorParse parse;
  std::size_t at = 0;
  while (at + sizeof(nlmsghdr) <= size) {
    nlmsghdr h{};
    std::memcpy(&h, bytes + at, sizeof h);
    if (h.nlmsg_len < sizeof h || h.nlmsg_len > size - at) {
      ++parse.malformed;  // the length cannot be trusted: nothing after it can be found
      return parse;
    }
    const std::size_t body = at + sizeof h;
    const std::size_t end = at + h.nlmsg_len;
    std::vector<Attribute> attrs;
    if (h.nlmsg_type == RTM_NEWLINK || h.nlmsg_type == RTM_DELLINK) {
      ifinfomsg info{};
      if (end - body < sizeof info || !attributes(bytes, body + align4(sizeof info), end, attrs)) {
        ++parse.malformed;
      } else {
        std::memcpy(&info, bytes + body, sizeof info);
        LinkEvent event;
        event.index = info.ifi_index;
        event.removed = h.nlmsg_type == RTM_DELLINK;
        event.admin_up = (info.ifi_flags & IFF_UP) != 0;
        event.carrier = (info.ifi_flags & IFF_LOWER_UP) != 0;
        for (const auto& a : attrs) {
          if (a.type == IFLA_IFNAME) event.name = text(a);
        }
        parse.events.emplace_back(std::move(event));
      }
    } else if (h.nlmsg_type == RTM_NEWADDR || h.nlmsg_type == RTM_DELADDR) {
      ifaddrmsg info{};
      if (end - body < sizeof info || !attributes(bytes, body + align4(sizeof info), end, attrs)) {
        ++parse.malformed;
      } else {
        std::memcpy(&info, bytes + body, sizeof info);
        if (info.ifa_family == AF_INET) {
          AddressEvent event;
          event.index = static_cast<int>(info.ifa_index);
          event.removed = h.nlmsg_type == RTM_DELADDR;
          event.address.length = info.ifa_prefixlen;
          bool have_address = false;
          for (const auto& a : attrs) {
            if (a.type == IFA_LABEL) event.label = text(a);
            // IFA_LOCAL is the interface's own address; IFA_ADDRESS is the peer's
            // on point-to-point links, so IFA_LOCAL wins when both are there.
            if ((a.type == IFA_LOCAL || (a.type == IFA_ADDRESS && !have_address)) && a.size == 4) {
              event.address.address.value = (std::uint32_t{a.data[0]} << 24) | (std::uint32_t{a.data[1]} << 16) |
                                            (std::uint32_t{a.data[2]} << 8) | a.data[3];
              have_address = a.type == IFA_LOCAL || have_address;
            }
          }
          parse.events.emplace_back(std::move(event));
        }
      }
    }
    at += align4(h.nlmsg_len);
  }
  return parse;
}

std::string describe(const MonitorEvent& event) {
  if (const auto* link = std::get_if<LinkEvent>(&event)) {
    if (link->removed) return "link " + link->name + " (" + std::to_string(link->index) + ") removed";
    return "link " + link->name + " (" + std::to_string(link->index) + ") " +
           (link->admin_up ? "up" : "down") + (link->carrier ? ", carrier" : ", no carrier");
  }
  const auto& address = std::get<AddressEvent>(event);
  return "address " + address.address.to_string() + " on " + address.label +
         (address.removed ? " removed" : " added");
}

}  // namespace l3vpn::kernel
