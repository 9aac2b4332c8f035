#include "ctl/lab_runner_converge.hpp"

#include "cli/json_reader.hpp"

namespace l3vpn::ctl {

namespace {

// The "neighbors" array of a reply; an empty reply means no instance runs yet.
std::optional<std::vector<cli::JsonValue>> neighbors_of(const std::string& reply) {
  if (reply.find_first_not_of(" \r\n\t") == std::string::npos) return std::vector<cli::JsonValue>{};
  const cli::JsonParseResult parsed = cli::parse_json(reply);
  if (!parsed.value) return std::nullopt;
  const cli::JsonValue* list = parsed.value->find("neighbors");
  if (list == nullptr || list->type != cli::JsonValue::Type::Array) return std::nullopt;
  return list->items;
}

std::string text_of(const cli::JsonValue& object, std::string_view key) {
  const cli::JsonValue* v = object.find(key);
  return v != nullptr && v->type == cli::JsonValue::Type::String ? v->string : std::string();
}

}  // namespace

std::vector<std::string> convergence_pending(const PlannedNode& node, const DaemonAnswers& answers) {
  std::vector<std::string> pending;
  const std::string who = node.name + ": ";
  if (!answers.unreachable.empty()) {
    pending.push_back(who + "daemon not answering (" + answers.unreachable + ")");
    return pending;
  }
  if (!node.converge.ospf_interfaces.empty()) {
    const auto neighbors = answers.ospf_neighbors ? neighbors_of(*answers.ospf_neighbors) : std::nullopt;
    if (!neighbors) {
      pending.push_back(who + "no OSPF neighbour list yet");
    } else {
      for (const std::string& interface : node.converge.ospf_interfaces) {
        std::string best = "no neighbour";
        for (const cli::JsonValue& n : *neighbors)
          if (text_of(n, "interface") == interface) best = text_of(n, "state");
        if (best.rfind("Full", 0) != 0) pending.push_back(who + "OSPF on " + interface + " is " + best);
      }
    }
  }
  if (node.converge.bgp) {
    const auto neighbors = answers.bgp_summary ? neighbors_of(*answers.bgp_summary) : std::nullopt;
    if (!neighbors) {
      pending.push_back(who + "no BGP summary yet");
    } else {
      for (const cli::JsonValue& n : *neighbors) {
        const std::string state = text_of(n, "state");
        if (state != "Established" && state != "Idle (Admin)")
          pending.push_back(who + "BGP " + text_of(n, "neighbor") + " is " + state);
      }
    }
  }
  if (node.converge.ldp_peers > 0) {
    const auto neighbors = answers.ldp_neighbors ? neighbors_of(*answers.ldp_neighbors) : std::nullopt;
    std::size_t operational = 0;
    if (neighbors)
      for (const cli::JsonValue& n : *neighbors)
        if (text_of(n, "state") == "Oper") ++operational;
    if (operational < node.converge.ldp_peers)
      pending.push_back(who + "LDP " + std::to_string(operational) + " of " + std::to_string(node.converge.ldp_peers) +
                        " sessions Oper");
  }
  for (const auto& [vrf, prefixes] : node.converge.routes) {
    const std::string table = vrf.empty() ? "global table" : "vrf " + vrf;
    const auto reply = answers.route_tables.find(vrf);
    const cli::JsonParseResult parsed =
        reply != answers.route_tables.end() ? cli::parse_json(reply->second) : cli::JsonParseResult{};
    const cli::JsonValue* routes = parsed.value ? parsed.value->find("routes") : nullptr;
    if (routes == nullptr || routes->type != cli::JsonValue::Type::Array) {
      pending.push_back(who + "no route table yet (" + table + ")");
      continue;
    }
    std::size_t missing = 0;
    std::string first;
    for (const std::string& prefix : prefixes) {
      bool found = false;
      for (const cli::JsonValue& r : routes->items) found = found || text_of(r, "prefix") == prefix;
      if (!found && missing++ == 0) first = prefix;
    }
    if (missing > 0)
      pending.push_back(who + std::to_string(missing) + " route(s) missing in the " + table + ", " + first +
                        (missing > 1 ? " and more" : ""));
  }
  if (answers.fib_drift && answers.fib_drift->rfind("No drift", 0) != 0)
    pending.push_back(who + "kernel routes differ from the daemon's (show fib drift)");
  return pending;
}

}  // namespace l3vpn::ctl
