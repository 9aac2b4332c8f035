// A daemon's LDP (edge code, Asio): the ldp::Instance built from the config
// (daemon/ldp_config), a UDP Hello socket per `mpls ip` interface, a TCP
// listener on transport_address:646 with the peers' MD5 keys, one connector
// and one connection per peer LSR, named Asio timers, the system clock, and
// labels from the daemon's one vpn::LabelAllocator (shared with BGP's VRF
// labels). The instance's actions are carried out here.
//
// Threads: everything on the io_context's thread; sockets and timers call in
//   from the io_context only, never from inside an instance call.
// Configuration: apply() at start and after every accepted reload; an
//   unchanged translation keeps the sessions, a changed one (or a new label
//   range) rebuilds the instance: every session closes and starts again. A
//   change of "mpls ldp label" alone is applied in place: FECs leaving are
//   withdrawn, FECs arriving advertised.
//   No LSR ID (no address): LDP does not run.
// IGP: set_igp_routes() with the whole IGP table (OSPF's routes plus our
//   loopbacks; the instance selects its FECs from it), after every OSPF route
//   change; kept and given to a rebuilt instance too.
// LFIB: the instance's lib().lfib() is the view for show commands; nothing
//   is programmed into the kernel here.
// Failure: a Hello socket that cannot be opened is logged and its interface
//   left out; a listener that cannot be opened (transport address not on
//   this host) is logged and LDP runs active-only. A failed connect, a
//   dropped connection or a PDU stream that loses its framing (bad PDU
//   header: logged, counted) is a connection_closed for the instance.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/device_names.hpp"
#include "bgp/transport/tcp_connector.hpp"
#include "bgp/transport/tcp_listener.hpp"
#include "config/model.hpp"
#include "core/asio_timer_service.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "ldp/instance.hpp"
#include "ldp/transport/hello_socket.hpp"
#include "ldp/transport/session_connection.hpp"
#include "vpn/label_allocator.hpp"

namespace l3vpn::daemon {

class LdpRuntime {
 public:
  LdpRuntime(boost::asio::io_context& io, const core::Clock& clock, const core::Logger& log,
             vpn::LabelAllocator& labels, std::uint16_t port = ldp::kLdpPort);
  ~LdpRuntime();
  LdpRuntime(const LdpRuntime&) = delete;
  LdpRuntime& operator=(const LdpRuntime&) = delete;

  void apply(const config::Config& config);
  // Linux device names of configured interfaces (--interface-map), for the
  // hello sockets; the instance keeps the config names.
  void set_device_names(DeviceNames names) { device_names_ = std::move(names); }
  void stop();
  void set_igp_routes(std::vector<ldp::IgpRoute> routes);
  // Called after the LFIB changed (the PE's BGP next hops resolve over it).
  std::function<void()> on_lfib_changed;

  bool active() const { return instance_ != nullptr; }
  const ldp::Instance* instance() const { return instance_.get(); }
  const std::vector<ldp::IgpRoute>& igp_routes() const { return igp_; }
  const core::Clock& clock() const { return clock_; }
  // Counted here, not by the instance: "bad PDU header", "connect failed", ...
  const std::map<std::string, std::uint64_t>& edge_counters() const { return counters_; }

 private:
  void build();
  void tear_down();
  void execute(std::vector<ldp::InstanceAction> actions);
  void refresh_listener_keys();
  void connect(const ldp::instance_action::Connect& request);
  void adopt(std::uint32_t lsr_id, std::shared_ptr<bgp::TcpConnection> tcp);
  void accept(std::shared_ptr<bgp::TcpConnection> tcp);
  void close(std::uint32_t lsr_id);
  void closed(std::uint32_t lsr_id, const ldp::SessionConnection* which, const std::string& why);

  boost::asio::io_context& io_;
  const core::Clock& clock_;
  const core::Logger& log_;
  vpn::LabelAllocator& labels_;
  std::uint16_t port_;
  std::optional<ldp::InstanceConfig> config_;
  std::map<std::string, std::uint32_t> interface_addresses_;  // Hello sources, by interface
  DeviceNames device_names_;
  std::map<std::uint32_t, std::string> listener_keys_;        // as set on the listener
  std::pair<std::uint32_t, std::uint32_t> label_range_{0, 0};
  std::vector<ldp::IgpRoute> igp_;
  std::unique_ptr<core::AsioTimerService> timers_;
  std::unique_ptr<ldp::Instance> instance_;
  std::map<std::string, std::unique_ptr<ldp::HelloSocket>> hello_sockets_;
  std::unique_ptr<bgp::TcpListener> listener_;
  std::map<std::uint32_t, std::unique_ptr<bgp::TcpConnector>> connectors_;  // by LSR ID
  std::map<std::uint32_t, std::shared_ptr<ldp::SessionConnection>> connections_;
  std::map<std::string, std::uint64_t> counters_;
};

}  // namespace l3vpn::daemon
