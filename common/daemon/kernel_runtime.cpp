#include "daemon/kernel_runtime.hpp"

#include <unistd.h>

#include <algorithm>
#include <exception>

#include "kernel/vrf_rules.hpp"

namespace l3vpn::daemon {

namespace {

bool is_route_delete(const kernel::Operation& op) {
  return std::holds_alternative<kernel::DeleteRoute>(op) || std::holds_alternative<kernel::DeleteMplsRoute>(op);
}

}  // namespace

KernelRuntime::KernelRuntime(boost::asio::io_context& io, const core::Logger& log, KernelOptions options,
                             FibSource source)
    : io_(io),
      log_(log),
      options_(std::move(options)),
      source_(std::move(source)),
      debounce_timer_(io),
      resync_timer_(io) {}

KernelRuntime::~KernelRuntime() = default;

kernel::KernelNames KernelRuntime::names() const {
  kernel::KernelNames n;
  for (const auto& [config_name, linux_name] : options_.interfaces) n.interfaces.emplace(config_name, linux_name);
  return n;
}

std::set<std::string, std::less<>> KernelRuntime::down_interfaces() const {
  std::set<std::string, std::less<>> down;
  for (const auto& [linux_name, up] : link_up_)
    if (!up) down.insert(config_interface_name(options_.interfaces, linux_name));
  return down;
}

bool KernelRuntime::ensure_open() {
  if (fib_) return true;
  std::string error;
  fib_ = kernel::NetlinkFib::open(error);
  if (!fib_) log_once("kernel: cannot open netlink: " + error);
  if (fib_ && options_.nexthop_objects) {
    fib_->set_route_programming({kernel::AckMode::ErrorsOnly, true});
  }
  return fib_ != nullptr;
}

void KernelRuntime::log_once(const std::string& message) {
  if (logged_.insert(message).second) log_.error(message);
}

void KernelRuntime::start(const config::Config& config) {
  config_ = config;
  if (!options_.enabled || !ensure_open()) return;
  running_ = true;
  std::optional<kernel::ReadError> error;
  const kernel::ActualState actual = fib_->read_state(error);
  if (error) {
    ++counters_.read_errors;
    log_.error("kernel: reading the kernel's state: " + error->message);
  }
  // The devices first, with an empty FIB: the protocols bind their sockets to
  // interfaces that must already sit in their VRF.
  kernel::Translation start = kernel::desired_from_config(config_, names());
  for (const auto& e : start.errors) log_once("kernel: " + e);
  kernel::Plan plan = kernel::plan_reconcile(start.state, actual);
  const bool left_routes =
      std::any_of(actual.routes.begin(), actual.routes.end(), [](const auto& r) { return r.protocol == kernel::kRouteProtocol; }) ||
      std::any_of(actual.mpls_routes.begin(), actual.mpls_routes.end(),
                  [](const auto& r) { return r.protocol == kernel::kRouteProtocol; });
  if (options_.keep_fib && left_routes) {
    hold_stale_until_ = std::chrono::steady_clock::now() + options_.stale_hold;
    log_.info("kernel: keeping the routes a previous run left for " + std::to_string(options_.stale_hold.count()) +
              " s (--keep-fib)");
  }
  apply(plan, "start");
  log_.info("kernel: programming the kernel (" + std::to_string(start.state.vrfs.size()) + " VRF device(s), " +
            std::to_string(start.state.dummies.size()) + " loopback(s))");
  watch_links();
  schedule_resync();
  request_sync();
}

void KernelRuntime::set_config(const config::Config& config) {
  // Interfaces whose `shutdown` this reload lifts are brought up at the next
  // sync; the others keep whatever admin state the operator left them in.
  const auto before = kernel::desired_from_config(config_, names()).state.admin_down;
  config_ = config;
  const auto after = kernel::desired_from_config(config_, names()).state.admin_up;
  for (const auto& name : after) {
    if (std::find(before.begin(), before.end(), name) != before.end()) lifted_shutdown_.insert(name);
  }
  request_sync();
}

void KernelRuntime::request_sync() {
  if (!active() || sync_pending_) return;
  sync_pending_ = true;
  debounce_timer_.expires_after(options_.debounce);
  debounce_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    sync_pending_ = false;
    sync();
  });
}

void KernelRuntime::schedule_resync() {
  resync_timer_.expires_after(options_.resync);
  resync_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || !active()) return;
    request_sync();
    schedule_resync();
  });
}

kernel::Translation KernelRuntime::desired() const {
  kernel::Translation t = kernel::desired_from_config(config_, names());
  kernel::add_fib_routes(source_(down_interfaces()), names(), t);
  return t;
}

void KernelRuntime::sync() {
  if (!active()) return;
  try {
    kernel::Translation t = desired();
    for (const auto& e : t.errors) log_once("kernel: " + e);
    std::erase_if(t.state.admin_up, [&](const std::string& name) { return !lifted_shutdown_.contains(name); });
    std::optional<kernel::ReadError> error;
    const kernel::ActualState actual = fib_->read_state(error);
    if (error) {
      ++counters_.read_errors;
      log_once("kernel: reading the kernel's state: " + error->message);
      return;  // planning against a partial state would delete what it missed
    }
    lifted_shutdown_.clear();
    ++counters_.syncs;
    counters_.routes = t.state.routes.size();
    counters_.mpls_routes = t.state.mpls_routes.size();
    apply(kernel::plan_reconcile(t.state, actual), "sync");
    if (!t.state.vrfs.empty()) {  // isolation: kernel/vrf_rules.hpp
      const kernel::VrfRulesOutcome rules = kernel::move_local_rule_after_l3mdev();
      if (rules.error) log_once("kernel: VRF isolation: " + *rules.error);
      if (rules.changed) log_.info("kernel: rule 'lookup local' moved after the l3mdev rule (VRF isolation)");
    }
  } catch (const std::exception& e) {
    log_.error(std::string("kernel: sync failed: ") + e.what());
  }
}

