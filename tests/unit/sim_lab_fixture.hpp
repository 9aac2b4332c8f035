// A lab of labs/ loaded, started and converged in the simulator, for the
// scenario tests of each lab (sim_*_test.cpp): run(node, line) answers a
// command as the router's CLI does (and checks it succeeded), table(node,
// vrf) gives `show ip route vrf` without its header and ages.
// Converging a lab takes a few milliseconds of wall time but tens of seconds
// of simulated time; the tests share one converged instance per lab through
// converged<Tag>() and build their own when they change it (a link failure).
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "config/lab.hpp"
#include "core/log.hpp"
#include "seed_tables.hpp"
#include "sim/lab_sim.hpp"
#include "sim/sim_cli.hpp"

namespace sim_fixture {

// The lab in `directory`, loaded once; its errors fail the test that asks.
inline const l3vpn::config::Lab& load(const std::string& directory) {
  static std::map<std::string, l3vpn::config::LabLoadResult> loaded;
  auto it = loaded.find(directory);
  if (it == loaded.end()) it = loaded.emplace(directory, l3vpn::config::load_lab(directory)).first;
  std::string errors;
  for (const auto& e : it->second.errors) errors += e.to_string() + "\n";
  INFO(errors);
  REQUIRE(it->second.ok());
  return it->second.lab;
}

struct SimLab {
  explicit SimLab(const std::string& directory) : lab(load(directory), log) {
    lab.start();
    converged = lab.converge();
  }
  std::string run(const std::string& node, const std::string& line) {
    l3vpn::sim::RouterCli cli(lab.router(node));
    auto result = cli.run(line);
    CHECK(result.ok);
    return result.output;
  }
  std::vector<std::string> table(const std::string& node, const std::string& vrf) {
    return seed_tables::body_lines(run(node, "show ip route vrf " + vrf));
  }

  l3vpn::core::Logger log{"sim", l3vpn::core::LogLevel::Error};
  l3vpn::sim::LabSim lab;
  l3vpn::sim::ConvergeResult converged;
};

// One converged instance of the lab in labs/`name`, shared by a test file.
inline SimLab& converged(const std::string& name) {
  static std::map<std::string, std::unique_ptr<SimLab>> labs;
  auto& slot = labs[name];
  if (!slot) slot = std::make_unique<SimLab>(L3VPN_SOURCE_DIR "/labs/" + name);
  INFO(slot->converged.waiting_for);
  REQUIRE(slot->converged.converged);
  return *slot;
}

}  // namespace sim_fixture
