// `l3vpnctl lab graph` on the seed lab (labs/inter-vrf-leaking): the DOT
// names every node and link with both ends' interfaces and addresses, each
// VRF has one colour everywhere (DOT and SVG agree), the SVG is well-formed,
// draws every node once with no two boxes overlapping, and odd names are
// escaped. The layout is also checked on a larger made-up provider network.
#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "ctl/lab_graph_command.hpp"
#include "ctl/lab_graph_dot.hpp"
#include "ctl/lab_graph_layout.hpp"
#include "ctl/lab_graph_model.hpp"
#include "ctl/lab_graph_svg.hpp"
#include "xml_check.hpp"

using namespace l3vpn;

namespace {

config::Lab seed_lab() {
  config::LabLoadResult loaded = config::load_lab(std::string(L3VPN_SOURCE_DIR) + "/labs/inter-vrf-leaking");
  REQUIRE(loaded.ok());
  return loaded.lab;
}

std::string address_of(const config::Lab& lab, const config::LabLinkEnd& end) {
  const config::Interface* i = lab.find_node(end.node)->config.find_interface(end.interface);
  REQUIRE(i != nullptr);
  REQUIRE(!i->addresses.empty());
  return i->addresses.front().prefix.address.to_string() + "/" + std::to_string(i->addresses.front().prefix.length);
}

// VRF name -> every colour its rows are drawn on, from the DOT's HTML labels.
std::map<std::string, std::set<std::string>> dot_vrf_colours(const std::string& dot) {
  std::map<std::string, std::set<std::string>> colours;
  const std::string key = "<TD BGCOLOR=\"";
  for (std::size_t at = dot.find(key); at != std::string::npos; at = dot.find(key, at + 1)) {
    const std::size_t colour_start = at + key.size();
    const std::string colour = dot.substr(colour_start, 7);
    const std::size_t cell_text = dot.find('>', colour_start) + 1;
    if (dot.compare(cell_text, 5, "<FONT") != 0) continue;  // a legend row of roles: no VRF
    const std::size_t text_start = dot.find('>', cell_text) + 1;
    std::string name = dot.substr(text_start, dot.find('<', text_start) - text_start);
    if (name.rfind("vrf ", 0) == 0) name = name.substr(4);  // the legend's rows
    colours[name].insert(colour);
  }
  return colours;
}

// The drawn boxes of every node, from the SVG itself.
std::vector<ctl::NodeBox> svg_boxes(const std::string& svg) {
  std::vector<ctl::NodeBox> boxes;
  for (const std::string& rect : test::elements_with(svg, "rect", "class=\"box\"")) {
    ctl::NodeBox b;
    b.x = std::stod(*test::attribute(rect, "x"));
    b.y = std::stod(*test::attribute(rect, "y"));
    b.width = std::stod(*test::attribute(rect, "width"));
    b.height = std::stod(*test::attribute(rect, "height"));
    boxes.push_back(b);
  }
  return boxes;
}

void check_no_overlap(const std::vector<ctl::NodeBox>& boxes) {
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      INFO("boxes " << i << " and " << j);
      CHECK_FALSE(ctl::boxes_overlap(boxes[i], boxes[j]));
    }
}

// Links drawn across a node they do not join, found by walking each line in
// small steps (independently of the layout's own clipping test).
std::vector<std::string> links_through_nodes(const ctl::LabGraph& graph, const ctl::LabLayout& layout) {
  std::vector<std::string> found;
  const auto index = [&](const std::string& name) {
    for (std::size_t i = 0; i < graph.nodes.size(); ++i)
      if (graph.nodes[i].name == name) return i;
    return graph.nodes.size();
  };
  for (const ctl::GraphLink& l : graph.links) {
    const ctl::NodeBox& a = layout.boxes[index(l.a.node)];
    const ctl::NodeBox& b = layout.boxes[index(l.b.node)];
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) {
      if (graph.nodes[i].name == l.a.node || graph.nodes[i].name == l.b.node) continue;
      const ctl::NodeBox& other = layout.boxes[i];
      for (int k = 0; k <= 400; ++k) {
        const double t = k / 400.0;
        const double x = a.centre_x() + t * (b.centre_x() - a.centre_x());
        const double y = a.centre_y() + t * (b.centre_y() - a.centre_y());
        if (x > other.x && x < other.x + other.width && y > other.y && y < other.y + other.height) {
          found.push_back(l.a.node + "--" + l.b.node + " through " + graph.nodes[i].name);
          break;
        }
      }
    }
  }
  return found;
}

}  // namespace

