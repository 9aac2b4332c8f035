#include "ctl/lab_graph_dot.hpp"

#include <set>
#include <sstream>

namespace l3vpn::ctl {

namespace {

// The node's HTML-like label: a borderless table inside the role's shape.
std::string node_label(const LabGraph& graph, const GraphNode& node) {
  std::ostringstream out;
  out << "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"1\" CELLPADDING=\"2\">"
      << "<TR><TD><B>" << xml_escape(node.name) << "</B></TD></TR>"
      << "<TR><TD><FONT POINT-SIZE=\"9\">" << role_style(node.kind).title
      << (node.loopback.empty() ? "" : " " + node.loopback) << "</FONT></TD></TR>";
  for (const std::string& vrf : node.vrfs)
    out << "<TR><TD BGCOLOR=\"" << graph.vrf_colour(vrf) << "\"><FONT COLOR=\"white\" POINT-SIZE=\"9\">"
        << xml_escape(vrf) << "</FONT></TD></TR>";
  out << "</TABLE>>";
  return out.str();
}

std::string end_label(const GraphLinkEnd& end) {
  return end.address.empty() ? end.interface : end.interface + "\n" + end.address;
}

}  // namespace

std::string dot_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) >= 0x20) {
      out += c;
    }
  }
  return out + "\"";
}

std::string render_lab_dot(const LabGraph& graph) {
  std::ostringstream out;
  out << "// l3vpnctl lab graph: lab " << graph.lab << " (" << graph.nodes.size() << " nodes, "
      << graph.links.size() << " links, " << graph.vrfs.size() << " VRFs)\n";
  out << "graph " << dot_quote(graph.lab) << " {\n";
  out << "  graph [label=" << dot_quote("lab " + graph.lab)
      << ", labelloc=t, fontname=\"Helvetica\", overlap=false, splines=true, nodesep=0.6, ranksep=1.2];\n";
  out << "  node [style=filled, fontname=\"Helvetica\", fontsize=11, margin=\"0.05,0.03\"];\n";
  out << "  edge [fontname=\"Helvetica\", fontsize=8, labelfontsize=8, labeldistance=2.2, labelangle=25];\n";
  std::set<config::Role> roles;
  for (const GraphNode& n : graph.nodes) {
    const RoleStyle style = role_style(n.kind);
    roles.insert(n.kind);
    out << "  " << dot_quote(n.name) << " [shape=" << style.dot_shape
        << (n.kind == config::Role::CustomerEdge ? ", style=\"rounded,filled\"" : "") << ", fillcolor=\"" << style.fill
        << "\", color=\"" << style.stroke << "\", label=" << node_label(graph, n) << "];\n";
  }
  for (const GraphLink& l : graph.links) {
    out << "  " << dot_quote(l.a.node) << " -- " << dot_quote(l.b.node) << " [taillabel=" << dot_quote(end_label(l.a))
        << ", headlabel=" << dot_quote(end_label(l.b));
    std::string middle = l.subnet;
    if (!l.vrf.empty()) {
      middle += (middle.empty() ? "" : "\n") + std::string("vrf ") + l.vrf;
      const std::string colour = graph.vrf_colour(l.vrf);
      out << ", color=\"" << colour << "\", fontcolor=\"" << colour << "\", penwidth=2.5";
    }
    if (!middle.empty()) out << ", label=" << dot_quote(middle);
    out << "];\n";
  }
  // The legend: roles present, then every VRF on its colour.
  out << "  subgraph \"cluster_legend\" {\n    label=\"legend\"; fontsize=9; color=\"#bbbbbb\";\n";
  out << "    \"legend:roles\" [shape=plain, style=\"\", label=<<TABLE BORDER=\"0\" CELLSPACING=\"2\">";
  for (const config::Role r : roles) {
    const RoleStyle style = role_style(r);
    out << "<TR><TD BGCOLOR=\"" << style.fill << "\" COLOR=\"" << style.stroke << "\" BORDER=\"1\">" << style.title
        << "</TD></TR>";
  }
  out << "</TABLE>>];\n";
  if (!graph.vrfs.empty()) {
    out << "    \"legend:vrfs\" [shape=plain, style=\"\", label=<<TABLE BORDER=\"0\" CELLSPACING=\"2\">";
    for (const std::string& vrf : graph.vrfs)
      out << "<TR><TD BGCOLOR=\"" << graph.vrf_colour(vrf) << "\"><FONT COLOR=\"white\">vrf " << xml_escape(vrf)
          << "</FONT></TD></TR>";
    out << "</TABLE>>];\n";
  }
  out << "  }\n}\n";
  return out.str();
}

}  // namespace l3vpn::ctl
