// Addresses, masks, wildcards, prefixes, route distinguishers and targets.
#include <doctest/doctest.h>

#include "config/model.hpp"

using namespace l3vpn::config;

TEST_CASE("IPv4 addresses parse strictly and print dotted") {
  CHECK(Ipv4Address::parse("10.0.0.1")->value == 0x0A000001u);
  CHECK(Ipv4Address::parse("255.255.255.255")->value == 0xFFFFFFFFu);
  CHECK(Ipv4Address{0xC0A80D03u}.to_string() == "192.168.13.3");
  for (const char* bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "a.b.c.d",
                          "1.2.3.4 ", "-1.2.3.4"}) {
    CAPTURE(bad);
    CHECK_FALSE(Ipv4Address::parse(bad));
  }
}

TEST_CASE("masks and wildcards convert to lengths only when contiguous") {
  CHECK(mask_to_length(*Ipv4Address::parse("255.255.255.0")) == 24);
  CHECK(mask_to_length(*Ipv4Address::parse("0.0.0.0")) == 0);
  CHECK(mask_to_length(*Ipv4Address::parse("255.255.255.255")) == 32);
  CHECK(mask_to_length(*Ipv4Address::parse("255.255.255.252")) == 30);
  CHECK_FALSE(mask_to_length(*Ipv4Address::parse("255.0.255.0")));
  CHECK_FALSE(mask_to_length(*Ipv4Address::parse("0.255.255.255")));
  CHECK(length_to_mask(20).to_string() == "255.255.240.0");
  CHECK(length_to_mask(0).to_string() == "0.0.0.0");
  CHECK(length_to_mask(32).to_string() == "255.255.255.255");
  CHECK(wildcard_to_length(*Ipv4Address::parse("0.0.0.255")) == 24);
  CHECK(wildcard_to_length(*Ipv4Address::parse("0.0.0.0")) == 32);
  CHECK_FALSE(wildcard_to_length(*Ipv4Address::parse("255.0.0.0")));
}

TEST_CASE("prefixes: network, containment, overlap and text") {
  auto p = *Ipv4Prefix::parse("10.10.30.133/24");
  CHECK(p.network().to_string() == "10.10.30.0/24");
  CHECK(p.contains(*Ipv4Address::parse("10.10.30.1")));
  CHECK_FALSE(p.contains(*Ipv4Address::parse("10.10.31.1")));
  CHECK(p.overlaps(*Ipv4Prefix::parse("10.10.0.0/16")));
  CHECK_FALSE(p.overlaps(*Ipv4Prefix::parse("10.10.31.0/24")));
  CHECK(Ipv4Prefix::parse("0.0.0.0/0")->length == 0);
  CHECK_FALSE(Ipv4Prefix::parse("10.0.0.0/33"));
  CHECK_FALSE(Ipv4Prefix::parse("10.0.0.0"));
  CHECK_FALSE(Ipv4Prefix::parse("10.0.0.0/"));
  CHECK_FALSE(Ipv4Prefix::parse("10.0.0.0/8x"));
}

TEST_CASE("route distinguishers and targets: types 0, 1 and 2") {
  auto t0 = AdministratorValue::parse("65103:103");
  REQUIRE(t0);
  CHECK(t0->type == 0);
  CHECK(t0->administrator == 65103u);
  CHECK(t0->assigned == 103u);
  CHECK(t0->to_string() == "65103:103");
  CHECK(AdministratorValue::parse("65535:4294967295")->type == 0);

  auto t1 = AdministratorValue::parse("2.2.2.2:7");
  REQUIRE(t1);
  CHECK(t1->type == 1);
  CHECK(t1->administrator == 0x02020202u);
  CHECK(t1->to_string() == "2.2.2.2:7");

  auto t2 = AdministratorValue::parse("65536:7");
  REQUIRE(t2);
  CHECK(t2->type == 2);
  CHECK(AdministratorValue::parse("4200000000:65535")->to_string() == "4200000000:65535");

  for (const char* bad : {"65103", ":1", "1:", "65103:4294967296", "2.2.2.2:65536",
                          "65536:65536", "4294967296:1", "x:1", "1:x", "300.1.1.1:1", "1:-1"}) {
    CAPTURE(bad);
    CHECK_FALSE(AdministratorValue::parse(bad));
  }
  CHECK(*AdministratorValue::parse("1:1") != *AdministratorValue::parse("1:2"));
}

TEST_CASE("OSPF areas render as they were written") {
  CHECK(OspfArea{0, false}.to_string() == "0");
  CHECK(OspfArea{5, true}.to_string() == "0.0.0.5");
}
