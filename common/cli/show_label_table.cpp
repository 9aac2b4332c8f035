#include "cli/show_label_table.hpp"

#include <map>

#include "cli/json_writer.hpp"

namespace l3vpn::cli {

CommandResult show_mpls_label_table(const LabelTableView& view, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("range").begin_array();
    w.number(std::uint64_t{view.min}).number(std::uint64_t{view.max});
    w.end_array().key("labels").begin_array();
    for (const auto& e : view.in_use) {
      w.begin_object().key("label").number(std::uint64_t{e.label}).key("owner").string(e.owner);
      w.end_object();
    }
    w.end_array().key("held_down").begin_array();
    for (const auto& h : view.held_down) {
      w.begin_object().key("label").number(std::uint64_t{h.label}).key("owner").string(h.owner);
      w.key("seconds_left").number(static_cast<std::uint64_t>(h.left.count()));
      w.end_object();
    }
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out = "Dynamic label range " + std::to_string(view.min) + "-" + std::to_string(view.max) + ", " +
                    std::to_string(view.in_use.size()) + " allocated";
  if (!view.held_down.empty()) out += ", " + std::to_string(view.held_down.size()) + " held down";
  out += "\nLabel    Owner\n";
  // One table by label, held-down labels among the ones in use.
  std::map<std::uint32_t, std::string> rows;
  for (const auto& e : view.in_use) rows[e.label] = e.owner;
  for (const auto& h : view.held_down)
    rows[h.label] = "(held down, " + std::to_string(h.left.count()) + " s left; was " + h.owner + ")";
  for (const auto& [label, owner] : rows) {
    const std::string text = std::to_string(label);
    out += text + std::string(text.size() < 9 ? 9 - text.size() : 1, ' ') + owner + "\n";
  }
  return CommandResult::success(out);
}

}  // namespace l3vpn::cli
