// `l3vpnctl lab graph`: the lab's topology as Graphviz DOT (an undirected
// graph), for `dot -Tsvg`, `neato` or any DOT viewer.
//
//   - a node per lab node, shaped and filled by role (lab_graph_model's
//     role_style), labelled with an HTML-like table: name, role and loopback,
//     then one row per VRF on the VRF's colour;
//   - an edge per link: each end labelled (taillabel / headlabel) with the
//     interface name and its address/length, the edge itself with the subnet;
//     an edge in a VRF (a PE-CE link) is drawn thick in the VRF's colour with
//     "vrf NAME" under the subnet;
//   - a legend cluster: the roles present and every VRF with its colour.
//
// Names are quoted and escaped (DOT strings: backslash and double quote;
// HTML-like labels: XML entities), so any node, interface or VRF name gives a
// file Graphviz reads. Pure: no I/O, deterministic (the same lab gives the
// same bytes).
#pragma once

#include <string>

#include "ctl/lab_graph_model.hpp"

namespace l3vpn::ctl {

std::string render_lab_dot(const LabGraph& graph);

// A DOT double-quoted string: "R1", with \ and " escaped, newlines as \n.
std::string dot_quote(std::string_view text);

}  // namespace l3vpn::ctl
