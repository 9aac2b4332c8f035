#include "ctl/lab_graph_command.hpp"

#include <filesystem>
#include <fstream>
#include <optional>

#include "config/lab.hpp"
#include "core/log.hpp"
#include "ctl/lab_graph_dot.hpp"
#include "ctl/lab_graph_model.hpp"
#include "ctl/lab_graph_svg.hpp"
#include "ctl/lab_matrix_svg.hpp"
#include "sim/dataplane_fill.hpp"
#include "sim/lab_sim.hpp"
#include "sim/matrix.hpp"

namespace l3vpn::ctl {

namespace {

namespace fs = std::filesystem;

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

bool write_file(const fs::path& path, const std::string& text, std::ostream& err) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) {
    err << "l3vpnctl: lab graph: cannot write " << path.string() << "\n";
    return false;
  }
  return true;
}

}  // namespace

std::string graph_file_stem(const std::string& lab_name) {
  std::string stem;
  for (const char c : lab_name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                       c == '-' || c == '_';
    stem += plain ? c : '_';
  }
  if (stem.empty() || stem.find_first_not_of('.') == std::string::npos) return "lab";  // "", ".", ".."
  return stem;
}

int lab_graph_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::string directory, out_dir = ".";
  bool simulate = true;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--out" && i + 1 < args.size()) {
      out_dir = args[++i];
    } else if (args[i] == "--no-sim") {
      simulate = false;
    } else if (directory.empty() && args[i].rfind("--", 0) != 0) {
      directory = args[i];
    } else {
      err << "l3vpnctl: usage: lab graph LABDIR [--out DIR] [--no-sim]\n";
      return kUsage;
    }
  }
  if (directory.empty()) {
    err << "l3vpnctl: usage: lab graph LABDIR [--out DIR] [--no-sim]\n";
    return kUsage;
  }
  const config::LabLoadResult loaded = config::load_lab(directory);
  if (!loaded.ok()) {
    for (const auto& d : loaded.errors) err << d.to_string() << "\n";
    err << "lab " << directory << ": " << loaded.errors.size() << " error(s); see 'l3vpnctl lab check'\n";
    return kFailed;
  }
  const config::Lab& lab = loaded.lab;
  const LabGraph graph = lab_graph(lab);

  MatrixPicture matrix = matrix_picture(lab, nullptr);
  if (simulate) {
    core::Logger log("sim", core::LogLevel::Warning);
    sim::LabSim simulated(lab, log);
    simulated.start();
    const sim::ConvergeResult converged = simulated.converge();
    const sim::ReachabilityMatrix predicted = sim::compute_matrix(sim::build_dataplane(simulated), lab);
    matrix = matrix_picture(lab, &predicted);
    if (!converged.converged) {
      matrix.measured_by = "simulator (not converged: " + converged.waiting_for + ")";
      out << "lab graph: the simulator did not converge (" << converged.waiting_for
          << "); the matrix shows where it stood\n";
    }
  }

  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) {
    err << "l3vpnctl: lab graph: cannot create " << out_dir << ": " << ec.message() << "\n";
    return kFailed;
  }
  const std::string stem = graph_file_stem(lab.name);
  const fs::path dot = fs::path(out_dir) / (stem + ".dot");
  const fs::path svg = fs::path(out_dir) / (stem + ".svg");
  const fs::path matrix_svg = fs::path(out_dir) / (stem + "-matrix.svg");
  if (!write_file(dot, render_lab_dot(graph), err) || !write_file(svg, render_lab_svg(graph), err) ||
      !write_file(matrix_svg, render_matrix_svg(matrix), err))
    return kFailed;
  out << "lab " << lab.name << ": " << graph.nodes.size() << " nodes, " << graph.links.size() << " links, "
      << graph.vrfs.size() << " VRFs\n";
  out << "  " << dot.string() << "\n  " << svg.string() << "\n  " << matrix_svg.string();
  if (simulate) out << " (simulator: " << matrix.differ() << " cells differ from lab.yaml)";
  out << "\n";
  return kOk;
}

}  // namespace l3vpn::ctl
