#include "bgp/codec/path_attributes.hpp"

namespace l3vpn::bgp {

ExtendedCommunity ExtendedCommunity::route_target(std::uint8_t type, std::uint32_t administrator,
                                                  std::uint32_t assigned) {
  ExtendedCommunity c;
  c.bytes[0] = type;  // transitive, type 0 / 1 / 2
  c.bytes[1] = 0x02;  // route target
  auto put = [&c](std::size_t at, std::uint32_t v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      c.bytes[at + i] = static_cast<std::uint8_t>(v >> (8 * (n - 1 - i)));
  };
  if (type == 0x00) {  // 2-octet AS : 4-octet number
    put(2, administrator, 2);
    put(4, assigned, 4);
  } else {  // IPv4 address or 4-octet AS : 2-octet number
    put(2, administrator, 4);
    put(6, assigned, 2);
  }
  return c;
}

}  // namespace l3vpn::bgp
