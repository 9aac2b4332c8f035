#include "ctl/lab_graph_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>
#include <string>
#include <utility>

namespace l3vpn::ctl {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kTop = -kPi / 2;   // the first node of a ring sits at the top
constexpr double kLabelRoom = 150;  // between rings: room for two link-end labels and the subnet
constexpr double kMinGap = 10;      // boxes keep at least this much apart
constexpr int kRotations = 4;  // tried at each size: the inner ring turned by 0, 1/4, 1/2, 3/4 of a step
constexpr int kAttempts = 60 * kRotations;

enum class Ring { Core, Edge, Outer };

Ring ring_of(config::Role kind) {
  switch (kind) {
    case config::Role::Provider:
    case config::Role::RouteReflector: return Ring::Core;
    case config::Role::ProviderEdge: return Ring::Edge;
    case config::Role::CustomerEdge:
    case config::Role::Host: return Ring::Outer;
  }
  return Ring::Outer;
}

// Radius at which n points evenly spaced on a circle are `spacing` apart.
double ring_radius(std::size_t n, double spacing) {
  if (n < 2) return 0;
  return spacing / (2 * std::sin(kPi / static_cast<double>(n)));
}

struct Polar {
  double radius = 0;
  double angle = 0;
};

// The routers an outer node hangs off: the PEs it is linked to, else the
// core routers it is linked to; none when it is linked to neither.
std::vector<std::size_t> anchors_of(const LabGraph& graph, std::size_t outer) {
  std::vector<std::size_t> edge, core;
  const std::string& name = graph.nodes[outer].name;
  for (const GraphLink& l : graph.links) {
    const std::string* other = l.a.node == name ? &l.b.node : l.b.node == name ? &l.a.node : nullptr;
    if (other == nullptr) continue;
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
      if (graph.nodes[i].name != *other) continue;
      std::vector<std::size_t>& into = ring_of(graph.nodes[i].kind) == Ring::Edge ? edge : core;
      if (ring_of(graph.nodes[i].kind) != Ring::Outer && std::find(into.begin(), into.end(), i) == into.end())
        into.push_back(i);
    }
  }
  return edge.empty() ? core : edge;
}

// Evenly spaced on `radius`, in the given order, turned by `turn` of a step.
void place_ring(const std::vector<std::size_t>& members, double radius, double turn, std::vector<Polar>& where) {
  for (std::size_t k = 0; k < members.size(); ++k)
    where[members[k]] = {radius,
                         kTop + 2 * kPi * (static_cast<double>(k) + turn) / static_cast<double>(members.size())};
}

