#include "ctl/lab_graph_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace l3vpn::ctl {

namespace {

// Ten well separated, dark enough for white text on them.
constexpr std::array<const char*, 10> kVrfPalette = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#e07b00",
                                                     "#0f8f9f", "#c2459b", "#8c564b", "#7a7d00", "#4a5a8c"};

constexpr const char* kNoVrfColour = "#808080";

std::string hex_colour(double r, double g, double b) {
  const auto byte = [](double v) { return static_cast<unsigned>(std::lround(std::clamp(v, 0.0, 1.0) * 255.0)); };
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", byte(r), byte(g), byte(b));
  return text;
}

// HSL (hue in degrees) to "#rrggbb".
std::string hsl_colour(double hue, double saturation, double lightness) {
  const double c = (1.0 - std::fabs(2.0 * lightness - 1.0)) * saturation;
  const double h = std::fmod(hue, 360.0) / 60.0;
  const double x = c * (1.0 - std::fabs(std::fmod(h, 2.0) - 1.0));
  double r = 0, g = 0, b = 0;
  if (h < 1) r = c, g = x;
  else if (h < 2) r = x, g = c;
  else if (h < 3) g = c, b = x;
  else if (h < 4) g = x, b = c;
  else if (h < 5) r = x, b = c;
  else r = c, b = x;
  const double m = lightness - c / 2.0;
  return hex_colour(r + m, g + m, b + m);
}

// The primary address of an interface with its length, "10.0.12.1/30".
std::string primary_address(const config::Interface* interface) {
  if (interface == nullptr || interface->addresses.empty()) return "";
  const config::Ipv4Prefix& p = interface->addresses.front().prefix;
  return p.address.to_string() + "/" + std::to_string(p.length);
}

GraphLinkEnd link_end(const config::Lab& lab, const config::LabLinkEnd& end) {
  GraphLinkEnd out;
  out.node = end.node;
  out.interface = end.interface;
  if (const config::LabNode* node = lab.find_node(end.node)) {
    const config::Interface* interface = node->config.find_interface(end.interface);
    out.address = primary_address(interface);
    if (interface != nullptr) out.vrf = interface->vrf;
  }
  return out;
}

// Both ends' networks when they agree, the one addressed end's otherwise.
std::string link_subnet(const config::Lab& lab, const config::LabLink& link) {
  std::vector<config::Ipv4Prefix> networks;
  for (const config::LabLinkEnd* end : {&link.a, &link.b}) {
    const config::LabNode* node = lab.find_node(end->node);
    const config::Interface* interface = node ? node->config.find_interface(end->interface) : nullptr;
    if (interface != nullptr && !interface->addresses.empty())
      networks.push_back(interface->addresses.front().prefix.network());
  }
  if (networks.empty()) return "";
  if (networks.size() == 2 && networks[0] != networks[1]) return "";  // misaddressed: the ends tell
  return networks.front().to_string();
}

}  // namespace

std::string vrf_palette_colour(std::size_t n) {
  if (n < kVrfPalette.size()) return kVrfPalette[n];
  // Past the palette: hues 137.5 degrees apart never repeat and stay apart.
  return hsl_colour(static_cast<double>(n - kVrfPalette.size()) * 137.508 + 20.0, 0.6, 0.42);
}

const GraphNode* LabGraph::find_node(std::string_view name) const {
  for (const GraphNode& n : nodes)
    if (n.name == name) return &n;
  return nullptr;
}

std::string LabGraph::vrf_colour(std::string_view vrf) const {
  const auto it = std::lower_bound(vrfs.begin(), vrfs.end(), vrf);
  if (it == vrfs.end() || *it != vrf) return kNoVrfColour;
  return vrf_palette_colour(static_cast<std::size_t>(it - vrfs.begin()));
}

LabGraph lab_graph(const config::Lab& lab) {
  LabGraph graph;
  graph.lab = lab.name;
  for (const config::LabNode& n : lab.nodes) {
    GraphNode node;
    node.name = n.name;
    node.kind = n.kind;
    for (const config::Interface& i : n.config.interfaces) {
      if (i.is_loopback() && i.vrf.empty() && !i.addresses.empty()) {
        node.loopback = i.addresses.front().prefix.address.to_string();
        break;
      }
    }
    for (const config::Vrf& v : n.config.vrfs) {
      node.vrfs.push_back(v.name);
      graph.vrfs.push_back(v.name);
    }
    // An interface in a VRF the config does not define (a host's "vrf") still gets a colour.
    for (const config::Interface& i : n.config.interfaces)
      if (!i.vrf.empty()) graph.vrfs.push_back(i.vrf);
    graph.nodes.push_back(std::move(node));
  }
  std::sort(graph.vrfs.begin(), graph.vrfs.end());
  graph.vrfs.erase(std::unique(graph.vrfs.begin(), graph.vrfs.end()), graph.vrfs.end());
  for (const config::LabLink& l : lab.links) {
    GraphLink link;
    link.a = link_end(lab, l.a);
    link.b = link_end(lab, l.b);
    link.subnet = link_subnet(lab, l);
    link.vrf = !link.a.vrf.empty() ? link.a.vrf : link.b.vrf;
    graph.links.push_back(std::move(link));
  }
  return graph;
}

RoleStyle role_style(config::Role kind) {
  switch (kind) {
    case config::Role::ProviderEdge: return {"box", "#d6e6f5", "#1f4e79", "PE"};
    case config::Role::Provider: return {"ellipse", "#fbe3c0", "#9a5800", "P"};
    case config::Role::RouteReflector: return {"hexagon", "#e8d9f2", "#5b2c83", "RR"};
    case config::Role::CustomerEdge: return {"box", "#dcefd6", "#2f6b1a", "CE"};
    case config::Role::Host: return {"note", "#ececec", "#4d4d4d", "host"};
  }
  return {"box", "#ffffff", "#000000", "?"};
}

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 allows no control characters but tab, newline and CR.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string short_interface_name(std::string_view name) {
  // IOS's own abbreviations for the types that appear in configs.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kShort = {{
      {"TenGigabitEthernet", "Te"},
      {"GigabitEthernet", "Gi"},
      {"FastEthernet", "Fa"},
      {"Ethernet", "Et"},
      {"Loopback", "Lo"},
      {"Port-channel", "Po"},
  }};
  for (const auto& [full, short_form] : kShort)
    if (name.size() > full.size() && name.substr(0, full.size()) == full)
      return std::string(short_form) + std::string(name.substr(full.size()));
  return std::string(name);
}

}  // namespace l3vpn::ctl
