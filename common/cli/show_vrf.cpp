// show ip vrf and show ip vrf detail (declared in cli/show_commands.hpp).
#include <algorithm>
#include <cstdio>
#include <vector>

#include "cli/json_writer.hpp"
#include "cli/show_commands.hpp"

namespace l3vpn::cli {

namespace {

std::vector<const config::Vrf*> sorted_vrfs(const config::Config& config) {
  std::vector<const config::Vrf*> vrfs;
  for (const auto& v : config.vrfs) vrfs.push_back(&v);
  std::sort(vrfs.begin(), vrfs.end(),
            [](const config::Vrf* a, const config::Vrf* b) { return a->name < b->name; });
  return vrfs;
}

std::vector<std::string> vrf_interfaces(const config::Config& config, const std::string& vrf) {
  std::vector<std::string> names;
  for (const auto& intf : config.interfaces) {
    if (intf.vrf == vrf) names.push_back(intf.name);
  }
  return names;
}

std::string rd_text(const config::Vrf& vrf) {
  return vrf.rd ? vrf.rd->to_string() : std::string("<not set>");
}

std::vector<std::string> target_texts(const std::vector<config::RouteTarget>& targets) {
  std::vector<std::string> out;
  for (const auto& t : targets) out.push_back(t.to_string());
  return out;
}

// IOS lists interfaces and route targets three to a line in 25-wide columns.
std::string columns(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); i += 3) {
    std::string line = "    ";
    for (std::size_t k = i; k < std::min(items.size(), i + 3); ++k) {
      std::string cell = items[k];
      if (k + 1 < std::min(items.size(), i + 3) && cell.size() < 25) cell.resize(25, ' ');
      else if (k + 1 < std::min(items.size(), i + 3)) cell += ' ';
      line += cell;
    }
    out += line + "\n";
  }
  return out;
}

void write_vrf_json(JsonWriter& w, const config::Config& config, const config::Vrf& vrf, bool detail) {
  w.begin_object().key("name").string(vrf.name).key("rd");
  if (vrf.rd) w.string(vrf.rd->to_string()); else w.null();
  w.key("interfaces").strings(vrf_interfaces(config, vrf.name));
  if (detail) {
    w.key("description").string_or_null(vrf.description)
        .key("export_targets").strings(target_texts(vrf.export_targets))
        .key("import_targets").strings(target_texts(vrf.import_targets))
        .key("import_map").string_or_null(vrf.import_map)
        .key("export_map").string_or_null(vrf.export_map);
  }
  w.end_object();
}

std::string vrf_detail_text(const config::Config& config, const config::Vrf& vrf) {
  std::string out = "VRF " + vrf.name + "; default RD " + rd_text(vrf) + "; default VPNID <not set>\n";
  if (!vrf.description.empty()) out += "  Description: " + vrf.description + "\n";
  std::vector<std::string> interfaces;
  for (const auto& name : vrf_interfaces(config, vrf.name)) {
    interfaces.push_back(interface_abbreviation(name));
  }
  if (interfaces.empty()) {
    out += "  No interfaces\n";
  } else {
    out += "  Interfaces:\n" + columns(interfaces);
  }
  const auto targets = [&out](const char* what, const std::vector<config::RouteTarget>& list) {
    if (list.empty()) {
      out += std::string("  No ") + what + " VPN route-target communities\n";
      return;
    }
    std::vector<std::string> cells;
    for (const auto& t : list) cells.push_back("RT:" + t.to_string());
    out += std::string("  ") + what + " VPN route-target communities\n" + columns(cells);
  };
  targets("Export", vrf.export_targets);
  targets("Import", vrf.import_targets);
  out += vrf.import_map.empty() ? "  No import route-map\n" : "  Import route-map: " + vrf.import_map + "\n";
  out += vrf.export_map.empty() ? "  No export route-map\n" : "  Export route-map: " + vrf.export_map + "\n";
  return out;
}

}  // namespace

CommandResult show_ip_vrf(const config::Config& config, bool json) {
  const auto vrfs = sorted_vrfs(config);
  if (json) {
    JsonWriter w;
    w.begin_object().key("vrfs").begin_array();
    for (const auto* vrf : vrfs) write_vrf_json(w, config, *vrf, false);
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  const auto row = [](const std::string& name, const std::string& rd, const std::string& intf) {
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, "  %-32s %-21s %s", name.c_str(), rd.c_str(), intf.c_str());
    std::string line = buffer;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return line + "\n";
  };
  std::string out = row("Name", "Default RD", "Interfaces");
  for (const auto* vrf : vrfs) {
    const auto interfaces = vrf_interfaces(config, vrf->name);
    out += row(vrf->name, rd_text(*vrf), interfaces.empty() ? "" : interface_abbreviation(interfaces[0]));
    for (std::size_t i = 1; i < interfaces.size(); ++i) {
      out += row("", "", interface_abbreviation(interfaces[i]));
    }
  }
  return CommandResult::success(out);
}

CommandResult show_ip_vrf_detail(const config::Config& config, const std::optional<std::string>& name,
                                 bool json) {
  std::vector<const config::Vrf*> vrfs;
  if (name) {
    const config::Vrf* vrf = config.find_vrf(*name);
    if (!vrf) return CommandResult::failure("% No VRF named " + *name + "\n");
    vrfs.push_back(vrf);
  } else {
    vrfs = sorted_vrfs(config);
  }
  if (json) {
    JsonWriter w;
    w.begin_object().key("vrfs").begin_array();
    for (const auto* vrf : vrfs) write_vrf_json(w, config, *vrf, true);
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out;
  for (const auto* vrf : vrfs) out += vrf_detail_text(config, *vrf);
  return CommandResult::success(out);
}

}  // namespace l3vpn::cli