// Outer nodes: wanted angles (beside their anchor, fanned out; between its
// anchors when there are several; evenly spaced when the anchor is the centre
// or missing), then one sweep round the circle that keeps `step` between
// neighbours. False when they do not fit.
bool place_outer(const LabGraph& graph, const std::vector<std::size_t>& outer, double radius, double step,
                 std::vector<Polar>& where) {
  struct Wanted {
    double angle;
    std::size_t node;
  };
  std::vector<Wanted> wanted;
  std::vector<std::size_t> free_nodes;
  std::vector<std::pair<std::size_t, std::vector<std::size_t>>> groups;  // anchor -> children, lab order
  for (const std::size_t o : outer) {
    std::vector<std::size_t> anchors = anchors_of(graph, o);
    std::erase_if(anchors, [&](std::size_t a) { return where[a].radius == 0; });  // the centre has no direction
    if (anchors.empty()) {
      free_nodes.push_back(o);
      continue;
    }
    if (anchors.size() > 1) {
      // Linked to several routers (a dual-homed site): between them, so that
      // no link runs past one router to reach the other; opposite routers
      // leave it a quarter turn aside.
      double sx = 0, sy = 0;
      for (const std::size_t a : anchors) {
        sx += std::cos(where[a].angle);
        sy += std::sin(where[a].angle);
      }
      const double between = std::hypot(sx, sy) > 1e-6 ? std::atan2(sy, sx) : where[anchors.front()].angle + kPi / 2;
      wanted.push_back({between, o});
      continue;
    }
    auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& p) { return p.first == anchors.front(); });
    if (g == groups.end()) g = groups.insert(groups.end(), {anchors.front(), {}});
    g->second.push_back(o);
  }
  for (const auto& [anchor, children] : groups)
    for (std::size_t j = 0; j < children.size(); ++j)
      wanted.push_back({where[anchor].angle + (static_cast<double>(j) - static_cast<double>(children.size() - 1) / 2) * step,
                        children[j]});
  for (std::size_t j = 0; j < free_nodes.size(); ++j)
    wanted.push_back(
        {kTop + 2 * kPi * (static_cast<double>(j) + 0.5) / static_cast<double>(free_nodes.size()), free_nodes[j]});
  if (wanted.empty()) return true;
  for (Wanted& w : wanted) {  // into [top, top + 2 pi)
    w.angle = std::fmod(w.angle - kTop, 2 * kPi);
    if (w.angle < 0) w.angle += 2 * kPi;
    w.angle += kTop;
  }
  std::stable_sort(wanted.begin(), wanted.end(), [](const Wanted& a, const Wanted& b) { return a.angle < b.angle; });
  for (std::size_t k = 1; k < wanted.size(); ++k)
    wanted[k].angle = std::max(wanted[k].angle, wanted[k - 1].angle + step);
  if (wanted.size() > 1 && wanted.back().angle - wanted.front().angle > 2 * kPi - step) return false;
  for (const Wanted& w : wanted) where[w.node] = {radius, w.angle};
  return true;
}

}  // namespace

NodeBox node_box_size(const GraphNode& node) {
  using M = NodeBoxMetrics;
  const std::string role = std::string(role_style(node.kind).title) + (node.loopback.empty() ? "" : " " + node.loopback);
  double text = std::max(static_cast<double>(node.name.size()) * M::kNameCharWidth,
                         static_cast<double>(role.size()) * M::kSmallCharWidth);
  for (const std::string& v : node.vrfs) text = std::max(text, static_cast<double>(v.size()) * M::kSmallCharWidth + 8);
  NodeBox box;
  box.width = std::max(M::kMinWidth, std::ceil(text + 2 * M::kPadding));
  box.height = M::kNameLine + M::kRoleLine + static_cast<double>(node.vrfs.size()) * M::kVrfRow + 2 * M::kPadding;
  return box;
}

bool boxes_overlap(const NodeBox& a, const NodeBox& b, double gap) {
  return a.x - gap < b.x + b.width + gap && b.x - gap < a.x + a.width + gap && a.y - gap < b.y + b.height + gap &&
         b.y - gap < a.y + a.height + gap;
}

double end_label_distance(const NodeBox& box, double ux, double uy, const GraphLinkEnd& end) {
  NodeBox label;
  const std::size_t chars = std::max(short_interface_name(end.interface).size(), end.address.size());
  label.width = static_cast<double>(chars) * kLinkLabelCharWidth;
  label.height = kLinkEndLabelHeight;
  // Clear of the box at the latest at the sum of both diagonals.
  const double limit = std::hypot(box.width, box.height) + std::hypot(label.width, label.height);
  double d = 0;
  for (; d < limit; d += 3) {
    label.x = box.centre_x() + ux * d - label.width / 2;
    label.y = box.centre_y() + uy * d - label.height / 2;
    if (!boxes_overlap(box, label, 3)) break;
  }
  return d;
}

std::string link_middle_text(const GraphLink& link) {
  std::string text = link.subnet;
  if (!link.vrf.empty()) text += (text.empty() ? "" : " ") + std::string("vrf ") + link.vrf;
  return text;
}

