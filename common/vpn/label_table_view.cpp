#include "vpn/label_table_view.hpp"

namespace l3vpn::vpn {

cli::LabelTableView label_table_view(const LabelAllocator& labels, core::TimePoint now) {
  cli::LabelTableView view;
  view.min = labels.min();
  view.max = labels.max();
  for (const auto& e : labels.ledger()) view.in_use.push_back({e.label, e.owner});
  for (const auto& h : labels.held_down()) {
    if (h.free_at <= now) continue;
    // Rounded up: "1 s left" until the very end, never "0 s left" for a held label.
    view.held_down.push_back({h.label, h.owner, std::chrono::ceil<std::chrono::seconds>(h.free_at - now)});
  }
  return view;
}

}  // namespace l3vpn::vpn
