// show mpls label table over a real allocator: labels in use with their
// owners, a released label shown as held down with the seconds left until
// it can be given out again, and gone from the table once it is free.
#include <doctest/doctest.h>

#include <string>

#include "cli/show_label_table.hpp"
#include "cli_json_access.hpp"
#include "vpn/label_table_view.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;

namespace {

const core::TimePoint t0 = core::TimePoint{} + 1h;

std::string text_at(const vpn::LabelAllocator& labels, core::TimePoint now) {
  return cli::show_mpls_label_table(vpn::label_table_view(labels, now), false).output;
}

}  // namespace

TEST_CASE("show mpls label table: a held-down label with the seconds left, among the ones in use") {
  vpn::LabelAllocator labels(16, 100000, 60s);
  labels.allocate("vrf:BLUE", t0);
  labels.allocate("ldp:10.0.0.0/24", t0);
  labels.allocate("ldp:3.3.3.3/32", t0);
  labels.release("ldp:10.0.0.0/24", t0);

  CHECK(text_at(labels, t0 + 18s) ==
        "Dynamic label range 16-100000, 2 allocated, 1 held down\n"
        "Label    Owner\n"
        "16       vrf:BLUE\n"
        "17       (held down, 42 s left; was ldp:10.0.0.0/24)\n"
        "18       ldp:3.3.3.3/32\n");
  CHECK(text_at(labels, t0 + 59500ms).find("(held down, 1 s left;") != std::string::npos);  // rounded up
  // Free once the hold-down is over: not listed, not counted.
  CHECK(text_at(labels, t0 + 60s) ==
        "Dynamic label range 16-100000, 2 allocated\n"
        "Label    Owner\n"
        "16       vrf:BLUE\n"
        "18       ldp:3.3.3.3/32\n");
}

TEST_CASE("show mpls label table: JSON lists the held-down labels apart") {
  vpn::LabelAllocator labels(100, 199, 60s);
  labels.allocate("vrf:A", t0);
  labels.allocate("vrf:B", t0);
  labels.release("vrf:A", t0);
  cli::test::JsonDocument doc(cli::show_mpls_label_table(vpn::label_table_view(labels, t0 + 30s), true).output);
  REQUIRE(doc);
  CHECK(doc->at("range")[0].as_number() == 100);
  REQUIRE(doc->at("labels").size() == 1);
  CHECK(doc->at("labels")[0].at("owner").as_string() == "vrf:B");
  REQUIRE(doc->at("held_down").size() == 1);
  CHECK(doc->at("held_down")[0].at("label").as_number() == 100);
  CHECK(doc->at("held_down")[0].at("owner").as_string() == "vrf:A");
  CHECK(doc->at("held_down")[0].at("seconds_left").as_number() == 30);
}
