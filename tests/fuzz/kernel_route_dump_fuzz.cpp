// libFuzzer target: any bytes as one recv of a route dump (netlink_read).
// The parser may mark them malformed, but must never read outside the
// buffer; every route it accepts whose devices are known must encode as a
// request (route_message) that parses back to the same forwarding: the
// table, the network prefix, the type and every next hop with its labels.
#include <cstdint>
#include <cstdlib>

#include "kernel/route_message.hpp"

using namespace l3vpn::kernel;

namespace {

const InterfaceNames kNames{{1, "lo"}, {3, "eth1"}, {4, "eth2"}, {9, "A"}};
const InterfaceIndexes kIndexes{{"lo", 1}, {"eth1", 3}, {"eth2", 4}, {"A", 9}};

template <typename Route>
RouteDump reparse(const Route& route, bool& encoded) {
  RequestBuffer buffer;
  RouteDump dump;
  encoded = !buffer.append(RouteRequest::Replace, route, kIndexes, 1);
  if (encoded) parse_route_dump(buffer.bytes().data(), buffer.size(), kNames, dump);
  return dump;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  RouteDump dump;
  parse_route_dump(data, size, kNames, dump);
  for (const Ipv4Route& route : dump.routes) {
    bool encoded = false;
    const RouteDump again = reparse(route, encoded);
    if (!encoded) continue;  // a next hop on an unknown device
    if (again.malformed || again.routes.size() != 1) std::abort();
    const Ipv4Route& back = again.routes.front();
    if (back.table != route.table || back.type != route.type || !(back.prefix == route.prefix.network())) std::abort();
    if (route.type == RouteType::Unicast && back.next_hops != route.next_hops) std::abort();
  }
  for (const MplsRoute& route : dump.mpls_routes) {
    bool encoded = false;
    const RouteDump again = reparse(route, encoded);
    if (!encoded) continue;
    if (again.malformed || again.mpls_routes.size() != 1 || !(again.mpls_routes.front() == route)) std::abort();
  }
  return 0;
}
