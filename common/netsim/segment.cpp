#include "netsim/segment.hpp"

namespace l3vpn::netsim {

void Interface::send(std::span<const std::uint8_t> bytes, std::uint16_t protocol) {
  segment_.transmit(*this, std::nullopt, bytes, protocol);
}

void Interface::send_to(Ipv4Address destination, std::span<const std::uint8_t> bytes, std::uint16_t protocol) {
  segment_.transmit(*this, destination, bytes, protocol);
}

bool Interface::is_up() const { return segment_.is_up(); }

bool Interface::deliver(const Datagram& datagram) const {
  auto it = receive_.find(datagram.protocol);
  if (it == receive_.end()) it = receive_.find(kAnyProtocol);
  if (it == receive_.end() || !it->second) return false;
  const ReceiveHandler handler = it->second;  // the handler may replace itself
  handler(datagram);
  return true;
}

Interface& Segment::attach(Node& node, std::string interface_name, Ipv4Address address) {
  interfaces_.push_back(
      std::make_unique<Interface>(*this, node, std::move(interface_name), address));
  return *interfaces_.back();
}

void Segment::transmit(const Interface& from, std::optional<Ipv4Address> destination,
                       std::span<const std::uint8_t> bytes, std::uint16_t protocol) {
  if (!up_) {
    ++dropped_;
    return;
  }
  const auto datagram = std::make_shared<const Datagram>(
      Datagram{from.node().name(), from.name(), from.address(), destination,
               std::vector<std::uint8_t>(bytes.begin(), bytes.end()), protocol});
  bool addressed = false;
  for (const auto& to : interfaces_) {
    if (to.get() == &from) continue;
    if (destination && to->address() != *destination) continue;
    addressed = true;
    const Interface* target = to.get();
    scheduler_.schedule(latency_, [this, target, datagram, sent_in = generation_] {
      if (sent_in != generation_ || !up_ || !target->deliver(*datagram)) {
        ++dropped_;
        return;
      }
      ++delivered_;
    });
  }
  if (!addressed) ++dropped_;
}

void Segment::set_up(bool up) {
  if (up == up_) return;
  up_ = up;
  if (!up) ++generation_;
  for (const auto& to : interfaces_) {
    const Interface* target = to.get();
    scheduler_.schedule(core::Duration::zero(), [target, up] { target->notify_link_state(up); });
  }
}

}  // namespace l3vpn::netsim
