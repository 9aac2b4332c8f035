#include "ctl/lab_matrix_svg.hpp"

#include <algorithm>
#include <sstream>

#include "ctl/lab_graph_model.hpp"

namespace l3vpn::ctl {

namespace {

constexpr double kCell = 26;
constexpr double kMargin = 16;
constexpr double kCharWidth = 6.4;  // 11 px text, no font metrics at hand
constexpr double kHeaderAngle = 50;  // degrees the column names turn

constexpr const char* kReachFill = "#9fd89a";
constexpr const char* kFailFill = "#f6c9c4";
constexpr const char* kSelfFill = "#dddddd";
constexpr const char* kDifferStroke = "#8b0000";

MatrixPicture expectations(const config::Lab& lab) {
  MatrixPicture p;
  p.title = "lab " + lab.name + ": reachability";
  for (const config::ReachabilityEndpoint& e : lab.endpoints) p.endpoints.push_back(e.name);
  p.cells.assign(p.endpoints.size(), std::vector<MatrixPictureCell>(p.endpoints.size()));
  for (std::size_t r = 0; r < p.endpoints.size(); ++r)
    for (std::size_t c = 0; c < p.endpoints.size(); ++c)
      if (r != c) p.cells[r][c].expected = lab.expects(p.endpoints[r], p.endpoints[c]);
  return p;
}

std::string glyph(const MatrixPictureCell& cell, bool diagonal) {
  if (diagonal) return "-";
  if (cell.differs()) return cell.expected ? "X" : "+";
  return cell.expected ? "!" : ".";
}

std::string tooltip(const MatrixPicture& p, std::size_t r, std::size_t c) {
  const MatrixPictureCell& cell = p.cells[r][c];
  std::string text = p.endpoints[r] + " -> " + p.endpoints[c] + ": " + (cell.expected ? "must reach" : "must fail");
  if (cell.measured)
    text += "; " + p.measured_by + ": " + (*cell.measured ? "reached" : "no reply") +
            (cell.differs() ? " (DIFFERS)" : "");
  if (!cell.note.empty()) text += " - " + cell.note;
  return text;
}

}  // namespace

std::size_t MatrixPicture::differ() const {
  std::size_t n = 0;
  for (const auto& row : cells)
    for (const MatrixPictureCell& cell : row) n += cell.differs() ? 1 : 0;
  return n;
}

MatrixPicture matrix_picture(const config::Lab& lab, const sim::ReachabilityMatrix* predicted) {
  MatrixPicture p = expectations(lab);
  if (predicted == nullptr) return p;
  p.measured_by = "simulator";
  for (std::size_t r = 0; r < p.endpoints.size(); ++r) {
    for (std::size_t c = 0; c < p.endpoints.size(); ++c) {
      if (r == c) continue;
      const sim::MatrixCell* cell = predicted->cell(p.endpoints[r], p.endpoints[c]);
      if (cell == nullptr) continue;  // an endpoint the simulator did not ping: left unmeasured
      p.cells[r][c].measured = cell->reachable();
      if (const sim::Drop* drop = cell->result.failure()) p.cells[r][c].note = drop->message;
    }
  }
  return p;
}

MatrixPicture matrix_picture(const config::Lab& lab, const MeasuredMatrix& live) {
  MatrixPicture p = expectations(lab);
  p.measured_by = "live ping";
  for (std::size_t r = 0; r < p.endpoints.size(); ++r) {
    for (std::size_t c = 0; c < p.endpoints.size(); ++c) {
      if (r == c) continue;
      const MeasuredCell* cell = live.cell(p.endpoints[r], p.endpoints[c]);
      if (cell == nullptr) continue;
      p.cells[r][c].measured = cell->reached;
      p.cells[r][c].note = cell->detail;
    }
  }
  return p;
}

std::string render_matrix_svg(const MatrixPicture& p) {
  const std::size_t n = p.endpoints.size();
  std::size_t longest = 4;
  for (const std::string& e : p.endpoints) longest = std::max(longest, e.size());
  const double names = static_cast<double>(longest) * kCharWidth + 28;  // "12 " and the name
  // Turned column names need about sin(angle) of their length above the grid.
  const double header = static_cast<double>(longest) * kCharWidth * 0.77 + 24;
  const double grid_x = kMargin + names, grid_y = 34 + header;
  const double grid = kCell * static_cast<double>(n);
  std::size_t reach = 0, pairs = 0;
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t c = 0; c < n; ++c) {
      if (r == c) continue;
      ++pairs;
      reach += p.cells[r][c].expected ? 1 : 0;
    }
  }
  std::string summary = "lab.yaml: " + std::to_string(reach) + " must reach, " + std::to_string(pairs - reach) +
                        " must fail";
  if (!p.measured_by.empty())
    summary += "; " + p.measured_by + ": " + std::to_string(pairs - p.differ()) + " pairs as expected, " +
               std::to_string(p.differ()) + " differ";
  // Wide enough for the turned names of the last columns and the summary line.
  const double width = std::max({grid_x + grid + kMargin + static_cast<double>(longest) * kCharWidth * 0.64,
                                 2 * kMargin + static_cast<double>(summary.size()) * kCharWidth, 420.0});
  const double legend_y = grid_y + grid + 22;
  const double height = legend_y + 4 * 18 + 24;

  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << width << " " << height << "\" font-family=\"Helvetica, Arial, sans-serif\">\n";
  out << "  <title>" << xml_escape(p.title) << "</title>\n";
  out << "  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "  <text x=\"" << kMargin << "\" y=\"22\" font-size=\"14\" font-weight=\"bold\">" << xml_escape(p.title)
      << "</text>\n";
  // Column names, turned, each starting above its column.
  for (std::size_t c = 0; c < n; ++c) {
    const double x = grid_x + kCell * (static_cast<double>(c) + 0.5), y = grid_y - 6;
    out << "  <text class=\"column\" x=\"" << x << "\" y=\"" << y << "\" font-size=\"11\" transform=\"rotate(-"
        << kHeaderAngle << " " << x << " " << y << ")\">" << c + 1 << " " << xml_escape(p.endpoints[c]) << "</text>\n";
  }
  for (std::size_t r = 0; r < n; ++r) {
    const double y = grid_y + kCell * static_cast<double>(r);
    out << "  <text class=\"row\" x=\"" << grid_x - 6 << "\" y=\"" << y + kCell / 2 + 4
        << "\" font-size=\"11\" text-anchor=\"end\">" << r + 1 << " " << xml_escape(p.endpoints[r]) << "</text>\n";
    for (std::size_t c = 0; c < n; ++c) {
      const bool diagonal = r == c;
      const MatrixPictureCell& cell = p.cells[r][c];
      const double x = grid_x + kCell * static_cast<double>(c);
      std::string cls = diagonal ? "cell self" : cell.expected ? "cell reach" : "cell fail";
      if (!diagonal && cell.differs()) cls += " differ";
      const char* fill = diagonal ? kSelfFill : cell.expected ? kReachFill : kFailFill;
      out << "  <g>\n    <title>" << xml_escape(diagonal ? p.endpoints[r] : tooltip(p, r, c)) << "</title>\n";
      out << "    <rect class=\"" << cls << "\" data-from=\"" << xml_escape(p.endpoints[r]) << "\" data-to=\""
          << xml_escape(p.endpoints[c]) << "\" x=\"" << x << "\" y=\"" << y << "\" width=\"" << kCell
          << "\" height=\"" << kCell << "\" fill=\"" << fill << "\"";
      if (!diagonal && cell.differs())
        out << " stroke=\"" << kDifferStroke << "\" stroke-width=\"3\"";
      else
        out << " stroke=\"white\" stroke-width=\"1\"";
      out << "/>\n";
      out << "    <text x=\"" << x + kCell / 2 << "\" y=\"" << y + kCell / 2 + 5
          << "\" font-size=\"14\" text-anchor=\"middle\"" << (cell.differs() ? " font-weight=\"bold\" fill=\"#8b0000\"" : "")
          << ">" << glyph(cell, diagonal) << "</text>\n  </g>\n";
    }
  }
  // Legend and summary.
  struct Key {
    const char* fill;
    const char* stroke;
    const char* text;
  };
  std::vector<Key> keys = {{kReachFill, "white", "! must reach (row reaches column)"},
                           {kFailFill, "white", ". must fail"},
                           {kSelfFill, "white", "- the endpoint itself"}};
  if (!p.measured_by.empty()) keys.push_back({"white", kDifferStroke, "X / + the measurement differs"});
  double y = legend_y;
  out << "  <g class=\"legend\">\n";
  for (const Key& k : keys) {
    out << "    <rect x=\"" << kMargin << "\" y=\"" << y << "\" width=\"14\" height=\"14\" fill=\"" << k.fill
        << "\" stroke=\"" << k.stroke << "\" stroke-width=\"2\"/>\n";
    out << "    <text x=\"" << kMargin + 20 << "\" y=\"" << y + 11 << "\" font-size=\"11\">" << xml_escape(k.text)
        << "</text>\n";
    y += 18;
  }
  out << "    <text class=\"summary\" x=\"" << kMargin << "\" y=\"" << y + 14 << "\" font-size=\"11\">"
      << xml_escape(summary) << "</text>\n";
  out << "  </g>\n</svg>\n";
  return out.str();
}

}  // namespace l3vpn::ctl
