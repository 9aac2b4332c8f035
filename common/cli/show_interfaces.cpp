// show ip interface brief and show interfaces (declared in cli/show_commands.hpp).
#include <cstdio>

#include "cli/json_writer.hpp"
#include "cli/show_commands.hpp"

namespace l3vpn::cli {

namespace {

const config::InterfaceAddress* primary_address(const config::Interface& intf) {
  for (const auto& a : intf.addresses) {
    if (!a.secondary) return &a;
  }
  return nullptr;
}

const char* status_text(const config::Interface& intf) {
  return intf.shutdown ? "administratively down" : "up";
}

const char* protocol_text(const config::Interface& intf) { return intf.shutdown ? "down" : "up"; }

void write_interface_json(JsonWriter& w, const config::Interface& intf, bool detail) {
  const config::InterfaceAddress* primary = primary_address(intf);
  w.begin_object().key("name").string(intf.name).key("address");
  if (primary) w.string(primary->prefix.address.to_string()); else w.null();
  w.key("prefix_length");
  if (primary) w.number(static_cast<unsigned>(primary->prefix.length)); else w.null();
  w.key("vrf").string_or_null(intf.vrf)
      .key("status").string(status_text(intf))
      .key("protocol").string(protocol_text(intf));
  if (detail) {
    w.key("description").string_or_null(intf.description).key("mpls").boolean(intf.mpls_ip);
    w.key("secondary_addresses").begin_array();
    for (const auto& a : intf.addresses) {
      if (a.secondary) w.string(a.prefix.to_string());
    }
    w.end_array();
  }
  w.end_object();
}

}  // namespace

CommandResult show_ip_interface_brief(const config::Config& config, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("interfaces").begin_array();
    for (const auto& intf : config.interfaces) write_interface_json(w, intf, false);
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  const auto row = [](const std::string& a, const std::string& b, const std::string& c,
                      const std::string& d, const std::string& e, const std::string& f) {
    char buffer[512];
    std::snprintf(buffer, sizeof buffer, "%-22s %-15s %-3s %-6s %-21s %s", a.c_str(), b.c_str(),
                  c.c_str(), d.c_str(), e.c_str(), f.c_str());
    return std::string(buffer) + "\n";
  };
  std::string out = row("Interface", "IP-Address", "OK?", "Method", "Status", "Protocol");
  for (const auto& intf : config.interfaces) {
    std::string address = "unassigned";
    std::string method = "unset";
    for (const auto& a : intf.addresses) {
      if (!a.secondary) {
        address = a.prefix.address.to_string();
        method = "manual";
        break;
      }
    }
    out += row(intf.name, address, "YES", method, status_text(intf), protocol_text(intf));
  }
  return CommandResult::success(out);
}

CommandResult show_interfaces(const config::Config& config, bool json) {
  if (json) {
    JsonWriter w;
    w.begin_object().key("interfaces").begin_array();
    for (const auto& intf : config.interfaces) write_interface_json(w, intf, true);
    w.end_array().end_object();
    return CommandResult::success(w.str() + "\n");
  }
  std::string out;
  for (const auto& intf : config.interfaces) {
    out += intf.name + " is " + status_text(intf) + ", line protocol is " + protocol_text(intf) + "\n";
    if (!intf.description.empty()) out += "  Description: " + intf.description + "\n";
    bool any_address = false;
    for (const auto& a : intf.addresses) {
      out += std::string("  ") + (a.secondary ? "Secondary address " : "Internet address is ") +
             a.prefix.to_string() + "\n";
      any_address = true;
    }
    if (!any_address) out += "  No Internet address\n";
    if (!intf.vrf.empty()) out += "  VPN Routing/Forwarding \"" + intf.vrf + "\"\n";
    if (intf.mpls_ip) out += "  MPLS enabled\n";
  }
  return CommandResult::success(out);
}

}  // namespace l3vpn::cli
