// The allocator's ledger as `show mpls label table` shows it at `now`: the
// labels in use, and the released ones whose hold-down has not ended (with
// the seconds left, rounded up). A label whose hold-down has ended is free
// and not listed. Pure.
#pragma once

#include "cli/show_label_table.hpp"
#include "core/clock.hpp"
#include "vpn/label_allocator.hpp"

namespace l3vpn::vpn {

cli::LabelTableView label_table_view(const LabelAllocator& labels, core::TimePoint now);

}  // namespace l3vpn::vpn
