// OSPF over the in-process network: sim::OspfNode runs one ospf::Instance on
// a netsim::Node, exactly as a daemon runs it on raw sockets. It carries the
// instance's actions out - Send on the bound netsim::Interface (multicast
// destinations to every router on the segment, unicast with send_to), named
// timers on the node's timer service, log lines kept for the test or the lab
// simulator - and feeds back what arrives: datagrams, timer expiries and
// link state changes of the segments.
//
// The IP destination: a netsim datagram has no multicast group, so each
// datagram starts with a 4-byte pseudo IP header, the destination address
// (224.0.0.5, 224.0.0.6 or the neighbor's), which the receiving OspfNode
// strips and hands to the instance with the packet. Only OspfNodes read
// these datagrams.
//
// Threads: the network's single thread. Calls into the instance are never
// nested: timers, deliveries and link events all come from the network's
// event loop. Several processes may share a node (a PE's global process and
// its VRF processes) as long as each has its own interfaces. Failure: a datagram shorter
// than the pseudo header is counted (malformed_datagrams) and dropped; what
// the instance drops it counts itself.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "netsim/network.hpp"
#include "ospf/instance.hpp"

namespace l3vpn::sim {

class OspfNode {
 public:
  OspfNode(netsim::Node& node, std::uint32_t process_id, ospf::InstanceConfig config);
  ~OspfNode();  // cancels its timers and unbinds its interfaces (a router that vanishes)
  OspfNode(const OspfNode&) = delete;
  OspfNode& operator=(const OspfNode&) = delete;

  // Binds the OSPF interface `name` (as in the config) to a netsim
  // interface: received datagrams and link changes go to the instance.
  // Loopbacks need no binding.
  void attach(const std::string& name, netsim::Interface& interface);
  void start();
  void set_external_routes(std::vector<ospf::ExternalRoute> externals);
  void set_redistributed_routes(std::vector<ospf::ExternalRoute> externals, std::vector<ospf::SummaryRoute> summaries);

  const ospf::Instance& instance() const { return instance_; }
  netsim::Node& node() const { return node_; }
  // Log lines at Info and above ("%OSPF-5-ADJCHG: ..."), in order.
  const std::vector<std::string>& log() const { return log_; }
  std::uint64_t routes_changed() const { return routes_changed_; }
  std::uint64_t malformed_datagrams() const { return malformed_; }
  void on_routes_changed(std::function<void()> callback) { routes_callback_ = std::move(callback); }

 private:
  void run(std::vector<ospf::InstanceAction> actions);
  void received(const std::string& name, const netsim::Datagram& d);
  std::string timer_name(const std::string& name) const;

  netsim::Node& node_;
  ospf::Instance instance_;
  std::map<std::string, netsim::Interface*> interfaces_;
  std::set<std::string> timers_;  // started and not yet fired or stopped
  std::vector<std::string> log_;
  std::uint64_t routes_changed_ = 0;
  std::uint64_t malformed_ = 0;
  std::function<void()> routes_callback_;
};

}  // namespace l3vpn::sim