namespace {

// The indices of a link's two nodes; nothing when one is not in the graph.
std::optional<std::pair<std::size_t, std::size_t>> link_nodes(const LabGraph& graph, const GraphLink& link) {
  std::size_t a = graph.nodes.size(), b = graph.nodes.size();
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    if (graph.nodes[i].name == link.a.node) a = i;
    if (graph.nodes[i].name == link.b.node) b = i;
  }
  if (a == graph.nodes.size() || b == graph.nodes.size() || a == b) return std::nullopt;
  return std::pair{a, b};
}

// True when every link is long enough for both end labels and its middle text.
bool links_readable(const LabGraph& graph, const std::vector<NodeBox>& boxes) {
  for (const GraphLink& l : graph.links) {
    const auto ends = link_nodes(graph, l);
    if (!ends) continue;
    const auto [a, b] = *ends;
    const double dx = boxes[b].centre_x() - boxes[a].centre_x(), dy = boxes[b].centre_y() - boxes[a].centre_y();
    const double length = std::hypot(dx, dy);
    if (length == 0) return false;
    const double ux = dx / length, uy = dy / length;
    // A label's half extent along the link: its box projected on the direction.
    const auto half_along = [&](const GraphLinkEnd& end) {
      const double chars = static_cast<double>(std::max(short_interface_name(end.interface).size(), end.address.size()));
      return chars * kLinkLabelCharWidth / 2 * std::fabs(ux) + kLinkEndLabelHeight / 2 * std::fabs(uy);
    };
    const double need = end_label_distance(boxes[a], ux, uy, l.a) + half_along(l.a) +
                        end_label_distance(boxes[b], -ux, -uy, l.b) + half_along(l.b) +
                        static_cast<double>(link_middle_text(l).size()) * kLinkLabelCharWidth + 8;
    if (length < need) return false;
  }
  return true;
}

// True when the segment from (x1, y1) to (x2, y2) passes through the box
// grown by `gap` (Liang-Barsky clipping of the segment against the box).
bool segment_crosses(double x1, double y1, double x2, double y2, const NodeBox& box, double gap) {
  double t0 = 0, t1 = 1;
  const double dx = x2 - x1, dy = y2 - y1;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {x1 - (box.x - gap), box.x + box.width + gap - x1, y1 - (box.y - gap),
                       box.y + box.height + gap - y1};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0) {
      if (q[k] < 0) return false;  // parallel to this side and outside it
      continue;
    }
    const double t = q[k] / p[k];
    if (p[k] < 0) t0 = std::max(t0, t);
    else t1 = std::min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

// True when no link is drawn across a node it does not join.
bool links_clear_of_nodes(const LabGraph& graph, const std::vector<NodeBox>& boxes) {
  for (const GraphLink& l : graph.links) {
    const auto ends = link_nodes(graph, l);
    if (!ends) continue;
    const auto [a, b] = *ends;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      if (i == a || i == b) continue;
      if (segment_crosses(boxes[a].centre_x(), boxes[a].centre_y(), boxes[b].centre_x(), boxes[b].centre_y(),
                          boxes[i], kMinGap / 2))
        return false;
    }
  }
  return true;
}

}  // namespace

