// How long LDP takes to converge on a line of LSRs with many FECs: R1 - ... -
// RN on the in-process network (sim::LdpLine), N /32s (100.0.x.y) attached
// behind RN as well as the loopbacks, every router given OSPF's routes.
// Converged: every router but RN (whose FECs are local, implicit null) has an
// LFIB entry for every FEC. Measured in simulated time (the protocol's own
// pace: link latency 1 ms) and wall time (the cost of the code), for
//   1. a cold start: IGP tables in place, LDP started, sessions to form;
//   2. with sessions up: the FECs withdrawn from the IGP everywhere and
//      then given back (a burst of withdraws/releases, then mappings).
//
//   bench_ldp_convergence [ROUTERS] [FECS]   (default 4 1000)
//   bench_ldp_convergence --smoke            (3 routers, 50 FECs; checks convergence)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sim/ldp_line.hpp"

using namespace l3vpn;
using namespace std::chrono_literals;

namespace {

struct Figure {
  double simulated_ms = 0;
  double wall_ms = 0;
  bool done = false;
};

// Steps the network by 1 ms until `done()` holds or `limit` of simulated time passes.
template <class Done>
Figure run_until(sim::LdpLine& lab, Done done, core::Duration limit = 120s) {
  const auto sim_start = lab.network.now();
  const auto wall_start = std::chrono::steady_clock::now();
  Figure f;
  while (!(f.done = done()) && lab.network.now() - sim_start < limit) lab.network.advance(1ms);
  f.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start).count();
  f.simulated_ms = std::chrono::duration<double, std::milli>(lab.network.now() - sim_start).count();
  return f;
}

std::uint64_t messages_sent(sim::LdpLine& lab) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < lab.size(); ++i)
    for (const auto& s : lab.at(i).instance().sessions()) n += s.messages_sent;
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  const bool smoke = argc > 1 && std::string(argv[1]) == "--smoke";
  const std::size_t routers = smoke ? 3 : (argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 4);
  const std::size_t fecs = smoke ? 50 : (argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1000);
  if (routers < 2 || routers > 254 || fecs == 0 || fecs > 60000) {
    std::fprintf(stderr, "usage: bench_ldp_convergence [ROUTERS 2-254] [FECS 1-60000] | --smoke\n");
    return 2;
  }

  sim::LdpLineOptions options;
  for (std::size_t i = 0; i < routers; ++i) options.names.push_back("R" + std::to_string(i + 1));
  sim::LdpLine lab(options);
  std::vector<ldp::Fec> behind;
  for (std::size_t i = 0; i < fecs; ++i) behind.push_back(ldp::Fec::of(0x64000000u + static_cast<std::uint32_t>(i)));

  // Converged with the FECs: every router but the last forwards each FEC
  // with the label its right neighbor holds for it now (implicit null from
  // the last), and the loopbacks of all others.
  auto converged = [&] {
    for (std::size_t i = 0; i + 1 < routers; ++i) {
      if (lab.at(i).lfib().size() != fecs + routers - 1) return false;
      const ldp::Lib& downstream = lab.at(i + 1).instance().lib();
      for (const ldp::Fec& fec : behind) {
        auto entry = lab.at(i).lfib().find(fec);
        if (entry == lab.at(i).lfib().end() || entry->second.out_label != downstream.local_label(fec)) return false;
      }
    }
    return true;
  };
  // Converged without them: no entry and no label left anywhere (withdraws released).
  auto gone = [&] {
    for (std::size_t i = 0; i < routers; ++i) {
      const ldp::Lib& lib = lab.at(i).instance().lib();
      if (lab.at(i).lfib().size() != routers - 1) return false;
      for (const ldp::Fec& fec : behind)
        if (lib.local_label(fec) || !lib.remote_labels(fec).empty()) return false;
      for (const auto& s : lab.at(i).instance().sessions())
        for (const ldp::Fec& fec : lib.advertised_to(s.peer))
          if (fec.address >= 0x64000000u && fec.address < 0x64000000u + fecs) return false;
    }
    return true;
  };

  lab.install_igp(behind);
  lab.start();
  const Figure cold = run_until(lab, converged);
  const std::uint64_t cold_messages = messages_sent(lab);

  for (std::size_t i = 0; i < routers; ++i) lab.at(i).set_igp_routes(lab.igp_routes(i));
  const Figure withdrawn = run_until(lab, gone);
  for (std::size_t i = 0; i < routers; ++i) lab.at(i).set_igp_routes(lab.igp_routes(i, behind));
  const Figure back = run_until(lab, converged);

  std::printf("LDP convergence, line of %zu LSRs, %zu FECs behind the last (+%zu loopbacks)\n", routers, fecs, routers);
  std::printf("  cold start (sessions + bindings): %8.1f ms simulated, %8.1f ms wall, %llu messages sent\n",
              cold.simulated_ms, cold.wall_ms, static_cast<unsigned long long>(cold_messages));
  std::printf("  all FECs withdrawn from the IGP : %8.1f ms simulated, %8.1f ms wall\n", withdrawn.simulated_ms,
              withdrawn.wall_ms);
  std::printf("  all FECs given back             : %8.1f ms simulated, %8.1f ms wall\n", back.simulated_ms,
              back.wall_ms);
  if (!cold.done || !withdrawn.done || !back.done) {
    std::printf("NOT CONVERGED: cold %d, withdrawn %d, back %d\n", cold.done, withdrawn.done, back.done);
    return 1;
  }
  return 0;
}
