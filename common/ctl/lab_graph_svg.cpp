#include "ctl/lab_graph_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <set>
#include <sstream>

namespace l3vpn::ctl {

namespace {

constexpr double kLegendWidth = 150;
constexpr const char* kFont = "Helvetica, Arial, sans-serif";
constexpr const char* kHalo = " stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\"";

// Coordinates with at most one decimal, "12" rather than "12.0".
std::string num(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", v);
  std::string s = text;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

// Two lines of text centred on (x, y): the interface and its address.
void end_label(std::ostringstream& out, double x, double y, const GraphLinkEnd& end) {
  out << "    <text x=\"" << num(x) << "\" y=\"" << num(y - 2) << "\" text-anchor=\"middle\" font-size=\"9\"" << kHalo
      << ">" << xml_escape(short_interface_name(end.interface)) << "</text>\n";
  if (!end.address.empty())
    out << "    <text x=\"" << num(x) << "\" y=\"" << num(y + 9) << "\" text-anchor=\"middle\" font-size=\"9\""
        << kHalo << ">" << xml_escape(end.address) << "</text>\n";
}

// The distance along the link, from `box`'s centre, where an end label sits:
// clear of its box, and pushed further out (up to half the link) while it
// would cover a label already placed, as happens at a router with many links.
double place_end_label(const NodeBox& box, double ux, double uy, double half_link, const GraphLinkEnd& end,
                       std::vector<NodeBox>& placed) {
  NodeBox label;
  label.width = static_cast<double>(std::max(short_interface_name(end.interface).size(), end.address.size())) *
                kLinkLabelCharWidth;
  label.height = kLinkEndLabelHeight;
  double d = end_label_distance(box, ux, uy, end);
  for (;; d += 3) {
    label.x = box.centre_x() + ux * d - label.width / 2;
    label.y = box.centre_y() + uy * d - label.height / 2;
    const bool covers = std::any_of(placed.begin(), placed.end(), [&](const NodeBox& p) { return boxes_overlap(p, label, 1); });
    if (!covers || d + 3 > half_link) break;
  }
  placed.push_back(label);
  return d;
}

void draw_link(std::ostringstream& out, const LabGraph& graph, const LabLayout& layout, const GraphLink& link,
               std::vector<NodeBox>& placed_labels) {
  std::size_t ia = graph.nodes.size(), ib = graph.nodes.size();
  for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
    if (graph.nodes[i].name == link.a.node) ia = i;
    if (graph.nodes[i].name == link.b.node) ib = i;
  }
  if (ia == graph.nodes.size() || ib == graph.nodes.size()) return;  // not a node of this graph: nothing to draw
  const NodeBox& a = layout.boxes[ia];
  const NodeBox& b = layout.boxes[ib];
  const double ax = a.centre_x(), ay = a.centre_y(), bx = b.centre_x(), by = b.centre_y();
  const double length = std::hypot(bx - ax, by - ay);
  const double ux = length > 0 ? (bx - ax) / length : 0, uy = length > 0 ? (by - ay) / length : 0;
  const std::string colour = link.vrf.empty() ? "#555555" : graph.vrf_colour(link.vrf);
  out << "  <g class=\"link\" data-a=\"" << xml_escape(link.a.node) << "\" data-b=\"" << xml_escape(link.b.node)
      << "\">\n";
  out << "    <title>" << xml_escape(link.a.node + " " + link.a.interface + " " + link.a.address + " -- " +
                                     link.b.node + " " + link.b.interface + " " + link.b.address)
      << "</title>\n";
  out << "    <line x1=\"" << num(ax) << "\" y1=\"" << num(ay) << "\" x2=\"" << num(bx) << "\" y2=\"" << num(by)
      << "\" stroke=\"" << colour << "\" stroke-width=\"" << (link.vrf.empty() ? "1.5" : "3") << "\"/>\n";
  // Each end's label just outside its box, on the line.
  const double out_a = place_end_label(a, ux, uy, length / 2, link.a, placed_labels);
  const double out_b = place_end_label(b, -ux, -uy, length / 2, link.b, placed_labels);
  end_label(out, ax + ux * out_a, ay + uy * out_a, link.a);
  end_label(out, bx - ux * out_b, by - uy * out_b, link.b);
  const std::string middle = link_middle_text(link);
  if (!middle.empty()) {
    // Along the line (never upside down), just above it: it takes no room
    // from the end labels, whatever the line's angle.
    double angle = std::atan2(by - ay, bx - ax) * 180 / std::numbers::pi;
    if (angle > 90) angle -= 180;
    if (angle < -90) angle += 180;
    const double mx = (ax + bx) / 2, my = (ay + by) / 2 - 3;
    out << "    <text x=\"" << num(mx) << "\" y=\"" << num(my) << "\" transform=\"rotate(" << num(angle) << " "
        << num(mx) << " " << num(my) << ")\" text-anchor=\"middle\" font-size=\"9\" font-style=\"italic\" fill=\""
        << colour << "\"" << kHalo << ">" << xml_escape(middle) << "</text>\n";
  }
  out << "  </g>\n";
}

// The outline of a node by role, at the box.
void draw_shape(std::ostringstream& out, const NodeBox& box, config::Role kind) {
  const RoleStyle style = role_style(kind);
  double rx = 3;
  std::string extra;
  switch (kind) {
    case config::Role::ProviderEdge: rx = 2; break;
    case config::Role::Provider:
    case config::Role::RouteReflector: rx = std::min(box.height, box.width) / 2; break;
    case config::Role::CustomerEdge: rx = 10; break;
    case config::Role::Host: extra = " stroke-dasharray=\"4 2\""; break;
  }
  out << "    <rect class=\"box\" x=\"" << num(box.x) << "\" y=\"" << num(box.y) << "\" width=\"" << num(box.width)
      << "\" height=\"" << num(box.height) << "\" rx=\"" << num(rx) << "\" fill=\"" << style.fill << "\" stroke=\""
      << style.stroke << "\" stroke-width=\"1.5\"" << extra << "/>\n";
  if (kind == config::Role::RouteReflector)
    out << "    <rect x=\"" << num(box.x + 3) << "\" y=\"" << num(box.y + 3) << "\" width=\"" << num(box.width - 6)
        << "\" height=\"" << num(box.height - 6) << "\" rx=\"" << num(rx - 3) << "\" fill=\"none\" stroke=\""
        << style.stroke << "\" stroke-dasharray=\"3 2\"/>\n";
}

void draw_node(std::ostringstream& out, const LabGraph& graph, const GraphNode& node, const NodeBox& box) {
  using M = NodeBoxMetrics;
  const RoleStyle style = role_style(node.kind);
  out << "  <g class=\"node\" data-name=\"" << xml_escape(node.name) << "\" data-kind=\""
      << config::role_name(node.kind) << "\">\n";
  std::string tooltip = node.name + " (" + style.title + ")";
  if (!node.loopback.empty()) tooltip += " loopback " + node.loopback;
  for (const std::string& v : node.vrfs) tooltip += ", vrf " + v;
  out << "    <title>" << xml_escape(tooltip) << "</title>\n";
  draw_shape(out, box, node.kind);
  const double cx = box.centre_x();
  double y = box.y + M::kPadding;
  out << "    <text x=\"" << num(cx) << "\" y=\"" << num(y + 12) << "\" text-anchor=\"middle\" font-size=\"12\""
      << " font-weight=\"bold\">" << xml_escape(node.name) << "</text>\n";
  y += M::kNameLine;
  out << "    <text x=\"" << num(cx) << "\" y=\"" << num(y + 10) << "\" text-anchor=\"middle\" font-size=\"10\" fill=\""
      << style.stroke << "\">" << style.title << (node.loopback.empty() ? "" : " " + node.loopback) << "</text>\n";
  y += M::kRoleLine;
  for (const std::string& vrf : node.vrfs) {
    const std::string colour = graph.vrf_colour(vrf);
    out << "    <rect class=\"vrf\" data-vrf=\"" << xml_escape(vrf) << "\" x=\"" << num(box.x + 5) << "\" y=\""
        << num(y + 1) << "\" width=\"" << num(box.width - 10) << "\" height=\"" << num(M::kVrfRow - 2)
        << "\" rx=\"2\" fill=\"" << colour << "\"/>\n";
    out << "    <text x=\"" << num(cx) << "\" y=\"" << num(y + 11) << "\" text-anchor=\"middle\" font-size=\"10\""
        << " fill=\"white\">" << xml_escape(vrf) << "</text>\n";
    y += M::kVrfRow;
  }
  out << "  </g>\n";
}

void draw_legend(std::ostringstream& out, const LabGraph& graph, double x, double y) {
  std::set<config::Role> roles;
  for (const GraphNode& n : graph.nodes) roles.insert(n.kind);
  out << "  <g class=\"legend\">\n";
  out << "    <text x=\"" << num(x) << "\" y=\"" << num(y) << "\" font-size=\"11\" font-weight=\"bold\">legend</text>\n";
  y += 10;
  for (const config::Role r : roles) {
    const RoleStyle style = role_style(r);
    out << "    <rect x=\"" << num(x) << "\" y=\"" << num(y) << "\" width=\"22\" height=\"13\" rx=\"3\" fill=\""
        << style.fill << "\" stroke=\"" << style.stroke << "\"/>\n";
    out << "    <text x=\"" << num(x + 28) << "\" y=\"" << num(y + 10) << "\" font-size=\"10\">" << style.title
        << "</text>\n";
    y += 18;
  }
  y += 6;
  for (const std::string& vrf : graph.vrfs) {
    out << "    <rect x=\"" << num(x) << "\" y=\"" << num(y) << "\" width=\"22\" height=\"13\" rx=\"2\" fill=\""
        << graph.vrf_colour(vrf) << "\"/>\n";
    out << "    <text x=\"" << num(x + 28) << "\" y=\"" << num(y + 10) << "\" font-size=\"10\">vrf "
        << xml_escape(vrf) << "</text>\n";
    y += 18;
  }
  out << "  </g>\n";
}

}  // namespace

std::string render_lab_svg(const LabGraph& graph, const LabLayout& layout) {
  std::ostringstream out;
  const double legend_height = 40 + 18.0 * static_cast<double>(graph.vrfs.size() + 5);
  const double width = layout.width + kLegendWidth;
  const double height = std::max(layout.height, legend_height);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(width) << "\" height=\"" << num(height)
      << "\" viewBox=\"0 0 " << num(width) << " " << num(height) << "\" font-family=\"" << kFont << "\">\n";
  out << "  <title>" << xml_escape("lab " + graph.lab) << "</title>\n";
  out << "  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "  <text x=\"16\" y=\"24\" font-size=\"15\" font-weight=\"bold\">" << xml_escape("lab " + graph.lab)
      << "</text>\n";
  std::vector<NodeBox> placed_labels;
  for (const GraphLink& l : graph.links) draw_link(out, graph, layout, l, placed_labels);  // under the nodes
  for (std::size_t i = 0; i < graph.nodes.size() && i < layout.boxes.size(); ++i)
    draw_node(out, graph, graph.nodes[i], layout.boxes[i]);
  draw_legend(out, graph, layout.width + 10, 50);
  out << "</svg>\n";
  return out.str();
}

std::string render_lab_svg(const LabGraph& graph) { return render_lab_svg(graph, layout_lab(graph)); }

}  // namespace l3vpn::ctl
