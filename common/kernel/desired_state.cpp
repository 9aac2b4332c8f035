#include "kernel/desired_state.hpp"

#include <algorithm>

namespace l3vpn::kernel {

bool Ipv4Route::same_forwarding(const Ipv4Route& other) const {
  if (type != other.type || source != other.source || prefix != other.prefix) return false;
  auto mine = next_hops;
  auto theirs = other.next_hops;
  std::sort(mine.begin(), mine.end());
  std::sort(theirs.begin(), theirs.end());
  return mine == theirs;
}

std::vector<MplsNextHop> MplsRoute::paths() const {
  std::vector<MplsNextHop> all{MplsNextHop{out_labels, via, interface}};
  all.insert(all.end(), more_paths.begin(), more_paths.end());
  return all;
}

bool MplsRoute::same_forwarding(const MplsRoute& other) const {
  auto mine = paths();
  auto theirs = other.paths();
  std::sort(mine.begin(), mine.end());
  std::sort(theirs.begin(), theirs.end());
  return mine == theirs;
}

void MplsRoute::set_paths(std::vector<MplsNextHop> all) {
  more_paths.clear();
  if (all.empty()) return;
  out_labels = std::move(all.front().out_labels);
  via = all.front().via;
  interface = std::move(all.front().interface);
  more_paths.assign(std::make_move_iterator(all.begin() + 1), std::make_move_iterator(all.end()));
}

const KernelLink* ActualState::link(const std::string& name) const {
  for (const auto& l : links) {
    if (l.name == name) return &l;
  }
  return nullptr;
}

namespace {

std::string label_stack(const std::vector<MplsLabel>& labels) {
  std::string text;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i != 0) text += '/';
    text += std::to_string(labels[i]);
  }
  return text;
}

std::string describe(const NextHop& hop) {
  std::string text;
  if (!hop.push.empty()) text += "encap mpls " + label_stack(hop.push) + " ";
  if (hop.gateway) text += "via " + hop.gateway->to_string() + " ";
  text += "dev " + hop.interface;
  return text;
}

}  // namespace

std::string describe(const Ipv4Route& route) {
  std::string text = "table " + std::to_string(route.table) + " ";
  switch (route.type) {
    case RouteType::Blackhole: text += "blackhole "; break;
    case RouteType::Unreachable: text += "unreachable "; break;
    case RouteType::Unicast: break;
  }
  text += route.prefix.to_string();
  if (route.metric != 0) text += " metric " + std::to_string(route.metric);
  if (route.next_hops.size() == 1) {
    text += " " + describe(route.next_hops.front());
  } else {
    for (const auto& hop : route.next_hops) text += " nexthop " + describe(hop);
  }
  if (route.source) text += " src " + route.source->to_string();
  return text;
}

std::string describe(const MplsRoute& route) {
  std::string text = "mpls " + std::to_string(route.in_label);
  for (const MplsNextHop& hop : route.paths()) {
    if (!route.more_paths.empty()) text += " nexthop";
    if (!hop.out_labels.empty()) text += " as " + label_stack(hop.out_labels);
    if (hop.via) text += " via inet " + hop.via->to_string();
    text += " dev " + hop.interface;
  }
  return text;
}

}  // namespace l3vpn::kernel
