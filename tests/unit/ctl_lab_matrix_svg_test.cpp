// The reachability matrix as a picture (lab graph's <lab>-matrix.svg): on the
// seed lab, N*N cells, each coloured by what lab.yaml expects; with the
// simulator's prediction nothing is marked; a measurement that differs marks
// exactly that cell with the glyph of `lab verify`.
#include <doctest/doctest.h>

#include <string>

#include "core/log.hpp"
#include "ctl/lab_matrix_svg.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/lab_sim.hpp"
#include "xml_check.hpp"

using namespace l3vpn;

namespace {

config::Lab seed_lab() {
  config::LabLoadResult loaded = config::load_lab(std::string(L3VPN_SOURCE_DIR) + "/labs/inter-vrf-leaking");
  REQUIRE(loaded.ok());
  return loaded.lab;
}

}  // namespace

TEST_CASE("the seed lab's matrix picture has N*N cells coloured by lab.yaml's expectation") {
  const config::Lab lab = seed_lab();
  const std::string svg = ctl::render_matrix_svg(ctl::matrix_picture(lab, nullptr));
  CHECK(test::xml_problem(svg) == "");
  const std::size_t n = lab.endpoints.size();
  const auto cells = test::elements_with(svg, "rect", "class=\"cell ");
  REQUIRE(cells.size() == n * n);
  std::size_t reach = 0;
  for (const std::string& cell : cells) {
    const std::string from = *test::attribute(cell, "data-from"), to = *test::attribute(cell, "data-to");
    const std::string cls = *test::attribute(cell, "class");
    INFO(from << " -> " << to << ": " << cls);
    if (from == to) {
      CHECK(cls == "cell self");
      CHECK(*test::attribute(cell, "fill") == "#dddddd");
    } else if (lab.expects(from, to)) {
      CHECK(cls == "cell reach");
      CHECK(*test::attribute(cell, "fill") == "#9fd89a");
      ++reach;
    } else {
      CHECK(cls == "cell fail");
      CHECK(*test::attribute(cell, "fill") == "#f6c9c4");
    }
  }
  CHECK(reach == 30);  // the article's flows, both sites of each VRF
  CHECK(svg.find("lab.yaml: 30 must reach, 12 must fail</text>") != std::string::npos);
  CHECK(svg.find("differ") == std::string::npos);  // nothing measured, nothing marked
}

TEST_CASE("with the simulator's prediction the seed lab's picture marks no cell") {
  const config::Lab lab = seed_lab();
  core::Logger log("sim", core::LogLevel::Warning);
  sim::LabSim simulated(lab, log);
  simulated.start();
  REQUIRE(simulated.converge().converged);
  const sim::ReachabilityMatrix predicted = sim::compute_matrix(sim::build_dataplane(simulated), lab);
  const ctl::MatrixPicture picture = ctl::matrix_picture(lab, &predicted);
  CHECK(picture.differ() == 0);
  const std::string svg = ctl::render_matrix_svg(picture);
  CHECK(test::elements_with(svg, "rect", "differ\"").empty());
  CHECK(svg.find("simulator: 42 pairs as expected, 0 differ</text>") != std::string::npos);
}

TEST_CASE("a measured cell that differs is marked, with the glyph of lab verify and the reason") {
  const config::Lab lab = seed_lab();
  ctl::MeasuredMatrix live;
  for (const config::ReachabilityEndpoint& e : lab.endpoints) live.endpoints.push_back(e.name);
  for (const config::ReachabilityEndpoint& from : lab.endpoints)
    for (const config::ReachabilityEndpoint& to : lab.endpoints) {
      if (from.name == to.name) continue;
      const bool expected = lab.expects(from.name, to.name);
      bool reached = expected;
      std::string detail;
      if (from.name == "Serveurs" && to.name == "Technique") reached = false, detail = "100% packet loss";
      if (from.name == "Internet" && to.name == "Serveurs") reached = true;
      live.cells.push_back({from.name, to.name, expected, reached, detail});
    }
  const ctl::MatrixPicture picture = ctl::matrix_picture(lab, live);
  CHECK(picture.differ() == 2);
  const std::string svg = ctl::render_matrix_svg(picture);
  CHECK(test::xml_problem(svg) == "");
  const auto marked = test::elements_with(svg, "rect", " differ\"");
  REQUIRE(marked.size() == 2);
  CHECK(*test::attribute(marked[0], "data-from") == "Serveurs");
  CHECK(*test::attribute(marked[0], "class") == "cell reach differ");
  CHECK(*test::attribute(marked[1], "data-from") == "Internet");
  CHECK(*test::attribute(marked[1], "class") == "cell fail differ");
  CHECK(svg.find("Serveurs -&gt; Technique: must reach; live ping: no reply (DIFFERS) - 100% packet loss") !=
        std::string::npos);
  CHECK(svg.find("font-weight=\"bold\" fill=\"#8b0000\">X</text>") != std::string::npos);
  CHECK(svg.find("font-weight=\"bold\" fill=\"#8b0000\">+</text>") != std::string::npos);
  CHECK(svg.find("live ping: 40 pairs as expected, 2 differ</text>") != std::string::npos);
}

TEST_CASE("endpoint names are escaped in the matrix picture") {
  config::Lab lab;
  lab.name = "x&y";
  lab.endpoints = {{"A<1>", "R1", "", {0x0A000001}}, {"B\"&'", "R2", "", {0x0A000002}}};
  lab.expect = {{"A<1>", {"B\"&'"}}};
  const std::string svg = ctl::render_matrix_svg(ctl::matrix_picture(lab, nullptr));
  CHECK(test::xml_problem(svg) == "");
  CHECK(test::elements_with(svg, "rect", "class=\"cell ").size() == 4);
  CHECK(svg.find("data-from=\"A&lt;1&gt;\" data-to=\"B&quot;&amp;&apos;\"") != std::string::npos);
}
