#include <doctest/doctest.h>

#include <sstream>

#include "ctl/lab_show.hpp"

using namespace l3vpn;

TEST_CASE("the expected matrix shows who must reach whom, one glyph per cell") {
  config::Lab lab;
  lab.endpoints = {{"Technique", "R3", "Technique", {0x0A0A0A01}},
                   {"Serveurs", "R3", "Serveurs", {0x0A0A1E01}},
                   {"Internet", "INET", "", {0x08080808}}};
  lab.expect = {{"Technique", {"Serveurs", "Internet"}}, {"Serveurs", {"Technique"}}};
  std::ostringstream out;
  ctl::print_expected_matrix(lab, out);
  CHECK(out.str() ==
        "              1  2  3\n"
        " 1 Technique  -  !  !\n"
        " 2 Serveurs   !  -  .\n"
        " 3 Internet   .  .  -\n"
        "(row reaches column: '!' must succeed, '.' must fail)\n");
}

TEST_CASE("lab show --nodes lists every node of the seed lab with its kind and config") {
  std::ostringstream out, err;
  CHECK(ctl::show_lab(std::string(L3VPN_SOURCE_DIR) + "/labs/inter-vrf-leaking", true, out, err) == 0);
  const std::string text = out.str();
  CHECK(text.find("R1 p ") == 0);
  CHECK(text.find("\nR3 pe ") != std::string::npos);
  CHECK(text.find("\nINET host ") != std::string::npos);
  CHECK(err.str().empty());
}

TEST_CASE("lab show on a missing lab says so and fails") {
  std::ostringstream out, err;
  CHECK(ctl::show_lab("/nonexistent/lab", false, out, err) == 1);
  CHECK(err.str().find("lab.yaml") != std::string::npos);
}

TEST_CASE("lab show keeps a column between a long node name and its kind (mgmt-vrf's firewall)") {
  std::ostringstream out, err;
  CHECK(ctl::show_lab(std::string(L3VPN_SOURCE_DIR) + "/labs/mgmt-vrf", false, out, err) == 0);
  const std::string text = out.str();
  CHECK(text.find("\n  firewall host  /") != std::string::npos);
  CHECK(text.find("\n  edge     pe    /") != std::string::npos);
  CHECK(text.find("firewallhost") == std::string::npos);
}
