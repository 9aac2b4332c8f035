#include "sim/ldp_netsim.hpp"

#include <type_traits>

namespace l3vpn::sim {

namespace act = ldp::instance_action;

// The netsim protocol number of LDP's link Hellos (UDP port 646), so OSPF on
// the same link gets its own datagrams.
constexpr std::uint16_t kLdpDiscovery = 646;

// One TCP connection to a peer LSR, with the bytes of a PDU not yet whole.
struct LdpNode::Connection {
  std::uint32_t lsr_id = 0;
  std::shared_ptr<netsim::StreamEndpoint> stream;
  std::vector<std::uint8_t> buffer;
  bool closed = false;  // by us: later callbacks of this stream are ignored
};

LdpNode::LdpNode(netsim::Network& network, netsim::Node& node, ldp::InstanceConfig config,
                 vpn::LabelAllocator& labels, LdpLocator locate)
    : network_(network), node_(node), instance_(std::move(config), labels), locate_(std::move(locate)) {}

LdpNode::~LdpNode() {
  *alive_ = false;
  for (auto& [lsr_id, c] : connections_) {
    c->closed = true;
    c->stream->close();
  }
}

void LdpNode::attach(netsim::Interface& interface) {
  interfaces_[interface.name()] = &interface;
  interface.on_receive(kLdpDiscovery, [this, alive = alive_, name = interface.name()](const netsim::Datagram& d) {
    if (!*alive) return;
    run(instance_.hello_received(name, d.source.value, d.bytes, network_.now()));
  });
}

void LdpNode::start() {
  const config::Ipv4Address local{instance_.config().transport_address};
  network_.listen(node_, local, ldp::kLdpPort, [this, alive = alive_](std::shared_ptr<netsim::StreamEndpoint> s) {
    if (!*alive) return s->close();
    const auto lsr_id = instance_.accept_from(s->remote().address.value);
    if (!lsr_id || connections_.contains(*lsr_id)) return s->close();
    adopt(*lsr_id, std::move(s));
    run(instance_.connection_up(*lsr_id, network_.now()));
  });
  run(instance_.start(network_.now()));
}

void LdpNode::set_igp_routes(std::vector<ldp::IgpRoute> routes) {
  run(instance_.set_igp_routes(std::move(routes), network_.now()));
}

void LdpNode::set_fec_selection(ldp::FecSelection fecs) {
  run(instance_.set_fec_selection(std::move(fecs), network_.now()));
}

void LdpNode::later(std::function<void()> f) {
  network_.schedule(core::Duration::zero(), [alive = alive_, f = std::move(f)] {
    if (*alive) f();
  });
}

std::vector<const netsim::Segment*> LdpNode::links_to(const LdpNode& other) const {
  std::vector<const netsim::Segment*> out;
  for (const auto& [name, mine] : interfaces_)
    for (const auto& [other_name, theirs] : other.interfaces_)
      if (&mine->segment() == &theirs->segment()) out.push_back(&mine->segment());
  return out;
}

// A session to an adjacent LSR rides its direct links; with all of them down
// nothing gets through (real TCP keeps retransmitting into the void).
bool LdpNode::links_up(std::uint32_t lsr_id) const {
  auto it = paths_.find(lsr_id);
  if (it == paths_.end() || it->second.empty()) return true;  // not adjacent: routed elsewhere
  for (const netsim::Segment* s : it->second)
    if (s->is_up()) return true;
  return false;
}

void LdpNode::connect(const act::Connect& c) {
  connects_.push_back(c);
  const std::uint64_t attempt = ++attempts_[c.lsr_id];
  LdpNode* target = locate_(c.peer_address);
  auto fail = [this, lsr_id = c.lsr_id, attempt] {
    later([this, lsr_id, attempt] {
      if (attempts_[lsr_id] == attempt) run(instance_.connection_closed(lsr_id, network_.now()));
    });
  };
  if (!target) return fail();
  paths_[c.lsr_id] = links_to(*target);
  // RFC 2385: a SYN without the signature the target expects is dropped.
  const auto& theirs = target->instance_.config().passwords;
  auto expected = theirs.find(instance_.config().local.lsr_id);
  const std::string want = expected == theirs.end() ? std::string{} : expected->second;
  if (want != c.password || !links_up(c.lsr_id)) return fail();
  network_.connect(node_, config::Ipv4Address{c.local_address}, target->node_,
                   config::Ipv4Address{c.peer_address}, ldp::kLdpPort,
                   [this, alive = alive_, lsr_id = c.lsr_id, attempt](netsim::ConnectResult result) {
                     if (!*alive || attempts_[lsr_id] != attempt || connections_.contains(lsr_id)) {
                       if (result.stream) result.stream->close();  // abandoned meanwhile
                       return;
                     }
                     if (!result.stream) {
                       run(instance_.connection_closed(lsr_id, network_.now()));
                       return;
                     }
                     adopt(lsr_id, std::move(result.stream));
                     run(instance_.connection_up(lsr_id, network_.now()));
                   });
}

void LdpNode::adopt(std::uint32_t lsr_id, std::shared_ptr<netsim::StreamEndpoint> stream) {
  auto c = std::make_shared<Connection>();
  c->lsr_id = lsr_id;
  c->stream = std::move(stream);
  connections_[lsr_id] = c;
  if (LdpNode* target = locate_(c->stream->remote().address.value)) paths_[lsr_id] = links_to(*target);
  c->stream->on_data([this, alive = alive_, c](std::span<const std::uint8_t> bytes) {
    if (*alive && !c->closed) received(c, bytes);
  });
  c->stream->on_close([this, alive = alive_, c](netsim::CloseReason) {
    if (!*alive || c->closed) return;
    c->closed = true;
    connections_.erase(c->lsr_id);
    run(instance_.connection_closed(c->lsr_id, network_.now()));
  });
}

// TCP framing: a PDU is 4 + the PDU Length field bytes long (RFC 5036 3.1).
void LdpNode::received(const std::shared_ptr<Connection>& c, std::span<const std::uint8_t> bytes) {
  c->buffer.insert(c->buffer.end(), bytes.begin(), bytes.end());
  std::size_t at = 0;
  while (!c->closed && c->buffer.size() - at >= 4) {
    const std::size_t length = (std::size_t{c->buffer[at + 2]} << 8) | c->buffer[at + 3];
    if (c->buffer.size() - at < 4 + length) break;
    const std::span<const std::uint8_t> pdu(c->buffer.data() + at, 4 + length);
    if (trace_on_) record(false, c->lsr_id, pdu);
    auto actions = instance_.pdu_received(c->lsr_id, pdu, network_.now());
    at += 4 + length;
    run(std::move(actions));
  }
  if (!c->closed) c->buffer.erase(c->buffer.begin(), c->buffer.begin() + static_cast<std::ptrdiff_t>(at));
}

bool LdpNode::send_raw(std::uint32_t lsr_id, std::span<const std::uint8_t> bytes) {
  auto it = connections_.find(lsr_id);
  return it != connections_.end() && it->second->stream->write(bytes);
}

void LdpNode::record(bool sent, std::uint32_t peer, std::span<const std::uint8_t> pdu) {
  auto decoded = ldp::decode_pdu(pdu, ldp::PduLimits{0xFFFF, std::nullopt});
  if (ldp::failed(decoded)) return;  // the instance counts it
  for (ldp::Message& m : std::get<ldp::DecodedPdu>(decoded).pdu.messages)
    trace_.push_back(LdpTraceEntry{network_.now(), sent, peer, std::move(m)});
}

void LdpNode::run(std::vector<ldp::InstanceAction> actions) {
  for (ldp::InstanceAction& action : actions) {
    std::visit(
        [&](auto& a) {
          using T = std::decay_t<decltype(a)>;
          if constexpr (std::is_same_v<T, act::SendHello>) {
            auto it = interfaces_.find(a.interface);
            if (it != interfaces_.end()) it->second->send(a.pdu, kLdpDiscovery);
          } else if constexpr (std::is_same_v<T, act::Connect>) {
            connect(a);
          } else if constexpr (std::is_same_v<T, act::SendPdu>) {
            auto it = connections_.find(a.lsr_id);
            if (it == connections_.end()) return;
            if (silent_ || !links_up(a.lsr_id)) {
              ++writes_lost_;
              return;
            }
            if (trace_on_) record(true, a.lsr_id, a.pdu);
            it->second->stream->write(a.pdu);
          } else if constexpr (std::is_same_v<T, act::Close>) {
            ++attempts_[a.lsr_id];  // a Connect still out no longer counts
            auto it = connections_.find(a.lsr_id);
            if (it == connections_.end()) return;
            it->second->closed = true;
            it->second->stream->close();
            connections_.erase(it);
          } else if constexpr (std::is_same_v<T, act::StartTimer>) {
            node_.timers().start(a.name, a.after, [this, alive = alive_, name = a.name] {
              if (*alive) run(instance_.timer_expired(name, network_.now()));
            });
          } else if constexpr (std::is_same_v<T, act::StopTimer>) {
            node_.timers().cancel(a.name);
          } else if constexpr (std::is_same_v<T, act::LfibChanged>) {
            if (a.change.kind == ldp::LfibChange::Kind::Install) lfib_[a.change.entry.fec] = a.change.entry;
            else lfib_.erase(a.change.entry.fec);
          } else {
            static_assert(std::is_same_v<T, act::Log>);
            log_.push_back(std::move(a.text));
          }
        },
        action);
  }
}

}  // namespace l3vpn::sim
