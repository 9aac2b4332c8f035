#include "daemon/ldp_runtime.hpp"

#include "daemon/ldp_config.hpp"
#include "ospf/instance.hpp"

namespace l3vpn::daemon {
namespace {

std::string dotted(std::uint32_t a) { return ospf::dotted(a); }

boost::asio::ip::address address_of(std::uint32_t a) { return boost::asio::ip::address_v4(a); }

std::map<std::string, std::uint32_t> hello_sources(const config::Config& config, const ldp::InstanceConfig& c) {
  std::map<std::string, std::uint32_t> out;
  for (const auto& name : c.interfaces)
    if (const config::Interface* itf = config.find_interface(name); itf && !itf->addresses.empty())
      out[name] = itf->addresses.front().prefix.address.value;
  return out;
}

}  // namespace

LdpRuntime::LdpRuntime(boost::asio::io_context& io, const core::Clock& clock, const core::Logger& log,
                       vpn::LabelAllocator& labels, std::uint16_t port)
    : io_(io), clock_(clock), log_(log), labels_(labels), port_(port) {}

LdpRuntime::~LdpRuntime() { tear_down(); }

void LdpRuntime::apply(const config::Config& config) {
  std::optional<ldp::InstanceConfig> wanted = ldp_instance_config(config);
  const std::pair<std::uint32_t, std::uint32_t> range{labels_.min(), labels_.max()};
  if (!wanted) {
    if (instance_) log_.info("LDP: no LSR ID (no interface address), stopping");
    else log_.warning("LDP: no LSR ID (no interface address); LDP does not run");
    tear_down();
    return;
  }
  auto sources = hello_sources(config, *wanted);
  if (instance_ && config_ && same_ldp_config(*config_, *wanted) && range == label_range_ &&
      sources == interface_addresses_) {
    if (config_->fecs == wanted->fecs) {
      log_.info("LDP: configuration unchanged, sessions kept");
      return;
    }
    log_.info("LDP: label allocation changed, FECs rebound, sessions kept");
    config_->fecs = wanted->fecs;
    execute(instance_->set_fec_selection(wanted->fecs, clock_.now()));
    return;
  }
  if (instance_) log_.info("LDP: configuration changed, restarting LDP: every session is reset");
  tear_down();
  config_ = std::move(wanted);
  interface_addresses_ = std::move(sources);
  label_range_ = range;
  build();
}

void LdpRuntime::build() {
  const ldp::InstanceConfig& c = *config_;
  timers_ = std::make_unique<core::AsioTimerService>(io_);
  instance_ = std::make_unique<ldp::Instance>(c, labels_);
  for (const auto& [name, address] : interface_addresses_) {
    auto socket = std::make_unique<ldp::HelloSocket>(
        io_, ldp::HelloSocketConfig{device_name(device_names_, name), address, port_},
        [this, name = name](std::uint32_t source, std::span<const std::uint8_t> pdu) {
          if (instance_) execute(instance_->hello_received(name, source, pdu, clock_.now()));
        });
    if (auto error = socket->open()) {
      log_.error("LDP: " + *error + "; no discovery on " + name);
      continue;
    }
    hello_sockets_[name] = std::move(socket);
  }
  bgp::ListenerConfig listen{address_of(c.transport_address), port_, {}};
  listener_ = std::make_unique<bgp::TcpListener>(
      io_, listen, [this](std::shared_ptr<bgp::TcpConnection> tcp) { accept(std::move(tcp)); });
  refresh_listener_keys();
  if (auto error = listener_->open()) {
    log_.error("LDP: " + *error + "; LDP accepts no sessions, it opens them where it is active");
    listener_.reset();
  }
  log_.info("LDP: LSR ID " + dotted(c.local.lsr_id) + ":0, transport address " + dotted(c.transport_address) + ", " +
            std::to_string(hello_sockets_.size()) + " of " + std::to_string(c.interfaces.size()) +
            " interface(s) discovering" + (listener_ ? ", listening on port " + std::to_string(port_) : ""));
  execute(instance_->start(clock_.now()));
  if (!igp_.empty()) execute(instance_->set_igp_routes(igp_, clock_.now()));
}

void LdpRuntime::refresh_listener_keys() {
  if (!listener_ || !instance_) return;
  std::map<std::uint32_t, std::string> keys = instance_->md5_keys();
  if (keys == listener_keys_) return;
  for (const auto& [peer, key] : listener_keys_)
    if (!keys.count(peer)) listener_->set_peer_key(address_of(peer), "");
  for (const auto& [peer, key] : keys)
    if (auto error = listener_->set_peer_key(address_of(peer), key)) log_.error("LDP: " + *error);
  listener_keys_ = std::move(keys);
}

void LdpRuntime::set_igp_routes(std::vector<ldp::IgpRoute> routes) {
  if (routes == igp_) return;
  igp_ = std::move(routes);
  if (instance_) execute(instance_->set_igp_routes(igp_, clock_.now()));
}

void LdpRuntime::execute(std::vector<ldp::InstanceAction> actions) {
  namespace act = ldp::instance_action;
  bool lfib_changed = false;
  for (auto& action : actions) {
    if (!instance_) return;  // a Log or Close cannot tear us down, but stay safe
    if (auto* hello = std::get_if<act::SendHello>(&action)) {
      auto s = hello_sockets_.find(hello->interface);
      if (s == hello_sockets_.end()) ++counters_["hello without socket"];
      else s->second->send(std::move(hello->pdu));
    } else if (auto* c = std::get_if<act::Connect>(&action)) {
      connect(*c);
    } else if (auto* send = std::get_if<act::SendPdu>(&action)) {
      auto it = connections_.find(send->lsr_id);
      if (it == connections_.end()) ++counters_["PDU without connection"];
      else it->second->send(std::move(send->pdu));  // a failure comes back as on_closed
    } else if (auto* cl = std::get_if<act::Close>(&action)) {
      close(cl->lsr_id);
    } else if (auto* start = std::get_if<act::StartTimer>(&action)) {
      timers_->start(start->name, start->after, [this, name = start->name] {
        if (instance_) execute(instance_->timer_expired(name, clock_.now()));
      });
    } else if (auto* stop_timer = std::get_if<act::StopTimer>(&action)) {
      timers_->cancel(stop_timer->name);
    } else if (auto* lfib = std::get_if<act::LfibChanged>(&action)) {
      // No kernel programming yet: the LFIB is the instance's view.
      lfib_changed = true;
      const auto& e = lfib->change.entry;
      log_.debug(std::string("LDP: LFIB ") +
                 (lfib->change.kind == ldp::LfibChange::Kind::Install ? "install " : "remove ") + e.fec.str() +
                 " in " + std::to_string(e.in_label) + " out " + std::to_string(e.out_label));
    } else if (auto* log = std::get_if<act::Log>(&action)) {
      log_.log(log->level, log->text);
    }
  }
  refresh_listener_keys();
  if (lfib_changed && on_lfib_changed) on_lfib_changed();
}

void LdpRuntime::connect(const ldp::instance_action::Connect& request) {
  auto& connector = connectors_[request.lsr_id];
  if (!connector) connector = std::make_unique<bgp::TcpConnector>(io_);
  bgp::ConnectRequest r;
  r.peer = address_of(request.peer_address);
  r.port = port_;
  r.source = address_of(request.local_address);
  r.md5_key = request.password;
  const std::uint32_t lsr_id = request.lsr_id;
  connector->connect(r, [this, lsr_id](bgp::ConnectOutcome outcome) {
    if (!instance_) return;
    if (!outcome.connection) {
      ++counters_["connect failed"];
      log_.debug("LDP: " + dotted(lsr_id) + ": " + outcome.detail);
      execute(instance_->connection_closed(lsr_id, clock_.now()));
      return;
    }
    adopt(lsr_id, std::move(outcome.connection));
  });
}

void LdpRuntime::accept(std::shared_ptr<bgp::TcpConnection> tcp) {
  const auto remote = tcp->remote_endpoint().address();
  const std::uint32_t from = remote.is_v4() ? remote.to_v4().to_uint() : 0;
  std::optional<std::uint32_t> lsr_id = instance_ ? instance_->accept_from(from) : std::nullopt;
  if (!lsr_id || connections_.count(*lsr_id)) {
    ++counters_["connection refused"];
    log_.debug("LDP: connection from " + remote.to_string() + " refused: no adjacency expects it");
    tcp->close();
    return;
  }
  adopt(*lsr_id, std::move(tcp));
}

void LdpRuntime::adopt(std::uint32_t lsr_id, std::shared_ptr<bgp::TcpConnection> tcp) {
  auto connection = ldp::SessionConnection::adopt(std::move(tcp));
  const ldp::SessionConnection* which = connection.get();
  connections_[lsr_id] = connection;
  connection->start(
      [this, lsr_id, which](std::span<const std::uint8_t> pdu) {
        auto it = connections_.find(lsr_id);
        if (!instance_ || it == connections_.end() || it->second.get() != which) return;
        execute(instance_->pdu_received(lsr_id, pdu, clock_.now()));
      },
      [this, lsr_id, which](const ldp::DecodeError& error) {
        ++counters_["bad PDU header"];
        log_.warning("LDP: " + dotted(lsr_id) + ": " + error.reason + "; closing the session");
        closed(lsr_id, which, "framing lost");
      },
      [this, lsr_id, which](const boost::system::error_code& error) { closed(lsr_id, which, error.message()); });
  execute(instance_->connection_up(lsr_id, clock_.now()));
}

void LdpRuntime::closed(std::uint32_t lsr_id, const ldp::SessionConnection* which, const std::string& why) {
  auto it = connections_.find(lsr_id);
  if (it == connections_.end() || it->second.get() != which) return;  // an older connection
  it->second->close();
  connections_.erase(it);
  log_.debug("LDP: connection to " + dotted(lsr_id) + " closed: " + why);
  if (instance_) execute(instance_->connection_closed(lsr_id, clock_.now()));
}

void LdpRuntime::close(std::uint32_t lsr_id) {
  if (auto c = connectors_.find(lsr_id); c != connectors_.end()) c->second->cancel();
  auto it = connections_.find(lsr_id);
  if (it == connections_.end()) return;
  it->second->close();  // queued PDUs (the Notification) still go out
  connections_.erase(it);
}

void LdpRuntime::stop() { tear_down(); }

void LdpRuntime::tear_down() {
  for (auto& [lsr_id, c] : connections_) c->close();
  connections_.clear();
  connectors_.clear();
  listener_.reset();
  listener_keys_.clear();
  hello_sockets_.clear();
  instance_.reset();
  timers_.reset();
  config_.reset();
}

}  // namespace l3vpn::daemon