TEST_CASE("no link is drawn across a node it does not join, in every lab of labs/") {
  // rr-core has two core routers: P1's link to PE2 would pass behind RR1 if
  // both stood on the same line as the PEs.
  std::vector<std::string> labs;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(L3VPN_SOURCE_DIR) + "/labs"))
    if (std::filesystem::exists(entry.path() / "lab.yaml")) labs.push_back(entry.path().string());
  CHECK(labs.size() >= 5);
  for (const std::string& directory : labs) {
    INFO(directory);
    config::LabLoadResult loaded = config::load_lab(directory);
    REQUIRE(loaded.ok());
    const ctl::LabGraph graph = ctl::lab_graph(loaded.lab);
    const ctl::LabLayout layout = ctl::layout_lab(graph);
    CHECK(links_through_nodes(graph, layout) == std::vector<std::string>{});
    check_no_overlap(layout.boxes);
  }
}

TEST_CASE("a host linked to two PEs sits between them, its links clear of both") {
  ctl::LabGraph graph;
  graph.lab = "dual-homed";
  graph.nodes = {{"transit", config::Role::Host, "", {}},
                 {"firewall", config::Role::Host, "", {}},
                 {"edge", config::Role::ProviderEdge, "", {"routing"}},
                 {"bras", config::Role::ProviderEdge, "", {"routing"}},
                 {"members", config::Role::Host, "", {}}};
  graph.links = {{{"transit", "eth0", "", ""}, {"edge", "eth0", "", ""}, "", ""},
                 {{"firewall", "eth1", "", ""}, {"edge", "eth2", "", ""}, "", ""},
                 {{"firewall", "eth2", "", ""}, {"bras", "eth2", "", ""}, "", ""},
                 {{"edge", "eth1", "", ""}, {"bras", "eth0", "", ""}, "", ""},
                 {{"bras", "eth1", "", ""}, {"members", "eth0", "", ""}, "", ""}};
  graph.vrfs = {"routing"};
  const ctl::LabLayout layout = ctl::layout_lab(graph);
  CHECK(links_through_nodes(graph, layout) == std::vector<std::string>{});
  check_no_overlap(layout.boxes);
  // edge on top, bras at the bottom: the firewall halfway down, beside them.
  const double firewall_y = layout.boxes[1].centre_y();
  CHECK(firewall_y > layout.boxes[2].centre_y());
  CHECK(firewall_y < layout.boxes[3].centre_y());
}

TEST_CASE("the seed lab's DOT has every node by role and every link with both interfaces and addresses") {
  const config::Lab lab = seed_lab();
  const ctl::LabGraph graph = ctl::lab_graph(lab);
  const std::string dot = ctl::render_lab_dot(graph);
  CHECK(dot.find("graph \"inter-vrf-leaking\" {") != std::string::npos);
  for (const config::LabNode& n : lab.nodes) {
    INFO(n.name);
    CHECK(test::count(dot, "  \"" + n.name + "\" [shape=") == 1);
  }
  CHECK(dot.find("\"R1\" [shape=ellipse") != std::string::npos);  // the P router
  CHECK(dot.find("\"R3\" [shape=box") != std::string::npos);      // a PE
  CHECK(dot.find("\"INET\" [shape=note") != std::string::npos);   // the host
  for (const config::LabLink& l : lab.links) {
    const std::string edge = "\"" + l.a.node + "\" -- \"" + l.b.node + "\" [taillabel=\"" + l.a.interface + "\\n" +
                             address_of(lab, l.a) + "\", headlabel=\"" + l.b.interface + "\\n" +
                             address_of(lab, l.b) + "\"";
    INFO(edge);
    CHECK(dot.find(edge) != std::string::npos);
  }
  CHECK(dot.find("\"R1\" -- \"R2\" [taillabel=\"GigabitEthernet0/2\\n192.168.12.1/24\"") != std::string::npos);
  CHECK(dot.find("label=\"192.168.12.0/24\"") != std::string::npos);
  // R2's Gi1/0 is in VRF Internet: the link to INET is drawn in that VRF's colour.
  CHECK(dot.find("\"R2\" -- \"INET\" [taillabel=\"GigabitEthernet1/0\\n172.33.33.1/30\", headlabel=\"GigabitEthernet0/0\\n"
                 "172.33.33.2/30\", color=\"" +
                 graph.vrf_colour("Internet") + "\"") != std::string::npos);
  CHECK(dot.find("label=\"172.33.33.0/30\\nvrf Internet\"") != std::string::npos);
}

