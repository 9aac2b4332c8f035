// The topology of a lab as `l3vpnctl lab graph` draws it: nodes with their
// role, loopback address and VRFs; links with both ends' interface names and
// addresses and the subnet between them; one colour per VRF name for the
// whole lab, so that a VRF has the same colour on every node and link.
//
// Colours: VRF names are sorted, the first ten take a fixed palette, later
// ones a hue stepped by the golden angle, so adding a node never recolours a
// VRF that sorts before the new ones. Styles per role (pe, p, rr, ce, host)
// are shared by the DOT and SVG writers (lab_graph_dot.hpp, lab_graph_svg.hpp).
//
// Pure: no I/O. Built from a lab that loaded without errors; a link end whose
// interface is missing from the config (cannot happen after load_lab) is drawn
// without an address rather than refused.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/lab.hpp"

namespace l3vpn::ctl {

struct GraphLinkEnd {
  std::string node;
  std::string interface;  // as in the node's config: GigabitEthernet0/2
  std::string address;    // primary address with its length, "192.168.12.1/24"; empty when none
  std::string vrf;        // the interface's VRF; empty: global table
};

struct GraphLink {
  GraphLinkEnd a;
  GraphLinkEnd b;
  std::string subnet;  // "192.168.12.0/24" when both ends (or the only addressed one) agree; else empty
  std::string vrf;     // the VRF the link belongs to (a PE's VRF side), empty: global
};

struct GraphNode {
  std::string name;
  config::Role kind = config::Role::Host;
  std::string loopback;           // first global loopback address ("2.2.2.2"), empty when none
  std::vector<std::string> vrfs;  // the node's VRFs in config order
};

struct LabGraph {
  std::string lab;
  std::vector<GraphNode> nodes;  // lab order
  std::vector<GraphLink> links;  // lab order
  std::vector<std::string> vrfs;  // every VRF name of the lab, sorted, once

  const GraphNode* find_node(std::string_view name) const;
  // "#rrggbb" for a VRF of this lab; a neutral grey for a name it lacks.
  std::string vrf_colour(std::string_view vrf) const;
};

LabGraph lab_graph(const config::Lab& lab);

// How a role is drawn: Graphviz shape, fill and outline colours, a word.
struct RoleStyle {
  const char* dot_shape;  // box, ellipse, hexagon, ...
  const char* fill;       // "#rrggbb"
  const char* stroke;
  const char* title;      // "PE", "P", "RR", "CE", "host"
};
RoleStyle role_style(config::Role kind);

// The n-th colour of the VRF palette (n from 0), "#rrggbb".
std::string vrf_palette_colour(std::size_t n);

// Text for XML (SVG, Graphviz HTML labels): & < > " ' as entities, control
// characters other than tab/newline dropped (they are not allowed in XML 1.0).
std::string xml_escape(std::string_view text);

// "GigabitEthernet0/2" -> "Gi0/2", "TenGigabitEthernet1/0/1" -> "Te1/0/1",
// "Loopback0" -> "Lo0" (IOS's own short forms); other names stay as they are.
std::string short_interface_name(std::string_view name);

}  // namespace l3vpn::ctl
