// The one label allocator (VPN labels and LDP's local labels): reserved
// labels, one label per owner, and the hold-down of released labels.
#include <doctest/doctest.h>

#include <chrono>

#include "vpn/label_allocator.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;

namespace {

const core::TimePoint t0 = core::TimePoint{} + 1h;

}  // namespace

TEST_CASE("labels: 0-15 reserved, one per owner, never-used ones first") {
  vpn::LabelAllocator labels(0, 18);
  CHECK(labels.allocate("vrf:A", t0) == 16u);
  CHECK(labels.allocate("vrf:A", t0) == 16u);
  CHECK(labels.allocate("vrf:B", t0) == 17u);
  CHECK(labels.release("vrf:A", t0));
  CHECK_FALSE(labels.release("vrf:A", t0));            // it holds nothing any more
  CHECK(labels.allocate("vrf:C", t0 + 10min) == 18u);  // never used beats a free held-down one
}

TEST_CASE("labels: a released label is not reused within the hold-down, even when it is the only free one") {
  vpn::LabelAllocator labels(16, 18, 60s);
  CHECK(labels.allocate("ldp:1.1.1.1/32", t0) == 16u);
  CHECK(labels.allocate("ldp:2.2.2.2/32", t0) == 17u);
  CHECK(labels.allocate("ldp:3.3.3.3/32", t0) == 18u);
  CHECK(labels.release("ldp:1.1.1.1/32", t0));
  CHECK_FALSE(labels.allocate("vrf:A", t0).has_value());
  CHECK_FALSE(labels.allocate("vrf:A", t0 + 59s).has_value());  // a peer may still send packets with 16
  CHECK(labels.ledger().size() == 2);
  CHECK(labels.allocate("vrf:A", t0 + 60s) == 16u);  // the hold-down is over
  CHECK(labels.ledger().size() == 3);
  CHECK(labels.held_down().empty());
}

TEST_CASE("labels: after the hold-down the oldest released label is taken first") {
  vpn::LabelAllocator labels(16, 18, 60s);
  labels.allocate("vrf:A", t0);
  labels.allocate("vrf:B", t0);
  labels.allocate("vrf:C", t0);
  labels.release("vrf:C", t0);        // 18 first
  labels.release("vrf:A", t0 + 5s);   // then 16
  CHECK(labels.allocate("vrf:D", t0 + 61s) == 18u);  // 16's hold-down has not ended yet either way
  CHECK_FALSE(labels.allocate("vrf:E", t0 + 61s).has_value());
  CHECK(labels.allocate("vrf:E", t0 + 65s) == 16u);
}

TEST_CASE("labels: an owner gets its own held-down label back (a FEC or VRF that flaps keeps its label)") {
  vpn::LabelAllocator labels(16, 100000, 60s);
  CHECK(labels.allocate("ldp:10.1.1.0/24", t0) == 16u);
  CHECK(labels.allocate("vrf:A", t0) == 17u);
  labels.release("ldp:10.1.1.0/24", t0);
  CHECK(labels.allocate("ldp:10.1.1.0/24", t0 + 1s) == 16u);  // it means the same to every peer
  CHECK(labels.held_down().empty());
  labels.release("ldp:10.1.1.0/24", t0 + 2s);
  CHECK(labels.allocate("vrf:B", t0 + 2s) == 18u);  // another owner does not get it
}

TEST_CASE("labels: the held-down list says who released which label and when it is free") {
  vpn::LabelAllocator labels(16, 100, 45s);
  labels.allocate("vrf:A", t0);
  labels.allocate("vrf:B", t0);
  labels.release("vrf:B", t0 + 3s);
  auto held = labels.held_down();
  REQUIRE(held.size() == 1);
  CHECK(held[0].label == 17u);
  CHECK(held[0].owner == "vrf:B");
  CHECK(held[0].free_at == t0 + 48s);
  REQUIRE(labels.ledger().size() == 1);
  CHECK(labels.ledger()[0].owner == "vrf:A");
  CHECK(labels.hold_down() == 45s);
}

TEST_CASE("labels: a zero hold-down reuses at once, but only when the range is exhausted") {
  vpn::LabelAllocator labels(16, 17, 0s);
  labels.allocate("vrf:A", t0);
  labels.release("vrf:A", t0);
  CHECK(labels.allocate("vrf:B", t0) == 17u);
  CHECK(labels.allocate("vrf:C", t0) == 16u);
  CHECK_FALSE(labels.allocate("vrf:D", t0).has_value());
}