TEST_CASE("each VRF of the seed lab has one colour, the same in the DOT and the SVG, and no two share one") {
  const ctl::LabGraph graph = ctl::lab_graph(seed_lab());
  CHECK(graph.vrfs == std::vector<std::string>{"Commercial", "Internet", "Serveurs", "Technique"});
  const std::map<std::string, std::set<std::string>> colours = dot_vrf_colours(ctl::render_lab_dot(graph));
  std::set<std::string> used;
  for (const std::string& vrf : graph.vrfs) {
    INFO(vrf);
    REQUIRE(colours.count(vrf) == 1);
    CHECK(colours.at(vrf).size() == 1);
    CHECK(*colours.at(vrf).begin() == graph.vrf_colour(vrf));
    used.insert(graph.vrf_colour(vrf));
  }
  CHECK(used.size() == graph.vrfs.size());
  // Technique is on R3 and R4: both rows, one colour.
  CHECK(test::count(ctl::render_lab_dot(graph), ">Technique</FONT>") == 2);
  const std::string svg = ctl::render_lab_svg(graph);
  const auto rows = test::elements_with(svg, "rect", "class=\"vrf\"");
  CHECK(rows.size() == 8);  // R2: 2, R3: 3, R4: 3
  for (const std::string& row : rows) {
    INFO(row);
    CHECK(*test::attribute(row, "fill") == graph.vrf_colour(*test::attribute(row, "data-vrf")));
  }
}

TEST_CASE("VRF colours past the palette stay distinct and stable") {
  std::set<std::string> seen;
  for (std::size_t n = 0; n < 40; ++n) seen.insert(ctl::vrf_palette_colour(n));
  CHECK(seen.size() == 40);
  CHECK(ctl::vrf_palette_colour(17) == ctl::vrf_palette_colour(17));
}

TEST_CASE("the seed lab's SVG is well-formed and draws every node once, no two boxes overlapping") {
  const config::Lab lab = seed_lab();
  const ctl::LabGraph graph = ctl::lab_graph(lab);
  const std::string svg = ctl::render_lab_svg(graph);
  CHECK(test::xml_problem(svg) == "");
  CHECK(test::count(svg, "<g class=\"node\"") == lab.nodes.size());
  for (const config::LabNode& n : lab.nodes) {
    INFO(n.name);
    CHECK(test::count(svg, "data-name=\"" + n.name + "\"") == 1);
  }
  CHECK(test::count(svg, "<g class=\"link\"") == lab.links.size());
  CHECK(svg.find(">192.168.13.3/24</text>") != std::string::npos);  // R3's end of its core link
  CHECK(svg.find(">Gi0/3</text>") != std::string::npos);            // R1's end of it, short name
  const std::vector<ctl::NodeBox> boxes = svg_boxes(svg);
  CHECK(boxes.size() == lab.nodes.size());
  check_no_overlap(boxes);
  // The P router is in the middle: every PE is further from the centre of the drawing.
  const ctl::LabLayout layout = ctl::layout_lab(graph);
  const auto distance_to_r1 = [&](std::size_t i) {
    return std::hypot(layout.boxes[i].centre_x() - layout.boxes[0].centre_x(),
                      layout.boxes[i].centre_y() - layout.boxes[0].centre_y());
  };
  CHECK(distance_to_r1(4) > distance_to_r1(1));  // INET lies beyond its PE R2
}

TEST_CASE("the layout keeps boxes apart on a larger provider network") {
  ctl::LabGraph graph;
  graph.lab = "big";
  for (int p = 1; p <= 3; ++p) graph.nodes.push_back({"P" + std::to_string(p), config::Role::Provider, "", {}});
  graph.nodes.push_back({"RR1", config::Role::RouteReflector, "9.9.9.9", {}});
  for (int pe = 1; pe <= 8; ++pe) {
    const std::string name = "PE" + std::to_string(pe);
    graph.nodes.push_back({name, config::Role::ProviderEdge, "10.0.0." + std::to_string(pe), {"Blue", "Red", "Green"}});
    graph.links.push_back({{name, "Gi0/0", "", ""}, {"P" + std::to_string(1 + pe % 3), "Gi0/" + std::to_string(pe), "", ""}, "", ""});
    for (int ce = 1; ce <= 3; ++ce) {
      const std::string ce_name = "CE" + std::to_string(pe) + "-" + std::to_string(ce);
      graph.nodes.push_back({ce_name, ce == 3 ? config::Role::Host : config::Role::CustomerEdge, "", {}});
      graph.links.push_back({{name, "Gi1/" + std::to_string(ce), "", "Blue"}, {ce_name, "eth0", "", ""}, "", "Blue"});
    }
  }
  graph.nodes.push_back({"lonely-host", config::Role::Host, "", {}});  // linked to nothing
  graph.vrfs = {"Blue", "Green", "Red"};
  const ctl::LabLayout layout = ctl::layout_lab(graph);
  REQUIRE(layout.boxes.size() == graph.nodes.size());
  check_no_overlap(layout.boxes);
  for (const ctl::NodeBox& b : layout.boxes) {
    CHECK(b.x >= 0);
    CHECK(b.y >= 0);
    CHECK(b.x + b.width <= layout.width);
    CHECK(b.y + b.height <= layout.height);
  }
  CHECK(test::xml_problem(ctl::render_lab_svg(graph, layout)) == "");
  CHECK(ctl::layout_lab(graph).boxes[5].x == layout.boxes[5].x);  // deterministic
}

