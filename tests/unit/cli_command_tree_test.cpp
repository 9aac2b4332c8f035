#include <doctest/doctest.h>

#include <string>

#include "cli/command_tree.hpp"

using l3vpn::cli::CommandResult;
using l3vpn::cli::CommandTree;
using l3vpn::cli::Invocation;

namespace {

// A tree shaped like the daemons': each handler answers its own name, the
// arguments it got and whether JSON was asked.
CommandTree sample_tree() {
  CommandTree tree;
  const auto answer = [](std::string name) {
    return [name](const Invocation& i) {
      std::string out = name;
      for (const auto& a : i.arguments) out += " [" + a + "]";
      if (i.json) out += " json";
      return CommandResult::success(out + "\nsecond line\nRT:1:1\n");
    };
  };
  const l3vpn::cli::Word show{"show", "Show running system information", false};
  const l3vpn::cli::Word ip{"ip", "IP information", false};
  const l3vpn::cli::Word vrf{"vrf", "VPN Routing/Forwarding instance information", false};
  tree.add({show, {"running-config", "Current operating configuration", false}}, answer("run"));
  tree.add({show, {"interfaces", "Interface status and configuration", false}}, answer("interfaces"));
  tree.add({show, ip, vrf}, answer("vrf"));
  tree.add({show, ip, vrf, {"detail", "Detailed information", false}}, answer("detail"));
  tree.add({show, ip, vrf, {"detail", "Detailed information", false},
            {"WORD", "VRF name", true}}, answer("detail"));
  tree.add({show, ip, {"interface", "IP interface status", false}, {"brief", "Brief summary", false}},
           answer("brief"), false);
  return tree;
}

}  // namespace

TEST_CASE("full keywords and unique prefixes select the same command") {
  const CommandTree tree = sample_tree();
  CHECK(tree.execute("show running-config").output.rfind("run\n", 0) == 0);
  CHECK(tree.execute("sh run").output.rfind("run\n", 0) == 0);
  CHECK(tree.execute("SH RUN").output.rfind("run\n", 0) == 0);
  CHECK(tree.execute("  sh   ip   vrf  ").output.rfind("vrf\n", 0) == 0);
  CHECK(tree.execute("sh ip vrf det").output.rfind("detail\n", 0) == 0);
  CHECK(tree.execute("sh ip int b").output.rfind("brief\n", 0) == 0);
  CHECK(tree.execute("sh ip vrf det Technique").output.rfind("detail [Technique]\n", 0) == 0);
  CHECK(tree.execute("sh ip vrf j").output.rfind("vrf json\n", 0) == 0);
  CHECK(tree.execute("sh ip vrf det Technique json").output.rfind("detail [Technique] json\n", 0) == 0);
  CHECK(tree.execute("").ok);
  CHECK(tree.execute("").output.empty());
}

TEST_CASE("an exact keyword wins over a longer keyword it prefixes") {
  CommandTree tree;
  tree.add({{"ip", "", false}}, [](const Invocation&) { return CommandResult::success("ip\n"); }, false);
  tree.add({{"ipv6", "", false}}, [](const Invocation&) { return CommandResult::success("ipv6\n"); }, false);
  CHECK(tree.execute("ip").output == "ip\n");
  CHECK(tree.execute("ipv").output == "ipv6\n");
}

TEST_CASE("ambiguous abbreviations") {
  const CommandTree tree = sample_tree();
  const CommandResult r = tree.execute("sh i");
  CHECK_FALSE(r.ok);
  CHECK(r.output == "% Ambiguous command:  \"sh i\"\n");
  CHECK(tree.execute("sh i vrf").output == "% Ambiguous command:  \"sh i vrf\"\n");
}

TEST_CASE("invalid input: the line echoed and a caret under the first bad word") {
  const CommandTree tree = sample_tree();
  CommandResult r = tree.execute("show ip vrf foo bar");
  // "foo" is taken by nothing at "show ip vrf" (WORD belongs to "detail").
  CHECK_FALSE(r.ok);
  CHECK(r.output ==
        "show ip vrf foo bar\n"
        "            ^\n"
        "% Invalid input detected at '^' marker.\n");
  r = tree.execute("shw run");
  CHECK(r.output ==
        "shw run\n"
        "^\n"
        "% Invalid input detected at '^' marker.\n");
  r = tree.execute("sh  ip   vrf det X Y");
  CHECK(r.output ==
        "sh  ip   vrf det X Y\n"
        "                   ^\n"
        "% Invalid input detected at '^' marker.\n");
  r = tree.execute("sh ip int brief json");  // added without JSON
  CHECK(r.output ==
        "sh ip int brief json\n"
        "                ^\n"
        "% Invalid input detected at '^' marker.\n");
}

