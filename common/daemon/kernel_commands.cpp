#include "daemon/kernel_commands.hpp"

namespace l3vpn::daemon {

namespace {

cli::CommandResult read_failed(const std::string& error) {
  return cli::CommandResult::failure("% Cannot read the kernel's tables: " + error + "\n");
}

}  // namespace

void register_kernel_commands(cli::CommandTree& tree, KernelRuntime& runtime) {
  using cli::Invocation;
  using cli::Word;
  const Word show{"show", "Show running system information", false};
  const Word ip{"ip", "IP information", false};
  const Word route{"route", "IP routing table", false};
  const Word vrf_word{"vrf", "Display routes from a VPN Routing/Forwarding instance", false};
  const Word vrf_name{"WORD", "VPN Routing/Forwarding instance name", true};
  const Word kernel_word{"kernel", "What the Linux kernel holds", false};
  const Word mpls{"mpls", "Multi-Protocol Label Switching information", false};
  const Word fib{"fib", "Forwarding table programmed into the kernel", false};
  KernelRuntime* r = &runtime;

  tree.add({show, ip, route, kernel_word}, [r](const Invocation&) {
    std::string error;
    auto actual = r->read(error);
    if (!actual) return read_failed(error);
    return cli::CommandResult::success(format_kernel_routes(*actual, kernel::kMainTable, "main table"));
  }, false);
  tree.add({show, ip, route, vrf_word, vrf_name, kernel_word}, [r](const Invocation& i) {
    std::string error;
    auto actual = r->read(error);
    if (!actual) return read_failed(error);
    const std::string& vrf = i.arguments.at(0);
    const std::uint32_t table = kernel_vrf_table(*actual, vrf);
    if (table == 0) return cli::CommandResult::failure("% The kernel has no VRF device " + vrf + "\n");
    return cli::CommandResult::success(
        format_kernel_routes(*actual, table, "vrf " + vrf + ", table " + std::to_string(table)));
  }, false);
  tree.add({show, mpls, {"forwarding-table", "Show MPLS forwarding table", false}, kernel_word},
           [r](const Invocation&) {
             std::string error;
             auto actual = r->read(error);
             if (!actual) return read_failed(error);
             return cli::CommandResult::success(format_kernel_mpls(*actual));
           }, false);
  tree.add({show, fib, {"drift", "Desired FIB against the kernel's", false}}, [r](const Invocation&) {
    std::string error;
    auto actual = r->read(error);
    if (!actual) return read_failed(error);
    const kernel::Translation desired = r->desired();
    std::string text;
    for (const auto& e : desired.errors) text += "Not translated: " + e + "\n";
    return cli::CommandResult::success(
        text + format_drift(drift_entries(kernel::plan_reconcile(desired.state, *actual), *actual)));
  }, false);
  tree.add({show, fib, kernel_word, {"summary", "Kernel programming counters", false}}, [r](const Invocation&) {
    const KernelCounters& c = r->counters();
    std::string text = std::string("Kernel programming: ") + (r->active() ? "on" : r->enabled() ? "failed to open" : "off") +
                       (r->options().keep_fib ? ", keep-fib" : "") +
                       (r->options().nexthop_objects ? ", nexthop objects" : ", inline nexthops") + "\n";
    text += "  desired routes " + std::to_string(c.routes) + ", MPLS routes " + std::to_string(c.mpls_routes) + "\n";
    text += "  syncs " + std::to_string(c.syncs) + ", operations applied " + std::to_string(c.applied) +
            ", failed " + std::to_string(c.failures) + ", plan problems " + std::to_string(c.problems) +
            ", read errors " + std::to_string(c.read_errors) + ", link events " + std::to_string(c.link_events) + "\n";
    return cli::CommandResult::success(text);
  }, false);
}

}  // namespace l3vpn::daemon