TEST_CASE("odd names are escaped: the SVG stays well-formed and the DOT quotes them") {
  ctl::LabGraph graph;
  graph.lab = "a<b>&\"c\"";
  graph.nodes.push_back({"R<1>&'x'", config::Role::ProviderEdge, "1.1.1.1", {"V&<W>\"q\""}});
  graph.nodes.push_back({"H\"2\\", config::Role::Host, "", {}});
  graph.links.push_back({{"R<1>&'x'", "Gi<0>", "10.0.0.1/30", "V&<W>\"q\""}, {"H\"2\\", "eth&1", "10.0.0.2/30", ""},
                         "10.0.0.0/30", "V&<W>\"q\""});
  graph.vrfs = {"V&<W>\"q\""};
  const std::string svg = ctl::render_lab_svg(graph);
  CHECK(test::xml_problem(svg) == "");
  CHECK(svg.find("data-name=\"R&lt;1&gt;&amp;&apos;x&apos;\"") != std::string::npos);
  CHECK(svg.find(">V&amp;&lt;W&gt;&quot;q&quot;</text>") != std::string::npos);
  CHECK(svg.find("R<1>") == std::string::npos);
  const std::string dot = ctl::render_lab_dot(graph);
  CHECK(dot.find("graph \"a<b>&\\\"c\\\"\" {") != std::string::npos);
  CHECK(dot.find("\"H\\\"2\\\\\" [shape=note") != std::string::npos);
  CHECK(dot.find("<B>R&lt;1&gt;&amp;&apos;x&apos;</B>") != std::string::npos);  // inside the HTML label
  CHECK(ctl::xml_escape("a\x01z\tq") == "az\tq");  // control characters have no place in XML
  CHECK(ctl::graph_file_stem("../etc/pass wd") == ".._etc_pass_wd");
  CHECK(ctl::graph_file_stem("..") == "lab");
}

TEST_CASE("IOS short interface names in the drawing") {
  CHECK(ctl::short_interface_name("GigabitEthernet0/2") == "Gi0/2");
  CHECK(ctl::short_interface_name("TenGigabitEthernet1/0/1") == "Te1/0/1");
  CHECK(ctl::short_interface_name("Loopback0") == "Lo0");
  CHECK(ctl::short_interface_name("eth1") == "eth1");
  CHECK(ctl::short_interface_name("GigabitEthernet") == "GigabitEthernet");
}

TEST_CASE("lab graph writes the DOT, the SVG and the matrix SVG, named after the lab") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("l3vpn-graph-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::ostringstream out, err;
  const int rc = ctl::lab_graph_command(
      {"graph", std::string(L3VPN_SOURCE_DIR) + "/labs/inter-vrf-leaking", "--out", (dir / "sub").string()}, out, err);
  CHECK(rc == 0);
  CHECK(err.str() == "");
  for (const char* name : {"inter-vrf-leaking.dot", "inter-vrf-leaking.svg", "inter-vrf-leaking-matrix.svg"}) {
    INFO(name);
    CHECK(fs::file_size(dir / "sub" / name) > 500);
    CHECK(out.str().find((dir / "sub" / name).string()) != std::string::npos);
  }
  CHECK(out.str().find("(simulator: 0 cells differ from lab.yaml)") != std::string::npos);
  // Graphviz, when installed, reads our DOT (an extra check; no dependency).
  if (std::system("command -v dot >/dev/null 2>&1") == 0) {
    const std::string cmd = "dot -Tsvg '" + (dir / "sub" / "inter-vrf-leaking.dot").string() + "' -o /dev/null";
    CHECK(std::system(cmd.c_str()) == 0);
  } else {
    MESSAGE("graphviz `dot` not installed: the DOT is not rendered by Graphviz here");
  }
  std::ostringstream out2, err2;
  CHECK(ctl::lab_graph_command({"graph", "/nonexistent/lab"}, out2, err2) == 1);
  CHECK(err2.str().find("lab.yaml") != std::string::npos);
  CHECK(ctl::lab_graph_command({"graph"}, out2, err2) == 2);
  fs::remove_all(dir);
}
