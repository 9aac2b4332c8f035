// The reachability matrix and its renderings (see matrix.hpp).
#include "sim/matrix.hpp"

#include <algorithm>

#include "cli/json_writer.hpp"

namespace l3vpn::sim {

namespace {

bool listed(const std::map<std::string, std::vector<std::string>>& expect, const std::string& from,
            const std::string& to) {
  auto it = expect.find(from);
  return it != expect.end() && std::find(it->second.begin(), it->second.end(), to) != it->second.end();
}

std::string cell_text(const MatrixCell& cell) {
  if (cell.reachable()) return cell.expected ? "ok" : "ok!";
  return cell.expected ? "FAIL!" : "fail";
}

void pad_to(std::string& out, std::string_view text, std::size_t width) {
  out += text;
  out.append(width > text.size() ? width - text.size() : 0, ' ');
}

}  // namespace

const MatrixCell* ReachabilityMatrix::cell(std::string_view from, std::string_view to) const {
  for (const MatrixCell& c : cells)
    if (c.from == from && c.to == to) return &c;
  return nullptr;
}

ReachabilityMatrix compute_matrix(const Dataplane& dataplane, const std::vector<NamedEndpoint>& endpoints,
                                  const std::map<std::string, std::vector<std::string>>& expect) {
  ReachabilityMatrix m;
  for (const NamedEndpoint& e : endpoints) m.endpoints.push_back(e.name);
  for (const NamedEndpoint& from : endpoints) {
    for (const NamedEndpoint& to : endpoints) {
      if (&from == &to) continue;
      MatrixCell cell;
      cell.from = from.name;
      cell.to = to.name;
      cell.expected = listed(expect, from.name, to.name);
      cell.result = ping(dataplane, from.endpoint, to.endpoint);
      ++(cell.as_expected() ? m.as_expected : m.differ);
      m.cells.push_back(std::move(cell));
    }
  }
  return m;
}

ReachabilityMatrix compute_matrix(const Dataplane& dataplane, const config::Lab& lab) {
  std::vector<NamedEndpoint> endpoints;
  for (const config::ReachabilityEndpoint& e : lab.endpoints)
    endpoints.push_back(NamedEndpoint{e.name, Endpoint{e.node, e.vrf, e.address}});
  return compute_matrix(dataplane, endpoints, lab.expect);
}

std::string render_matrix_text(const ReachabilityMatrix& m) {
  const std::string corner = "from \\ to";
  std::size_t first = corner.size();
  for (const std::string& name : m.endpoints) first = std::max(first, name.size());
  first += 2;
  std::vector<std::size_t> widths;
  for (const std::string& name : m.endpoints) widths.push_back(std::max<std::size_t>(name.size(), 5) + 2);

  std::string out;
  pad_to(out, corner, first);
  for (std::size_t c = 0; c < m.endpoints.size(); ++c) pad_to(out, m.endpoints[c], widths[c]);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += "\n";
  for (const std::string& from : m.endpoints) {
    std::string line;
    pad_to(line, from, first);
    for (std::size_t c = 0; c < m.endpoints.size(); ++c) {
      const MatrixCell* cell = m.cell(from, m.endpoints[c]);
      pad_to(line, cell ? cell_text(*cell) : std::string("-"), widths[c]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  out += "matrix: " + std::to_string(m.as_expected) + " pairs as expected, " + std::to_string(m.differ) + " differ\n";
  for (const MatrixCell& cell : m.cells) {
    if (cell.as_expected()) continue;
    out += "  " + cell.from + " -> " + cell.to + ": expected " + (cell.expected ? "ok" : "fail") + ", got ";
    if (cell.reachable()) {
      out += "ok\n";
    } else {
      const Drop* d = cell.result.failure();
      out += std::string("fail (") + (cell.result.echo.delivered() ? "reply" : "echo") + ": " +
             (d ? d->message : std::string("?")) + ")\n";
    }
  }
  return out;
}

std::string render_matrix_json(const ReachabilityMatrix& m) {
  cli::JsonWriter json;
  json.begin_object();
  json.key("endpoints").strings(m.endpoints);
  json.key("pairs").begin_array();
  for (const MatrixCell& cell : m.cells) {
    json.begin_object();
    json.key("from").string(cell.from);
    json.key("to").string(cell.to);
    json.key("expected").boolean(cell.expected);
    json.key("reachable").boolean(cell.reachable());
    json.key("as_expected").boolean(cell.as_expected());
    json.key("echo_delivered").boolean(cell.result.echo.delivered());
    json.key("reply_delivered").boolean(cell.result.reply && cell.result.reply->delivered());
    json.key("failure");
    if (const Drop* d = cell.result.failure()) {
      json.begin_object()
          .key("reason").string(to_string(d->reason))
          .key("node").string(d->node)
          .key("message").string(d->message)
          .end_object();
    } else {
      json.null();
    }
    json.end_object();
  }
  json.end_array();
  json.key("as_expected").number(static_cast<std::uint64_t>(m.as_expected));
  json.key("differ").number(static_cast<std::uint64_t>(m.differ));
  json.end_object();
  return json.str();
}

}  // namespace l3vpn::sim
