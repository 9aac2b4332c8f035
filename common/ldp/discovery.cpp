#include "ldp/discovery.hpp"

#include <algorithm>

namespace l3vpn::ldp {
namespace {

std::string dotted(std::uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xFF) + "." +
         std::to_string((a >> 8) & 0xFF) + "." + std::to_string(a & 0xFF);
}

}  // namespace

std::string DiscoveryTimer::name() const {
  if (kind == Kind::Hello) return "ldp hello " + key.interface;
  return "ldp adjacency " + dotted(key.lsr_id) + " " + key.interface;
}

Hello Discovery::hello() const {
  Hello h;
  h.hold_time = config_.hello_hold_time;
  h.transport_address = config_.transport_address;
  return h;
}

void Discovery::send_hello(const std::string& interface, std::vector<DiscoveryAction>& out) const {
  out.push_back(discovery_action::SendHello{interface, hello()});
  DiscoveryTimer t;
  t.key.interface = interface;
  out.push_back(discovery_action::StartTimer{t, std::chrono::seconds(config_.hello_interval)});
}

std::size_t Discovery::adjacency_count(std::uint32_t lsr_id) const {
  return static_cast<std::size_t>(std::count_if(adjacencies_.begin(), adjacencies_.end(),
                                                [&](const auto& a) { return a.first.lsr_id == lsr_id; }));
}

std::vector<DiscoveryAction> Discovery::enable_interface(const std::string& interface) {
  std::vector<DiscoveryAction> out;
  if (!interfaces_.insert(interface).second) return out;
  send_hello(interface, out);
  return out;
}

void Discovery::drop(const AdjacencyKey& key, std::string reason, std::vector<DiscoveryAction>& out) {
  auto it = adjacencies_.find(key);
  if (it == adjacencies_.end()) return;
  Adjacency a = it->second;
  adjacencies_.erase(it);
  out.push_back(discovery_action::StopTimer{DiscoveryTimer{DiscoveryTimer::Kind::AdjacencyHold, key}});
  out.push_back(discovery_action::AdjacencyDown{a, adjacency_count(key.lsr_id) == 0, std::move(reason)});
}

std::vector<DiscoveryAction> Discovery::disable_interface(const std::string& interface) {
  std::vector<DiscoveryAction> out;
  if (interfaces_.erase(interface) == 0) return out;
  DiscoveryTimer t;
  t.key.interface = interface;
  out.push_back(discovery_action::StopTimer{t});
  std::vector<AdjacencyKey> keys;
  for (const auto& [key, a] : adjacencies_)
    if (key.interface == interface) keys.push_back(key);
  for (const AdjacencyKey& key : keys) drop(key, "LDP disabled on " + interface, out);
  return out;
}

std::vector<DiscoveryAction> Discovery::hello_received(const std::string& interface, LdpId sender,
                                                       std::uint32_t source_address,
                                                       const Hello& hello) {
  std::vector<DiscoveryAction> out;
  if (hello.targeted || !interfaces_.contains(interface) || sender.lsr_id == config_.local.lsr_id)
    return out;
  const std::uint16_t theirs = hello.hold_time == 0 ? kDefaultLinkHelloHoldTime : hello.hold_time;
  const std::uint16_t ours = config_.hello_hold_time == 0 ? kDefaultLinkHelloHoldTime : config_.hello_hold_time;

  Adjacency a;
  a.key = AdjacencyKey{sender.lsr_id, interface};
  a.peer = sender;
  a.source_address = source_address;
  a.transport_address = hello.transport_address.value_or(source_address);
  a.hold_time = std::min(theirs, ours);

  const DiscoveryTimer hold{DiscoveryTimer::Kind::AdjacencyHold, a.key};
  if (a.hold_time == kInfiniteHelloHoldTime) out.push_back(discovery_action::StopTimer{hold});
  else out.push_back(discovery_action::StartTimer{hold, std::chrono::seconds(a.hold_time)});

  auto it = adjacencies_.find(a.key);
  if (it == adjacencies_.end()) {
    const bool first = adjacency_count(a.key.lsr_id) == 0;
    adjacencies_.emplace(a.key, a);
    out.push_back(discovery_action::AdjacencyUp{a, first});
  } else {
    it->second = a;  // refreshed
  }
  return out;
}

std::vector<DiscoveryAction> Discovery::timer_expired(const DiscoveryTimer& timer) {
  std::vector<DiscoveryAction> out;
  if (timer.kind == DiscoveryTimer::Kind::Hello) {
    if (interfaces_.contains(timer.key.interface)) send_hello(timer.key.interface, out);
    return out;
  }
  drop(timer.key, "hello hold time expired", out);
  return out;
}

}  // namespace l3vpn::ldp