TEST_CASE("incomplete commands") {
  const CommandTree tree = sample_tree();
  CHECK(tree.execute("show").output == "% Incomplete command.\n");
  CHECK(tree.execute("sh ip").output == "% Incomplete command.\n");
  CHECK_FALSE(tree.execute("sh ip int").ok);
}

TEST_CASE("output filters") {
  const CommandTree tree = sample_tree();
  CHECK(tree.execute("sh run | include second").output == "second line\n");
  CHECK(tree.execute("sh run | i RT").output == "RT:1:1\n");
  CHECK(tree.execute("sh run | inc ^(run|RT)").output == "run\nRT:1:1\n");
  CHECK(tree.execute("sh run | exclude line").output == "run\nRT:1:1\n");
  CHECK(tree.execute("sh run | begin sec").output == "second line\nRT:1:1\n");
  CHECK(tree.execute("sh run | include nothing-matches").output.empty());
  CHECK(tree.execute("sh run | include second line").output == "second line\n");
}

TEST_CASE("output filter errors") {
  const CommandTree tree = sample_tree();
  CommandResult r = tree.execute("sh run | include (");
  CHECK_FALSE(r.ok);
  CHECK(r.output.rfind("% Invalid regular expression \"(\": ", 0) == 0);
  r = tree.execute("sh run | grep x");
  CHECK(r.output ==
        "sh run | grep x\n"
        "         ^\n"
        "% Invalid input detected at '^' marker.\n");
  CHECK(tree.execute("sh run | include").output == "% Incomplete command.\n");
  CHECK(tree.execute("sh run |").output == "% Incomplete command.\n");
  // the command is checked before the filter
  CHECK(tree.execute("sh rux | include x").output ==
        "sh rux | include x\n"
        "   ^\n"
        "% Invalid input detected at '^' marker.\n");
}

TEST_CASE("? lists the next words with their descriptions") {
  const CommandTree tree = sample_tree();
  CHECK(tree.dispatch("show ?").output ==
        "  interfaces      Interface status and configuration\n"
        "  ip              IP information\n"
        "  running-config  Current operating configuration\n");
  CHECK(tree.dispatch("sh ip vrf ?").output ==
        "  detail  Detailed information\n"
        "  json    Output in JSON format\n"
        "  |       Output modifiers\n"
        "  <cr>\n");
  CHECK(tree.dispatch("sh ip vrf det ?").output ==
        "  WORD  VRF name\n"
        "  json  Output in JSON format\n"
        "  |     Output modifiers\n"
        "  <cr>\n");
  CHECK(tree.dispatch("?").output ==
        "  show  Show running system information\n");
}

TEST_CASE("? after a partial word lists the keywords it may complete to") {
  const CommandTree tree = sample_tree();
  CHECK(tree.dispatch("sh i?").output ==
        "  interfaces  Interface status and configuration\n"
        "  ip          IP information\n");
  CHECK(tree.dispatch("sh ru?").output == "  running-config  Current operating configuration\n");
  CHECK(tree.dispatch("sh x?").output ==
        "sh x\n"
        "   ^\n"
        "% Invalid input detected at '^' marker.\n");
  CHECK(tree.dispatch("sh run | ?").output ==
        "  begin    Begin with the line that matches\n"
        "  exclude  Exclude lines that match\n"
        "  include  Include lines that match\n");
  CHECK(tree.dispatch("sh run | include ?").output == "  LINE  Regular Expression\n");
  CHECK(tree.dispatch("sh i ?").output == "% Ambiguous command:  \"sh i\"\n");
}

TEST_CASE("output filter limits") {
  const CommandTree tree = sample_tree();
  CHECK(tree.execute("sh run | include " + std::string(257, 'a')).output ==
        "% Regular expression too long (at most 256 characters)\n");
  CHECK(tree.execute("sh run | include " + std::string(256, 'a')).ok);
}
