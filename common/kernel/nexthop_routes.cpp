#include "kernel/nexthop_routes.hpp"

#include <cerrno>
#include <cstring>
#include <map>

namespace l3vpn::kernel {

namespace {

std::string ack_text(const Ack& ack) {
  std::string text = std::strerror(ack.error);
  if (!ack.message.empty()) text += ": " + ack.message;
  return text;
}

std::string describe_nexthop(std::uint32_t id, const NextHop& hop) {
  std::string text = "create nexthop " + std::to_string(id);
  for (std::size_t i = 0; i < hop.push.size(); ++i) text += (i == 0 ? " encap mpls " : "/") + std::to_string(hop.push[i]);
  if (hop.gateway) text += " via " + hop.gateway->to_string();
  return text + " dev " + hop.interface;
}

}  // namespace

std::optional<std::string> read_nexthop_objects(NetlinkBatchSocket& socket, std::uint32_t& seq,
                                                const InterfaceNames& names,
                                                const std::vector<RouteNexthopId>& named,
                                                std::vector<Ipv4Route>& routes, NexthopTable& table) {
  table.load({}, {}, false);
  const auto objects_dump = socket.dump(nexthop_dump_request(seq++));
  if (objects_dump.kernel_error == EOPNOTSUPP) return std::nullopt;  // no nexthop objects in this kernel
  if (!objects_dump.error.empty()) return objects_dump.error;
  std::vector<KernelNexthop> objects;
  for (const auto& message : objects_dump.messages) {
    if (auto object = parse_nexthop(message, names)) objects.push_back(std::move(*object));
  }
  if (objects.empty()) {
    table.load({}, {}, true);
    return std::nullopt;
  }
  table.load(objects, named, true);
  std::map<RouteKey, std::uint32_t> by_key;
  for (const auto& route : named) by_key[route.key] = route.nexthop_id;
  for (auto& route : routes) {
    if (route.type != RouteType::Unicast || !route.next_hops.empty()) continue;
    auto it = by_key.find(route.key());
    if (it == by_key.end()) continue;
    if (auto hop = table.resolve(it->second)) route.next_hops = {*hop};
  }
  return std::nullopt;
}

std::optional<std::uint32_t> NexthopRouteEncoder::object_for(const Ipv4Route& route) const {
  if (!share_ || !NexthopTable::shareable(route)) return std::nullopt;
  return table_.find(route.next_hops.front());
}

void NexthopRouteEncoder::prepare(const std::vector<const Operation*>& run, NetlinkBatchSocket& socket,
                                  std::uint32_t& seq, const InterfaceIndexes& indexes, ApplyReport& report) {
  if (!share_) return;
  std::vector<std::uint8_t> bytes;
  std::vector<std::pair<std::uint32_t, NextHop>> sent;  // id, hop; in seq order
  std::map<NextHop, std::uint32_t> wanted;
  const std::uint32_t first = seq;
  for (const Operation* op : run) {
    const auto* replace = std::get_if<ReplaceRoute>(op);
    if (replace == nullptr || !NexthopTable::shareable(replace->route)) continue;
    const NextHop& hop = replace->route.next_hops.front();
    if (table_.find(hop) || wanted.contains(hop)) continue;
    const std::uint32_t id = table_.allocate();
    if (append_new_nexthop(bytes, id, hop, indexes, seq)) continue;  // its route reports the missing device
    wanted[hop] = id;
    sent.emplace_back(id, hop);
    ++seq;
  }
  if (sent.empty()) return;
  // A few hundred objects at most per VRF set: one exchange, each acked.
  const AckMode mode = socket.ack_mode();
  socket.set_ack_mode(AckMode::EveryRequest);
  const auto exchange = socket.exchange(std::move(bytes), sent.size(), first);
  socket.set_ack_mode(mode);
  std::map<std::uint32_t, const Ack*> acks;
  for (const Ack& ack : exchange.acks) acks[ack.seq] = &ack;
  for (std::size_t i = 0; i < sent.size(); ++i) {
    const auto& [id, hop] = sent[i];
    auto it = acks.find(first + static_cast<std::uint32_t>(i));
    if (it != acks.end() && it->second->error == 0) {
      table_.created(id, hop);
      ++report.applied;
      continue;
    }
    const std::string text = it != acks.end() ? ack_text(*it->second)
                                              : "no answer (" + exchange.socket_error + ")";
    report.failures.push_back({describe_nexthop(id, hop), it != acks.end() ? it->second->error : EIO,
                               text + "; its routes keep their own next hops"});
  }
}

std::optional<EncodeError> NexthopRouteEncoder::encode(std::vector<std::uint8_t>& out, const Operation& op,
                                                       const InterfaceIndexes& indexes,
                                                       std::uint32_t seq) const {
  if (const auto* o = std::get_if<ReplaceRoute>(&op)) {
    if (auto id = object_for(o->route)) {
      append_route_via_nexthop(out, o->route, *id, seq);
      return std::nullopt;
    }
  }
  scratch_.clear();
  std::optional<EncodeError> error;
  if (const auto* o = std::get_if<ReplaceRoute>(&op)) {
    error = scratch_.append(RouteRequest::Replace, o->route, indexes, seq);
  } else if (const auto* d = std::get_if<DeleteRoute>(&op)) {
    error = scratch_.append(RouteRequest::Delete, d->route, indexes, seq);
  } else if (const auto* m = std::get_if<ReplaceMplsRoute>(&op)) {
    error = scratch_.append(RouteRequest::Replace, m->route, indexes, seq);
  } else if (const auto* dm = std::get_if<DeleteMplsRoute>(&op)) {
    error = scratch_.append(RouteRequest::Delete, dm->route, indexes, seq);
  } else {
    return EncodeError{"not a route operation: " + describe(op)};
  }
  if (!error) out.insert(out.end(), scratch_.bytes().begin(), scratch_.bytes().end());
  return error;
}

void NexthopRouteEncoder::succeeded(const Operation& op) {
  if (const auto* o = std::get_if<ReplaceRoute>(&op)) {
    table_.route_names(o->route.key(), object_for(o->route).value_or(0));
  } else if (const auto* d = std::get_if<DeleteRoute>(&op)) {
    table_.route_names(d->route.key(), 0);
  }
}

void NexthopRouteEncoder::remove_unused(NetlinkBatchSocket& socket, std::uint32_t& seq, ApplyReport& report) {
  const auto unused = table_.unused();
  if (unused.empty()) return;
  std::vector<std::uint8_t> bytes;
  const std::uint32_t first = seq;
  for (std::uint32_t id : unused) append_delete_nexthop(bytes, id, seq++);
  const AckMode mode = socket.ack_mode();
  socket.set_ack_mode(AckMode::EveryRequest);
  const auto exchange = socket.exchange(std::move(bytes), unused.size(), first);
  socket.set_ack_mode(mode);
  std::map<std::uint32_t, const Ack*> acks;
  for (const Ack& ack : exchange.acks) acks[ack.seq] = &ack;
  for (std::size_t i = 0; i < unused.size(); ++i) {
    const std::uint32_t id = unused[i];
    auto it = acks.find(first + static_cast<std::uint32_t>(i));
    if (it != acks.end() && (it->second->error == 0 || it->second->error == ENOENT)) {
      table_.removed(id);
      ++report.applied;
      continue;
    }
    report.failures.push_back({"delete nexthop " + std::to_string(id), it != acks.end() ? it->second->error : EIO,
                               it != acks.end() ? ack_text(*it->second) : "no answer (" + exchange.socket_error + ")"});
  }
}

}  // namespace l3vpn::kernel
