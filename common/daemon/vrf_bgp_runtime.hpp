// A PE daemon's PE-CE BGP (edge code, Asio): one bgp::Speaker per VRF with
// CE neighbors (vpn/vrf_bgp_ce.hpp has the design), beside BgpRuntime's
// global VPNv4 speaker, with real TCP transports and a listener per PE-CE
// address.
//
// Threads: everything on the io_context's thread.
// Configuration: apply() at start and after every accepted reload. A VRF
//   whose speaker configuration (vpn::vrf_bgp_instances) is unchanged keeps
//   its speaker and sessions; a changed one is rebuilt (its sessions reset);
//   a VRF without CE neighbors any more loses its speaker.
// Glue (the daemon polls it once a second, as it polls BGP into OSPF):
//   ce_routes() feeds BgpRuntime's VRF export and the VRF tables;
//   advertise() originates into each VRF speaker what its CEs must learn
//   (vpn::ce_advertisements), withdrawing what they no longer must.
// Sockets (vrf_bgp_listeners): with VRF devices (bind_to_vrf_devices(true):
//   the daemon runs with --kernel, which creates one Linux VRF device per
//   VRF, named as the VRF) a VRF has one listener, 0.0.0.0:port bound to its
//   device (SO_BINDTODEVICE; `ss -ltn` shows 0.0.0.0%routing:179), and every
//   outgoing session is bound to the device too, so the VRF's table routes
//   and sources it, whatever the default table holds; Linux lets such a
//   listener share the port with the global speaker's unbound one. Without
//   VRF devices (simulator-less host tests, --kernel off) each session is
//   sourced from, and a listener bound to, the PE's address on the PE-CE
//   subnet, which only works where that address is reachable from the
//   default table. A listener that cannot be opened (no such device, port
//   taken) is logged; outgoing connections are still tried.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bgp/speaker/speaker.hpp"
#include "bgp/transport/asio_peer_transport.hpp"
#include "config/model.hpp"
#include "core/asio_timer_service.hpp"
#include "core/clock.hpp"
#include "core/log.hpp"
#include "vpn/vrf_bgp_ce.hpp"

namespace l3vpn::daemon {

// A listening socket a VRF speaker needs: address:port, bound to `device`
// when not empty.
struct VrfBgpListener {
  std::uint32_t address = 0;
  std::string device;
  bool operator==(const VrfBgpListener&) const = default;
};

// Pure: with VRF devices, one 0.0.0.0 listener bound to the VRF's device;
// without, one per distinct local address of the VRF's CE neighbors.
std::vector<VrfBgpListener> vrf_bgp_listeners(const vpn::VrfBgpInstance& instance, bool vrf_devices);

class VrfBgpRuntime {
 public:
  struct VrfSpeaker {
    vpn::VrfBgpInstance config;
    bgp::rib::ConnectedStaticResolver resolver;
    std::unique_ptr<bgp::AsioTransportFactory> transports;
    std::unique_ptr<bgp::Speaker> speaker;
    std::vector<std::unique_ptr<bgp::TcpListener>> listeners;
    std::vector<std::string> listening;  // as `ss -ltn` shows them: "0.0.0.0%routing:179"
    std::string device;                  // the VRF device its sockets are bound to, or "" (none)
    std::vector<vpn::Advertisement> advertised;  // originated toward the CEs
  };

  VrfBgpRuntime(boost::asio::io_context& io, const core::Clock& clock, const core::Logger& log, std::uint16_t port);
  ~VrfBgpRuntime();
  VrfBgpRuntime(const VrfBgpRuntime&) = delete;
  VrfBgpRuntime& operator=(const VrfBgpRuntime&) = delete;

  // Sockets bound to the VRFs' Linux devices (--kernel); before apply().
  void bind_to_vrf_devices(bool on) { vrf_devices_ = on; }
  bool binds_to_vrf_devices() const { return vrf_devices_; }

  void apply(const config::Config& config);
  // Every session stopped (Cease sent), the listeners closed.
  void stop();
  bool flushed() const;

  vpn::VrfCeBgpRoutes ce_routes() const;
  // The CE routes as the VRF tables take them ("B [20/MED]"), by VRF.
  vpn::VrfIgpRoutes ce_route_views() const;
  // `exported`: BgpRuntime's VRF export; `known`: the VPNv4 best paths;
  // `tables`: the VRF tables built from them.
  void advertise(const config::Config& config, const std::vector<vpn::ExportedRoute>& exported,
                 const std::vector<vpn::VpnRoute>& known, const std::vector<cli::RouteTableView>& tables);
  const std::vector<std::unique_ptr<VrfSpeaker>>& speakers() const { return speakers_; }

 private:
  std::unique_ptr<VrfSpeaker> build(const config::Config& config, vpn::VrfBgpInstance instance);

  boost::asio::io_context& io_;
  const core::Clock& clock_;
  const core::Logger& log_;
  std::uint16_t port_;
  bool vrf_devices_ = false;
  core::AsioTimerService timers_;
  std::vector<std::unique_ptr<VrfSpeaker>> speakers_;
};

}  // namespace l3vpn::daemon
