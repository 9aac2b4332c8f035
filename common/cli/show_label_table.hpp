// show mpls label table: the label ledger of the one allocator (VPN labels
// and LDP's local labels), and the released labels still held down.
//
//   Dynamic label range 16-100000, 2 allocated, 1 held down
//   Label    Owner
//   16       vrf:BLUE
//   17       (held down, 42 s left; was ldp:10.0.0.0/24)
//   18       ldp:3.3.3.3/32
//
// ", N held down" is printed only when some are. Not an IOS command (IOS's
// closest is show mpls label range); the layout follows IOS's tables.
// JSON: {"range": [min, max], "labels": [{"label", "owner"}],
//        "held_down": [{"label", "owner", "seconds_left"}]}. Pure.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/command_result.hpp"
#include "core/clock.hpp"

namespace l3vpn::cli {

struct LabelTableView {
  std::uint32_t min = 0, max = 0;
  struct InUse {
    std::uint32_t label = 0;
    std::string owner;
  };
  struct HeldDown {
    std::uint32_t label = 0;
    std::string owner;  // who released it
    std::chrono::seconds left{0};
  };
  std::vector<InUse> in_use;        // by label
  std::vector<HeldDown> held_down;  // by label
};

CommandResult show_mpls_label_table(const LabelTableView& view, bool json);

}  // namespace l3vpn::cli
