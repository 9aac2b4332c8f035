// Where `l3vpnctl lab graph` puts each node of the SVG drawing: a
// deterministic layout in rings, the way a provider network is usually drawn.
//
//   centre      the core: P and RR routers (one alone sits in the middle,
//               several share a small ring);
//   ring        the PEs, evenly spaced starting at the top, grouped by the
//               core router they are linked to (else in lab order);
//   outside     CEs and hosts, each beyond the router it is linked to (a PE
//               first, else a core router), siblings fanned out side by side;
//               one linked to several routers sits between them.
//
// Ring radii are chosen from the largest node box so that neighbours on a ring
// never touch, then the outer nodes are swept around the circle keeping a
// minimum angle between them. A layout is taken when no two boxes overlap,
// every link is long enough for its two end labels and the subnet between
// them, and no link is drawn across a node it does not join; otherwise the
// inner ring is turned by a quarter step (four tries) and then every radius
// grows by a tenth, up to 60 sizes. Should none satisfy all three, the first
// layout without overlapping boxes is kept. Box sizes come from the text they
// hold (name, role line, one row per VRF) with a fixed character width, since
// no font metrics are at hand.
//
// Pure: no I/O; the same graph always gives the same coordinates.
#pragma once

#include <string>
#include <vector>

#include "ctl/lab_graph_model.hpp"

namespace l3vpn::ctl {

// Text metrics of the node boxes, shared with the SVG writer.
struct NodeBoxMetrics {
  static constexpr double kPadding = 8;        // left/right and top/bottom inside the box
  static constexpr double kNameLine = 16;      // bold name, 12 px
  static constexpr double kRoleLine = 14;      // "PE 2.2.2.2", 10 px
  static constexpr double kVrfRow = 15;        // one VRF row, 10 px on its colour
  static constexpr double kNameCharWidth = 7.4;
  static constexpr double kSmallCharWidth = 6.2;
  static constexpr double kMinWidth = 60;
};

struct NodeBox {
  double x = 0;  // top-left corner, in SVG user units (pixels)
  double y = 0;
  double width = 0;
  double height = 0;
  double centre_x() const { return x + width / 2; }
  double centre_y() const { return y + height / 2; }
};

struct LabLayout {
  std::vector<NodeBox> boxes;  // one per graph node, in graph.nodes order
  double width = 0;            // the drawing's extent (boxes plus margins)
  double height = 0;
};

// The box a node needs for its text, at the origin.
NodeBox node_box_size(const GraphNode& node);

// `top`: room kept above the drawing (the title).
LabLayout layout_lab(const LabGraph& graph, double margin = 40, double top = 36);

// True when the two boxes, each grown by `gap` on every side, intersect.
bool boxes_overlap(const NodeBox& a, const NodeBox& b, double gap = 0);

// Link labels (9 px text, no font metrics: a fixed character width).
inline constexpr double kLinkLabelCharWidth = 5.4;
inline constexpr double kLinkEndLabelHeight = 22;  // interface and address, two lines

// How far from its box's centre, along the unit direction (ux, uy) of the
// link, the end's label (short interface name over address) is centred so
// that it does not cover the box.
double end_label_distance(const NodeBox& box, double ux, double uy, const GraphLinkEnd& end);

// The link's middle text: "192.168.12.0/24 vrf Internet".
std::string link_middle_text(const GraphLink& link);

}  // namespace l3vpn::ctl
