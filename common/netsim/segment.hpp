// Datagram links of the simulated network: a Segment is a shared medium (an
// Ethernet LAN, or a point-to-point link with two interfaces) with one
// latency. A datagram sent on an interface reaches every other interface
// attached to the segment (multicast/broadcast, as OSPF and LDP hellos use),
// or, with send_to(), only the interface holding that address.
//
// Delivery: `latency` after the send, from the network's event loop, through
// the receiving interface's handler for the datagram's protocol (as IP's
// protocol field: OSPF and LDP share a link and each gets its own; handlers
// registered without a protocol take every protocol nobody else took); a
// datagram to an interface without a handler for it is counted as dropped. Nothing is ever reordered, lost or
// duplicated while the segment is up.
// Link down (Network::set_link_up): every datagram in flight is dropped,
// sends while down are dropped, and each interface's link-state handler is
// told (as an event at the current time); up again tells them too.
// Single-threaded; the Network owns segments and their interfaces.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "config/address.hpp"
#include "netsim/event_queue.hpp"
#include "netsim/node.hpp"

namespace l3vpn::netsim {

using config::Ipv4Address;

struct Datagram {
  std::string from_node;
  std::string from_interface;
  Ipv4Address source;                      // the sending interface's address
  std::optional<Ipv4Address> destination;  // nothing: to every interface on the segment
  std::vector<std::uint8_t> bytes;
  std::uint16_t protocol = 0;  // kAnyProtocol: none given
};

inline constexpr std::uint16_t kAnyProtocol = 0;

class Segment;

class Interface {
 public:
  using ReceiveHandler = std::function<void(const Datagram&)>;
  using LinkStateHandler = std::function<void(bool up)>;

  Interface(Segment& segment, Node& node, std::string name, Ipv4Address address)
      : segment_(segment), node_(node), name_(std::move(name)), address_(address) {}
  Interface(const Interface&) = delete;
  Interface& operator=(const Interface&) = delete;

  // Replaces the handler of `protocol` (kAnyProtocol: the fallback).
  void on_receive(ReceiveHandler handler) { receive_[kAnyProtocol] = std::move(handler); }
  void on_receive(std::uint16_t protocol, ReceiveHandler handler) { receive_[protocol] = std::move(handler); }
  // Link-state handlers, one per protocol as for receiving: every protocol
  // on the interface hears of a change. nullptr unbinds.
  void on_link_state(LinkStateHandler handler) { on_link_state(kAnyProtocol, std::move(handler)); }
  void on_link_state(std::uint16_t protocol, LinkStateHandler handler) {
    if (handler)
      link_state_[protocol] = std::move(handler);
    else
      link_state_.erase(protocol);
  }

  // To every other interface on the segment.
  void send(std::span<const std::uint8_t> bytes, std::uint16_t protocol = kAnyProtocol);
  // Only to the interface on the segment with `destination` as its address.
  void send_to(Ipv4Address destination, std::span<const std::uint8_t> bytes,
               std::uint16_t protocol = kAnyProtocol);

  const std::string& name() const { return name_; }
  Node& node() const { return node_; }
  Ipv4Address address() const { return address_; }
  Segment& segment() const { return segment_; }
  bool is_up() const;

 private:
  friend class Segment;
  bool deliver(const Datagram& datagram) const;
  void notify_link_state(bool up) const {
    const auto handlers = link_state_;  // a handler may add or remove one
    for (const auto& [protocol, h] : handlers) h(up);
  }

  Segment& segment_;
  Node& node_;
  std::string name_;
  Ipv4Address address_;
  std::map<std::uint16_t, ReceiveHandler> receive_;
  std::map<std::uint16_t, LinkStateHandler> link_state_;
};

class Segment {
 public:
  Segment(Scheduler& scheduler, std::string name, core::Duration latency)
      : scheduler_(scheduler), name_(std::move(name)), latency_(latency) {}
  Segment(const Segment&) = delete;
  Segment& operator=(const Segment&) = delete;

  Interface& attach(Node& node, std::string interface_name, Ipv4Address address);

  const std::string& name() const { return name_; }
  core::Duration latency() const { return latency_; }
  bool is_up() const { return up_; }
  const std::vector<std::unique_ptr<Interface>>& interfaces() const { return interfaces_; }
  std::uint64_t delivered() const { return delivered_; }
  std::uint64_t dropped() const { return dropped_; }

 private:
  friend class Interface;
  friend class Network;
  void transmit(const Interface& from, std::optional<Ipv4Address> destination,
                std::span<const std::uint8_t> bytes, std::uint16_t protocol);
  void set_up(bool up);

  Scheduler& scheduler_;
  std::string name_;
  core::Duration latency_;
  bool up_ = true;
  std::uint64_t generation_ = 0;  // bumped when the link goes down: older datagrams are lost
  std::vector<std::unique_ptr<Interface>> interfaces_;
  std::uint64_t delivered_ = 0;
  std::uint64_t dropped_ = 0;
};

}  // namespace l3vpn::netsim
