#include "ctl/lab_runner_verify.hpp"

#include <algorithm>

#include "sim/packet_walk_explain.hpp"

namespace l3vpn::ctl {

namespace {

const char* const kGreen = "\033[32m";
const char* const kDim = "\033[2m";
const char* const kRed = "\033[1;31m";
const char* const kReset = "\033[0m";

char glyph(const MeasuredCell& c) {
  if (c.as_expected()) return c.reached ? '!' : '.';
  return c.reached ? '+' : 'X';
}

}  // namespace

std::size_t MeasuredMatrix::differ() const {
  return static_cast<std::size_t>(
      std::count_if(cells.begin(), cells.end(), [](const MeasuredCell& c) { return !c.as_expected(); }));
}

const MeasuredCell* MeasuredMatrix::cell(std::string_view from, std::string_view to) const {
  for (const MeasuredCell& c : cells)
    if (c.from == from && c.to == to) return &c;
  return nullptr;
}

std::vector<std::string> ping_command(const PlannedNode& node, const config::ReachabilityEndpoint& from,
                                      const config::ReachabilityEndpoint& to, const std::vector<std::string>& ping,
                                      int count) {
  std::vector<std::string> argv{"ip", "netns", "exec", node.netns};
  if (!from.vrf.empty()) argv.insert(argv.end(), {"ip", "vrf", "exec", from.vrf});
  argv.insert(argv.end(), ping.begin(), ping.end());
  argv.insert(argv.end(), {"-c", std::to_string(count), "-W", "1", "-I", from.address.to_string(),
                           to.address.to_string()});
  return argv;
}

std::string render_measured_matrix(const MeasuredMatrix& matrix, bool colour) {
  std::size_t width = 4;
  for (const std::string& e : matrix.endpoints) width = std::max(width, e.size());
  std::string out(width + 3, ' ');
  for (std::size_t i = 0; i < matrix.endpoints.size(); ++i) {
    const std::string number = std::to_string(i + 1);
    out += std::string(3 - std::min<std::size_t>(3, number.size()), ' ') + number;
  }
  out += "\n";
  for (std::size_t row = 0; row < matrix.endpoints.size(); ++row) {
    const std::string& from = matrix.endpoints[row];
    const std::string number = std::to_string(row + 1);
    out += std::string(2 - std::min<std::size_t>(2, number.size()), ' ') + number + " " + from +
           std::string(width - from.size(), ' ');
    for (const std::string& to : matrix.endpoints) {
      out += "  ";
      const MeasuredCell* c = matrix.cell(from, to);
      if (c == nullptr) {
        out += '-';
        continue;
      }
      if (colour) out += c->as_expected() ? (c->reached ? kGreen : kDim) : kRed;
      out += glyph(*c);
      if (colour) out += kReset;
    }
    out += "\n";
  }
  out += "(row reaches column: '!' reached, '.' no reply, as expected; 'X' no reply but must reach, '+' reached but "
         "must not)\n";
  const std::size_t differ = matrix.differ();
  out += "matrix: " + std::to_string(matrix.cells.size() - differ) + " pairs as expected, " + std::to_string(differ) +
         " differ\n";
  for (const MeasuredCell& c : matrix.cells) {
    if (c.as_expected()) continue;
    out += "  " + c.from + " -> " + c.to + ": " + (c.reached ? "reached, must not" : "no reply, must reach");
    if (!c.detail.empty()) out += " (" + c.detail + ")";
    out += "\n";
  }
  return out;
}

std::vector<std::string> compare_with_simulator(const MeasuredMatrix& measured,
                                                const sim::ReachabilityMatrix& predicted) {
  std::vector<std::string> out;
  for (const MeasuredCell& m : measured.cells) {
    const sim::MatrixCell* p = predicted.cell(m.from, m.to);
    if (p == nullptr) {
      out.push_back(m.from + " -> " + m.to + ": the simulator has no such pair\n");
      continue;
    }
    if (p->reachable() == m.reached) continue;
    out.push_back(m.from + " -> " + m.to + ": measured " + (m.reached ? "reached" : "no reply") + ", simulator " +
                  (p->reachable() ? "reached" : "no reply") + "\n" + sim::explain_text(m.from, m.to, p->result));
  }
  return out;
}

}  // namespace l3vpn::ctl
