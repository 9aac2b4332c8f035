// Interning: equal attribute sets share one stored value, and it goes away
// with its last route.
#include <doctest/doctest.h>

#include "bgp/rib/attribute_set.hpp"
#include "bgp/rib/route.hpp"
#include "bgp_rib_fixtures.hpp"

using namespace rib_fixtures;

TEST_CASE("bgp rib interning: R2 and R4 export VRF Technique with the same attributes, stored once") {
  AttributePool pool;
  AttributeHandle from_r2 = pool.intern(technique_attributes());
  AttributeHandle from_r4 = pool.intern(technique_attributes());
  CHECK(from_r2 == from_r4);
  CHECK(from_r2.get() == from_r4.get());
  CHECK(pool.size() == 1);
  CHECK(from_r2->extended_communities == std::vector{kRtTechnique});

  PathAttributes other = technique_attributes();
  other.med = 12;  // VRF Commercial's metric: a different set
  AttributeHandle commercial = pool.intern(other);
  CHECK_FALSE(commercial == from_r2);
  CHECK(pool.size() == 2);
}

TEST_CASE("bgp rib interning: a set lives as long as a route holds it") {
  AttributePool pool;
  {
    AttributeHandle a = pool.intern(technique_attributes());
    AttributeHandle copy = a;
    AttributeHandle moved = std::move(copy);
    CHECK(pool.size() == 1);
    a = AttributeHandle{};
    CHECK(pool.size() == 1);  // `moved` still holds it
  }
  CHECK(pool.size() == 0);
  // Interned again after being freed: a fresh set, equal in value.
  AttributeHandle again = pool.intern(technique_attributes());
  CHECK(pool.size() == 1);
  CHECK(*again == technique_attributes());
}

TEST_CASE("bgp rib interning: a thousand paths with two attribute sets hold two values") {
  AttributePool pool;
  PathAttributes r2 = technique_attributes();
  PathAttributes r4 = technique_attributes();
  r4.med = 22;
  std::vector<Path> paths;
  for (int i = 0; i < 1000; ++i)
    paths.push_back(ibgp_path(pool.intern(i % 2 ? r2 : r4), i % 2 ? kR2 : kR4, i % 2 ? kPeerR2 : kPeerR4));
  CHECK(pool.size() == 2);
  CHECK(sizeof(AttributeHandle) == sizeof(void*));
  CHECK(sizeof(Path) <= 40);
  paths.clear();
  CHECK(pool.size() == 0);
}
