// "mpls ldp label" and its " allocate global host-routes|prefix-list NAME":
// parsed into the model, rendered back in the running-config (parse ->
// render -> parse gives the same model), removed by "no", and every mistake
// reported at its word.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/parser.hpp"
#include "config_fixtures.hpp"

using namespace l3vpn::config;
using config_fixtures::parse_ok;

namespace {

std::vector<std::string> diagnostics(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& d : parse_config(text, "t.conf").errors) out.push_back(d.to_string());
  return out;
}

const std::string kPrefixList = "ip prefix-list LDP-FECS seq 5 permit 172.16.0.0/16 le 24\n";

}  // namespace

TEST_CASE("mpls ldp label: allocate global prefix-list is parsed and names where the list is used") {
  Config c = parse_ok(kPrefixList + "mpls ldp label\n allocate global prefix-list LDP-FECS\n");
  REQUIRE(c.mpls.ldp_label_allocation);
  CHECK(c.mpls.ldp_label_allocation->kind == LdpLabelAllocation::Kind::PrefixList);
  CHECK(c.mpls.ldp_label_allocation->prefix_list == "LDP-FECS");
  CHECK(c.mpls.ldp_label_allocation->where.line == 3);
  CHECK(c.mpls.ldp_label_allocation->where.column == 30);
}

TEST_CASE("mpls ldp label: the last allocate line wins; 'no' gives the default back") {
  Config c = parse_ok(kPrefixList +
                      "mpls ldp label\n allocate global prefix-list LDP-FECS\n allocate global host-routes\n");
  REQUIRE(c.mpls.ldp_label_allocation);
  CHECK(c.mpls.ldp_label_allocation->kind == LdpLabelAllocation::Kind::HostRoutes);

  CHECK_FALSE(parse_ok("mpls ldp label\n allocate global host-routes\n no allocate global host-routes\n")
                  .mpls.ldp_label_allocation);
  CHECK_FALSE(parse_ok("mpls ldp label\n allocate global host-routes\n no allocate global\n").mpls.ldp_label_allocation);
  CHECK_FALSE(parse_ok("mpls ldp label\n allocate global host-routes\nno mpls ldp label\n").mpls.ldp_label_allocation);
  // "no" naming another list than the configured one changes nothing.
  Config kept = parse_ok(kPrefixList + "mpls ldp label\n allocate global prefix-list LDP-FECS\n"
                                       " no allocate global prefix-list OTHER\n");
  CHECK(kept.mpls.ldp_label_allocation);
}

TEST_CASE("mpls ldp label: the running-config renders the submode and parses back to the same model") {
  for (const std::string allocate : {" allocate global host-routes\n", " allocate global prefix-list LDP-FECS\n"}) {
    CAPTURE(allocate);
    Config c = parse_ok("hostname P1\n" + kPrefixList + "mpls ldp label\n" + allocate +
                        "interface Loopback0\n ip address 1.1.1.1 255.255.255.255\n");
    const std::string text = render_running_config(c);
    CHECK(text.find("mpls ldp label\n" + allocate) != std::string::npos);
    Config again = parse_ok(text);
    CHECK(again.mpls.ldp_label_allocation->kind == c.mpls.ldp_label_allocation->kind);
    CHECK(again.mpls.ldp_label_allocation->prefix_list == c.mpls.ldp_label_allocation->prefix_list);
    CHECK(render_running_config(again) == text);
    // The interface after the block is not swallowed by the submode.
    REQUIRE(again.find_interface("Loopback0"));
  }
  CHECK(render_running_config(parse_ok("hostname P1\n")).find("mpls ldp label") == std::string::npos);
}

TEST_CASE("mpls ldp label: mistakes are reported at their word") {
  CHECK(diagnostics("mpls ldp label\n allocate global prefix-list NOPE\n") ==
        std::vector<std::string>{"t.conf:2:30: error: prefix-list 'NOPE' is not defined"});
  CHECK(diagnostics("mpls ldp label\n allocate global all\n") ==
        std::vector<std::string>{"t.conf:2:18: error: unknown command 'allocate global all' in mpls ldp label mode"});
  CHECK(diagnostics("mpls ldp label\n allocate global prefix-list\n") ==
        std::vector<std::string>{
            "t.conf:2:30: error: missing argument: allocate global prefix-list expects a prefix-list name"});
  CHECK(diagnostics("mpls ldp label\n allocate global host-routes extra\n") ==
        std::vector<std::string>{"t.conf:2:30: error: unexpected 'extra' after end of command"});
  CHECK(diagnostics("mpls ldp label now\n") ==
        std::vector<std::string>{"t.conf:1:16: error: unexpected 'now' after end of command"});
}