LabLayout layout_lab(const LabGraph& graph, double margin, double top) {
  LabLayout layout;
  const std::size_t n = graph.nodes.size();
  if (n == 0) {
    layout.width = 2 * margin;
    layout.height = 2 * margin + top;
    return layout;
  }
  double span = 0;  // boxes whose centres are this far apart cannot touch
  for (const GraphNode& node : graph.nodes) {
    layout.boxes.push_back(node_box_size(node));
    span = std::max(span, std::hypot(layout.boxes.back().width, layout.boxes.back().height));
  }
  std::vector<std::size_t> core, edge, outer;
  for (std::size_t i = 0; i < n; ++i) {
    switch (ring_of(graph.nodes[i].kind)) {
      case Ring::Core: core.push_back(i); break;
      case Ring::Edge: edge.push_back(i); break;
      case Ring::Outer: outer.push_back(i); break;
    }
  }
  // PEs hanging off the same core router sit side by side on their ring:
  // fewer links cross. Ties (and PEs without a core neighbour) keep lab order.
  const auto core_rank = [&](std::size_t pe) {
    for (const GraphLink& l : graph.links) {
      const auto ends = link_nodes(graph, l);
      if (!ends || (ends->first != pe && ends->second != pe)) continue;
      const std::size_t other = ends->first == pe ? ends->second : ends->first;
      const auto it = std::find(core.begin(), core.end(), other);
      if (it != core.end()) return static_cast<std::size_t>(it - core.begin());
    }
    return core.size();
  };
  std::stable_sort(edge.begin(), edge.end(), [&](std::size_t a, std::size_t b) { return core_rank(a) < core_rank(b); });
  const double spacing = span + kMinGap;
  std::vector<Polar> where(n);
  std::optional<std::vector<NodeBox>> fallback;  // the first layout without overlaps, should none satisfy all
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    const double grow = std::pow(1.1, attempt / kRotations);  // small steps: stop soon after it fits
    const double turn = static_cast<double>(attempt % kRotations) / kRotations;
    const double between = (span + kLabelRoom) * grow;  // from one ring to the next
    const double r_core = core.size() < 2 ? 0 : std::max(spacing, ring_radius(core.size(), spacing)) * grow;
    double r_edge = r_core;
    if (!edge.empty()) {
      const bool alone_in_middle = core.empty() && edge.size() == 1;
      r_edge = alone_in_middle ? 0
                               : std::max(core.empty() ? kLabelRoom * grow : r_core + between,
                                          ring_radius(edge.size(), spacing) * grow);
    }
    const bool only_outer = core.empty() && edge.empty();
    const double r_outer =
        std::max(only_outer ? 0 : r_edge + between, ring_radius(outer.size(), spacing) * grow);
    // The inner ring with two or more nodes turns, so that a link between
    // the rings need not cross a node of the inner one.
    place_ring(core, r_core, core.size() >= 2 ? turn : 0, where);
    place_ring(edge, r_edge, core.size() >= 2 ? 0 : turn / 2, where);
    const double step = r_outer > 0 ? 2 * std::asin(std::min(1.0, spacing / (2 * r_outer))) : 2 * kPi;
    if (!place_outer(graph, outer, r_outer, step, where)) continue;
    for (std::size_t i = 0; i < n; ++i) {
      NodeBox& b = layout.boxes[i];
      b.x = where[i].radius * std::cos(where[i].angle) - b.width / 2;
      b.y = where[i].radius * std::sin(where[i].angle) - b.height / 2;
    }
    bool clear = true;
    for (std::size_t i = 0; i < n && clear; ++i)
      for (std::size_t j = i + 1; j < n && clear; ++j) clear = !boxes_overlap(layout.boxes[i], layout.boxes[j], kMinGap / 2);
    if (!clear) continue;
    if (!fallback) fallback = layout.boxes;
    if (links_readable(graph, layout.boxes) && links_clear_of_nodes(graph, layout.boxes)) {
      fallback.reset();
      break;
    }
  }
  if (fallback) layout.boxes = *fallback;
  double min_x = layout.boxes.front().x, min_y = layout.boxes.front().y, max_x = min_x, max_y = min_y;
  for (const NodeBox& b : layout.boxes) {
    min_x = std::min(min_x, b.x);
    min_y = std::min(min_y, b.y);
    max_x = std::max(max_x, b.x + b.width);
    max_y = std::max(max_y, b.y + b.height);
  }
  // Whole pixels: the SVG stays readable and byte-stable.
  for (NodeBox& b : layout.boxes) {
    b.x = std::round(b.x - min_x + margin);
    b.y = std::round(b.y - min_y + margin + top);
  }
  layout.width = std::ceil(max_x - min_x + 2 * margin);
  layout.height = std::ceil(max_y - min_y + 2 * margin + top);
  return layout;
}

}  // namespace l3vpn::ctl
