// LDP over the in-process network: one ldp::Instance attached to a
// netsim::Node, its actions carried out on simulated links, streams and
// timers, and the network's events fed back to it. The lab simulator and the
// LDP scenario tests and bench run the instance exactly as a daemon would,
// on the network's manual clock.
//
//   SendHello   -> Interface::send on the segment (every other interface: the
//                  224.0.0.2 multicast of a link)
//   Connect     -> Network::connect from transport_address to the peer's :646
//   SendPdu     -> StreamEndpoint::write; received bytes are framed by the LDP
//                  header's PDU length (4 + length) and handed over whole
//   Start/Stop  -> node.timers() under the instance's own names
//   LfibChanged -> this node's LFIB copy (lfib())
//
// TCP MD5 (RFC 5925's predecessor, RFC 2385) is modelled at connect time: a
// Connect whose password differs from the one the target LSR configured for
// us never completes (the SYN is dropped), so the attempt fails and is retried.
// A link going down does not reset the session's stream (real TCP would only
// time out much later): writes toward a peer whose shared link is down are
// lost, so the session falls to the hello or keepalive hold timer, as on a
// router.
//
// Callbacks never re-enter the instance: every network event runs from the
// loop, and failures the edge detects itself are scheduled, not called.
// Single-threaded; the LdpNode must outlive the network's pending events
// (keep it alive until the network is destroyed).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ldp/instance.hpp"
#include "netsim/network.hpp"

namespace l3vpn::sim {

class LdpNode;
// Which LDP node owns a transport address (nullptr: unreachable).
using LdpLocator = std::function<LdpNode*(std::uint32_t transport_address)>;

// One message this node sent or received on a session (trace, when enabled).
struct LdpTraceEntry {
  core::TimePoint at{};
  bool sent = true;
  std::uint32_t peer = 0;  // LSR ID
  ldp::Message message;
};

class LdpNode {
 public:
  LdpNode(netsim::Network& network, netsim::Node& node, ldp::InstanceConfig config,
          vpn::LabelAllocator& labels, LdpLocator locate);
  ~LdpNode();
  LdpNode(const LdpNode&) = delete;
  LdpNode& operator=(const LdpNode&) = delete;

  // An LDP interface: its name must be one of the config's interfaces.
  void attach(netsim::Interface& interface);
  // Listens on transport_address:646 and starts discovery.
  void start();
  void set_igp_routes(std::vector<ldp::IgpRoute> routes);
  void set_fec_selection(ldp::FecSelection fecs);  // a reload of "mpls ldp label"

  ldp::Instance& instance() { return instance_; }
  const ldp::Instance& instance() const { return instance_; }
  netsim::Node& node() { return node_; }
  // The LFIB as the LfibChanged actions built it.
  const std::map<ldp::Fec, ldp::ForwardingEntry>& lfib() const { return lfib_; }
  const std::vector<std::string>& log() const { return log_; }
  const std::vector<ldp::instance_action::Connect>& connects() const { return connects_; }
  std::uint64_t writes_lost() const { return writes_lost_; }

  // Session messages in both directions, decoded (off by default: it costs).
  void set_trace(bool on) { trace_on_ = on; }
  const std::vector<LdpTraceEntry>& trace() const { return trace_; }
  // Test hooks: raw bytes on a peer's connection; a peer that stops sending
  // on its sessions (Hellos continue) to see the keepalive hold timer work.
  bool send_raw(std::uint32_t lsr_id, std::span<const std::uint8_t> bytes);
  void set_session_silent(bool silent) { silent_ = silent; }

 private:
  struct Connection;

  void run(std::vector<ldp::InstanceAction> actions);
  void connect(const ldp::instance_action::Connect& c);
  void adopt(std::uint32_t lsr_id, std::shared_ptr<netsim::StreamEndpoint> stream);
  void received(const std::shared_ptr<Connection>& c, std::span<const std::uint8_t> bytes);
  void later(std::function<void()> f);
  void record(bool sent, std::uint32_t peer, std::span<const std::uint8_t> pdu);
  // The links between this node and `other`'s node; empty when not adjacent.
  std::vector<const netsim::Segment*> links_to(const LdpNode& other) const;
  bool links_up(std::uint32_t lsr_id) const;

  netsim::Network& network_;
  netsim::Node& node_;
  ldp::Instance instance_;
  LdpLocator locate_;
  std::map<std::string, netsim::Interface*> interfaces_;
  std::map<std::uint32_t, std::shared_ptr<Connection>> connections_;  // by peer LSR ID
  std::map<std::uint32_t, std::uint64_t> attempts_;  // by LSR ID: the Connect that counts
  std::map<std::uint32_t, std::vector<const netsim::Segment*>> paths_;  // by LSR ID
  std::map<ldp::Fec, ldp::ForwardingEntry> lfib_;
  std::vector<std::string> log_;
  std::vector<ldp::instance_action::Connect> connects_;
  std::vector<LdpTraceEntry> trace_;
  bool trace_on_ = false;
  bool silent_ = false;
  std::uint64_t writes_lost_ = 0;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);  // scheduled work checks it
};

}  // namespace l3vpn::sim
