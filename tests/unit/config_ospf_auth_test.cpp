// OSPF authentication on interfaces: "ip ospf authentication [message-digest
// | null]", "ip ospf authentication-key KEY", "ip ospf message-digest-key N
// md5 KEY" parse into the model, render back in IOS form, survive the round
// trip, and bad forms give one located error each.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config_fixtures.hpp"
#include "config/parser.hpp"

using namespace l3vpn::config;

namespace {

constexpr auto parse_ok = config_fixtures::parse_ok;

std::vector<std::string> diagnostics(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& d : parse_config(text, "t.conf").errors) out.push_back(d.to_string());
  return out;
}

const char* const kTwoLinks =
    "interface GigabitEthernet0/0\n"
    " ip address 10.0.12.1 255.255.255.0\n"
    " ip ospf authentication message-digest\n"
    " ip ospf message-digest-key 2 md5 second\n"
    " ip ospf message-digest-key 1 md5 first\n"
    "interface GigabitEthernet0/1\n"
    " ip address 10.0.13.1 255.255.255.0\n"
    " ip ospf authentication\n"
    " ip ospf authentication-key cisco\n"
    "interface GigabitEthernet0/2\n"
    " ip ospf authentication null\n";

}  // namespace

TEST_CASE("ip ospf authentication commands land in the interface's OSPF settings") {
  Config c = parse_ok(kTwoLinks);
  REQUIRE(c.interfaces.size() == 3);
  const InterfaceOspf& md5 = c.interfaces[0].ospf;
  CHECK(md5.authentication == OspfAuthentication::MessageDigest);
  REQUIRE(md5.message_digest_keys.size() == 2);
  CHECK(md5.message_digest_keys[0] == OspfMessageDigestKey{1, "first"});  // kept by key ID
  CHECK(md5.message_digest_keys[1] == OspfMessageDigestKey{2, "second"});
  const InterfaceOspf& simple = c.interfaces[1].ospf;
  CHECK(simple.authentication == OspfAuthentication::Simple);
  CHECK(simple.authentication_key == "cisco");
  CHECK(c.interfaces[2].ospf.authentication == OspfAuthentication::Null);
}

TEST_CASE("a key ID given again replaces its key; no removes key and mode") {
  Config c = parse_ok(
      "interface eth1\n"
      " ip ospf authentication message-digest\n"
      " ip ospf message-digest-key 1 md5 old\n"
      " ip ospf message-digest-key 1 md5 new\n"
      " ip ospf message-digest-key 3 md5 gone\n"
      " no ip ospf message-digest-key 3\n"
      "interface eth2\n"
      " ip ospf authentication\n"
      " ip ospf authentication-key abc\n"
      " no ip ospf authentication\n"
      " no ip ospf authentication-key\n");
  const InterfaceOspf& eth1 = c.interfaces[0].ospf;
  REQUIRE(eth1.message_digest_keys.size() == 1);
  CHECK(eth1.message_digest_keys[0].key == "new");
  const InterfaceOspf& eth2 = c.interfaces[1].ospf;
  CHECK_FALSE(eth2.authentication.has_value());
  CHECK(eth2.authentication_key.empty());
}

TEST_CASE("OSPF authentication renders as IOS writes it and survives parse -> render -> parse") {
  Config c = parse_ok(kTwoLinks);
  const std::string text = render_running_config(c);
  CHECK(text.find(" ip ospf authentication message-digest\n"
                  " ip ospf message-digest-key 1 md5 first\n"
                  " ip ospf message-digest-key 2 md5 second\n") != std::string::npos);
  CHECK(text.find(" ip ospf authentication\n ip ospf authentication-key cisco\n") != std::string::npos);
  CHECK(text.find(" ip ospf authentication null\n") != std::string::npos);
  CHECK(parse_ok(text) == c);
}

TEST_CASE("bad OSPF authentication lines give one located error each") {
  CHECK(diagnostics("interface eth1\n ip ospf authentication md5\n") ==
        std::vector<std::string>{"t.conf:2:25: error: ip ospf authentication expects message-digest or null, got 'md5'"});
  CHECK(diagnostics("interface eth1\n ip ospf authentication-key 123456789\n") ==
        std::vector<std::string>{"t.conf:2:29: error: OSPF authentication key longer than 8 characters"});
  CHECK(diagnostics("interface eth1\n ip ospf message-digest-key 1 md5 12345678901234567\n") ==
        std::vector<std::string>{"t.conf:2:35: error: OSPF MD5 key longer than 16 characters"});
  CHECK(diagnostics("interface eth1\n ip ospf message-digest-key 1 sha key\n") ==
        std::vector<std::string>{"t.conf:2:31: error: ip ospf message-digest-key N expects 'md5', got 'sha'"});
  CHECK(diagnostics("interface eth1\n ip ospf message-digest-key 0 md5 key\n").size() == 1);
  CHECK(diagnostics("interface eth1\n ip ospf message-digest-key 1 md5\n").size() == 1);
}
