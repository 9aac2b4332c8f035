#include "sim/ospf_netsim.hpp"

namespace l3vpn::sim {

namespace {

constexpr std::size_t kPseudoHeaderLength = 4;  // the IP destination address
constexpr std::uint16_t kOspfProtocol = 89;     // IP protocol 89: LDP shares the links

}  // namespace

OspfNode::OspfNode(netsim::Node& node, std::uint32_t process_id, ospf::InstanceConfig config)
    : node_(node), instance_(process_id, std::move(config)) {}

OspfNode::~OspfNode() {
  for (const auto& name : timers_) node_.timers().cancel(timer_name(name));
  for (auto& [name, interface] : interfaces_) {  // a vanished router: nothing reaches this object any more
    interface->on_receive(kOspfProtocol, nullptr);
    interface->on_link_state(kOspfProtocol, nullptr);
  }
}

void OspfNode::attach(const std::string& name, netsim::Interface& interface) {
  interfaces_[name] = &interface;
  interface.on_receive(kOspfProtocol, [this, name](const netsim::Datagram& d) { received(name, d); });
  interface.on_link_state(kOspfProtocol, [this, name](bool up) { run(instance_.interface_link(name, up, node_.clock().now())); });
}

// The node's timer service is shared by every process on the node (a PE runs
// its global process and one per VRF): the instance's names ("ospf spf") are
// made unique with the process ID.
std::string OspfNode::timer_name(const std::string& name) const {
  return "ospf " + std::to_string(instance_.process_id()) + ": " + name;
}

void OspfNode::start() { run(instance_.start(node_.clock().now())); }

void OspfNode::set_external_routes(std::vector<ospf::ExternalRoute> externals) {
  run(instance_.set_external_routes(std::move(externals), node_.clock().now()));
}

void OspfNode::set_redistributed_routes(std::vector<ospf::ExternalRoute> externals,
                                        std::vector<ospf::SummaryRoute> summaries) {
  run(instance_.set_redistributed_routes(std::move(externals), std::move(summaries), node_.clock().now()));
}

void OspfNode::received(const std::string& name, const netsim::Datagram& d) {
  if (d.bytes.size() < kPseudoHeaderLength) {
    ++malformed_;
    return;
  }
  const std::uint32_t destination = (std::uint32_t{d.bytes[0]} << 24) | (std::uint32_t{d.bytes[1]} << 16) |
                                    (std::uint32_t{d.bytes[2]} << 8) | std::uint32_t{d.bytes[3]};
  const std::span<const std::uint8_t> packet(d.bytes.data() + kPseudoHeaderLength, d.bytes.size() - kPseudoHeaderLength);
  run(instance_.packet_received(name, d.source.value, destination, packet, node_.clock().now()));
}

void OspfNode::run(std::vector<ospf::InstanceAction> actions) {
  for (auto& a : actions) {
    if (auto* s = std::get_if<ospf::instance_action::Send>(&a)) {
      auto it = interfaces_.find(s->interface);
      if (it == interfaces_.end()) continue;  // a loopback, or not bound
      std::vector<std::uint8_t> bytes{static_cast<std::uint8_t>(s->destination >> 24),
                                      static_cast<std::uint8_t>(s->destination >> 16),
                                      static_cast<std::uint8_t>(s->destination >> 8),
                                      static_cast<std::uint8_t>(s->destination)};
      bytes.insert(bytes.end(), s->packet.begin(), s->packet.end());
      const bool multicast = (s->destination >> 28) == 0xE;
      if (multicast)
        it->second->send(bytes, kOspfProtocol);
      else
        it->second->send_to(config::Ipv4Address{s->destination}, bytes, kOspfProtocol);
    } else if (auto* st = std::get_if<ospf::instance_action::StartTimer>(&a)) {
      const std::string name = st->name;
      timers_.insert(name);
      node_.timers().start(timer_name(name), st->after, [this, name] {
        timers_.erase(name);
        run(instance_.timer_expired(name, node_.clock().now()));
      });
    } else if (auto* sp = std::get_if<ospf::instance_action::StopTimer>(&a)) {
      timers_.erase(sp->name);
      node_.timers().cancel(timer_name(sp->name));
    } else if (std::holds_alternative<ospf::instance_action::RoutesChanged>(a)) {
      ++routes_changed_;
      if (routes_callback_) routes_callback_();
    } else if (auto* l = std::get_if<ospf::instance_action::Log>(&a)) {
      if (l->level >= core::LogLevel::Info) log_.push_back(node_.name() + ": " + l->text);
    }
  }
}

}  // namespace l3vpn::sim