void KernelRuntime::apply(const kernel::Plan& plan_in, const char* what) {
  kernel::Plan plan = plan_in;
  if (std::chrono::steady_clock::now() < hold_stale_until_)
    std::erase_if(plan.operations, is_route_delete);  // --keep-fib: the previous run's routes stay a while
  for (const auto& p : plan.problems) {
    ++counters_.problems;
    log_once(std::string("kernel: ") + kernel::to_string(p.kind) + ": " + p.detail);
  }
  if (plan.empty()) return;
  const kernel::ApplyReport report = fib_->apply(plan);
  counters_.applied += report.applied;
  counters_.failures += report.failures.size();
  for (const auto& f : report.failures) log_once("kernel: " + f.operation + ": " + f.text);
  log_.debug(std::string("kernel: ") + what + ": " + std::to_string(plan.operations.size()) + " operation(s), " +
             std::to_string(report.applied) + " applied, " + std::to_string(report.failures.size()) + " failed");
  if (report.ok()) logged_.clear();  // a failure seen again later is news again
}

void KernelRuntime::watch_links() {
  std::string error;
  auto opened = kernel::LinkMonitor::open(error);
  if (opened) monitor_.emplace(std::move(*opened));
  if (!monitor_) {
    log_.error("kernel: no link monitor (" + error + "): link changes reach the FIB only at the next resync");
    return;
  }
  const int fd = ::dup(monitor_->fd());  // the descriptor object closes its own copy
  if (fd < 0) {
    log_.error("kernel: no link monitor (dup failed)");
    monitor_.reset();
    return;
  }
  monitor_socket_ = std::make_unique<boost::asio::posix::stream_descriptor>(io_, fd);
  monitor_socket_->async_wait(boost::asio::posix::stream_descriptor::wait_read,
                              [this](const boost::system::error_code& ec) {
                                if (ec) return;
                                on_link_events();
                              });
}

void KernelRuntime::on_link_events() {
  if (!monitor_) return;
  kernel::LinkMonitor::Poll poll = monitor_->poll();
  bool changed = poll.overflowed;
  if (poll.overflowed) log_.warning("kernel: link events lost (socket buffer full): resynchronising");
  if (!poll.error.empty()) log_once("kernel: link monitor: " + poll.error);
  for (const kernel::MonitorEvent& event : poll.events) {
    ++counters_.link_events;
    if (const auto* link = std::get_if<kernel::LinkEvent>(&event)) {
      const bool up = !link->removed && link->admin_up && link->carrier;
      auto [it, inserted] = link_up_.try_emplace(link->name, up);
      if (!inserted && it->second == up) continue;
      it->second = up;
      changed = true;
      if (inserted && up) continue;  // first news of a link that works: nothing changes
      const std::string name = config_interface_name(options_.interfaces, link->name);
      log_.info("kernel: link " + link->name + (up ? " up" : " down"));
      if (on_link) on_link(name, up);
    } else {
      changed = true;  // an address came or went: ours may need putting back
    }
  }
  if (changed) request_sync();
  if (monitor_socket_)
    monitor_socket_->async_wait(boost::asio::posix::stream_descriptor::wait_read,
                                [this](const boost::system::error_code& ec) {
                                  if (ec) return;
                                  on_link_events();
                                });
}

void KernelRuntime::stop() {
  if (!active()) return;
  running_ = false;
  debounce_timer_.cancel();
  resync_timer_.cancel();
  if (monitor_socket_) monitor_socket_->close();
  monitor_socket_.reset();
  monitor_.reset();
  if (options_.keep_fib) {
    log_.info("kernel: leaving the routes and devices in the kernel (--keep-fib)");
    return;
  }
  std::optional<kernel::ReadError> error;
  const kernel::ActualState actual = fib_->read_state(error);
  if (error) log_.error("kernel: reading the kernel's state for cleanup: " + error->message);
  hold_stale_until_ = {};
  const kernel::Plan plan = kernel::plan_cleanup(actual);
  const kernel::ApplyReport report = fib_->apply(plan);
  for (const auto& f : report.failures) log_.error("kernel: cleanup: " + f.operation + ": " + f.text);
  log_.info("kernel: removed our routes and devices (" + std::to_string(report.applied) + " operation(s))");
}

std::optional<kernel::ActualState> KernelRuntime::read(std::string& error) {
  if (!ensure_open()) {
    error = "cannot open netlink";
    return std::nullopt;
  }
  std::optional<kernel::ReadError> read_error;
  kernel::ActualState actual = fib_->read_state(read_error);
  if (read_error) {
    error = read_error->message;
    return std::nullopt;
  }
  return actual;
}

}  // namespace l3vpn::daemon
