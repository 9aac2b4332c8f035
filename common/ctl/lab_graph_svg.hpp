// `l3vpnctl lab graph`: the lab's topology drawn as SVG by our own code (no
// Graphviz needed), on the layout of lab_graph_layout.hpp.
//
//   - each node once, as <g class="node" data-name=.. data-kind=..> holding a
//     <rect class="box"> (filled and shaped by role: PE square corners, P a
//     pill, RR a pill with a dashed inner outline, CE round corners, host a
//     dashed outline), its name, role and loopback, and one
//     <rect class="vrf" data-vrf=..> row per VRF on the VRF's colour;
//   - each link as <g class="link"> under the nodes: a line (thick and in the
//     VRF's colour when the link is in a VRF), the interface's short name and
//     address/length just outside each end's box, the subnet (and "vrf NAME")
//     at the middle; text has a white halo so it stays readable over lines;
//   - a legend on the right: the roles present and every VRF with its colour;
//   - a <title> per node and link (tooltips with the full interface names).
//
// Every name is XML-escaped. Pure: no I/O; deterministic.
#pragma once

#include <string>

#include "ctl/lab_graph_layout.hpp"
#include "ctl/lab_graph_model.hpp"

namespace l3vpn::ctl {

std::string render_lab_svg(const LabGraph& graph, const LabLayout& layout);
std::string render_lab_svg(const LabGraph& graph);  // with layout_lab(graph)

}  // namespace l3vpn::ctl
