// --explain as text and JSON (see packet_walk_explain.hpp).
#include "sim/packet_walk_explain.hpp"

namespace l3vpn::sim {

namespace {

std::string labels_text(const std::vector<MplsLabel>& labels) {
  std::string out = "[";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (i != 0) out += ", ";
    out += std::to_string(labels[i]);
  }
  return out + "]";
}

void walk_text(std::string& out, std::string_view kind, const Walk& walk) {
  out += std::string(kind) + " " + walk.source.to_string() + " -> " + walk.destination.to_string() + ": " +
         (walk.delivered() ? "delivered" : "dropped") + "\n";
  for (const WalkStep& s : walk.steps) {
    out += "  " + s.node;
    if (!s.arrived_on.empty()) out += " (in " + s.arrived_on + ")";
    out += " " + s.lookup + ": ";
    if (s.matched.empty())
      out += "nothing matches";
    else
      out += s.matched + (s.why.empty() ? std::string() : ", " + s.why);
    out += "\n     -> " + s.action;
    if (!s.labels.empty()) out += ", labels " + labels_text(s.labels);
    out += "\n";
  }
  if (walk.drop) out += "  dropped (" + std::string(to_string(walk.drop->reason)) + "): " + walk.drop->message + "\n";
}

}  // namespace

std::string explain_text(std::string_view from_name, std::string_view to_name, const PingResult& result) {
  std::string out = std::string(from_name) + " -> " + std::string(to_name) + ": " + (result.ok() ? "ok" : "fail");
  if (const Drop* d = result.failure()) out += " (" + d->message + ")";
  out += "\n";
  walk_text(out, "echo", result.echo);
  if (result.reply)
    walk_text(out, "reply", *result.reply);
  else
    out += "reply: not sent (the echo did not arrive)\n";
  return out;
}

void write_walk_json(cli::JsonWriter& json, const Walk& walk) {
  json.begin_object();
  json.key("source").string(walk.source.to_string());
  json.key("destination").string(walk.destination.to_string());
  json.key("delivered").boolean(walk.delivered());
  json.key("drop");
  if (walk.drop) {
    json.begin_object()
        .key("reason").string(to_string(walk.drop->reason))
        .key("node").string(walk.drop->node)
        .key("message").string(walk.drop->message)
        .end_object();
  } else {
    json.null();
  }
  json.key("steps").begin_array();
  for (const WalkStep& s : walk.steps) {
    json.begin_object();
    json.key("node").string(s.node);
    json.key("arrived_on").string_or_null(s.arrived_on);
    json.key("lookup").string(s.lookup);
    json.key("matched").string_or_null(s.matched);
    json.key("why").string(s.why);
    json.key("action").string(s.action);
    json.key("labels").begin_array();
    for (MplsLabel l : s.labels) json.number(static_cast<std::uint64_t>(l));
    json.end_array();
    json.key("ttl").number(s.ttl);
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

std::string explain_json(std::string_view from_name, std::string_view to_name, const PingResult& result) {
  cli::JsonWriter json;
  json.begin_object();
  json.key("from").string(from_name);
  json.key("to").string(to_name);
  json.key("reachable").boolean(result.ok());
  json.key("echo");
  write_walk_json(json, result.echo);
  json.key("reply");
  if (result.reply)
    write_walk_json(json, *result.reply);
  else
    json.null();
  json.end_object();
  return json.str();
}

}  // namespace l3vpn::sim
