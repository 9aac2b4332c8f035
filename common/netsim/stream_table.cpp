#include "netsim/stream_table.hpp"

#include <algorithm>

namespace l3vpn::netsim {

namespace {

bool path_up(const std::vector<const Segment*>& path) {
  return std::all_of(path.begin(), path.end(), [](const Segment* s) { return s->is_up(); });
}

}  // namespace

const char* to_string(ConnectError error) {
  switch (error) {
    case ConnectError::Refused: return "connection refused";
    case ConnectError::Unreachable: return "unreachable";
  }
  return "?";
}

bool StreamTable::listen(const Node& node, config::Ipv4Address address, std::uint16_t port,
                         AcceptHandler handler) {
  return listeners_.emplace(ListenKey{node.name(), address.value, port}, std::move(handler)).second;
}

bool StreamTable::stop_listening(const Node& node, config::Ipv4Address address,
                                 std::uint16_t port) {
  return listeners_.erase(ListenKey{node.name(), address.value, port}) > 0;
}

void StreamTable::connect(const Node& from, config::Ipv4Address from_address, const Node& to,
                          config::Ipv4Address to_address, std::uint16_t port,
                          ConnectHandler handler, StreamOptions options) {
  StreamAddress client{from.name(), from_address, next_port_};
  next_port_ = next_port_ == 65535 ? 49152 : static_cast<std::uint16_t>(next_port_ + 1);
  StreamAddress server{to.name(), to_address, port};
  const core::Duration latency = options.latency;
  scheduler_.schedule(latency, [this, client = std::move(client), server = std::move(server),
                                handler = std::move(handler), options = std::move(options)] {
    syn_arrives(client, server, handler, options);
  });
}

void StreamTable::syn_arrives(StreamAddress client, StreamAddress server, ConnectHandler handler,
                              const StreamOptions& options) {
  if (!path_up(options.path)) {
    answer(std::move(handler), options.latency, {nullptr, ConnectError::Unreachable});
    return;
  }
  auto listener = listeners_.find(ListenKey{server.node, server.address.value, server.port});
  if (listener == listeners_.end()) {
    listener = listeners_.find(ListenKey{server.node, 0, server.port});
  }
  if (listener == listeners_.end()) {
    answer(std::move(handler), options.latency, {nullptr, ConnectError::Refused});
    return;
  }
  auto client_end = std::make_shared<StreamEndpoint>(scheduler_, client, server, options.latency,
                                                     options.chunking);
  auto server_end = std::make_shared<StreamEndpoint>(scheduler_, server, client, options.latency,
                                                     options.chunking);
  client_end->peer_ = server_end;
  server_end->peer_ = client_end;
  prune();
  connections_.push_back({client_end, server_end, options.path});
  // Scheduled before the accept handler runs, so the client learns it is
  // connected before anything the server writes at once reaches it.
  scheduler_.schedule(options.latency, [client_end, handler = std::move(handler)] {
    if (client_end->state_ == StreamEndpoint::State::Failed) {
      handler({nullptr, ConnectError::Unreachable});
    } else {
      handler({client_end, std::nullopt});
    }
  });
  const AcceptHandler accept = listener->second;  // the handler may stop listening
  accept(server_end);
}

void StreamTable::answer(ConnectHandler handler, core::Duration after, ConnectResult result) {
  scheduler_.schedule(after, [handler = std::move(handler), result = std::move(result)] {
    handler(result);
  });
}

void StreamTable::fail_over(const Segment& segment) {
  for (const auto& c : connections_) {
    if (std::find(c.path.begin(), c.path.end(), &segment) == c.path.end()) continue;
    c.client->fail(CloseReason::LinkDown);
    c.server->fail(CloseReason::LinkDown);
  }
  prune();
}

std::size_t StreamTable::open_connections() {
  prune();
  return connections_.size();
}

void StreamTable::prune() {
  std::erase_if(connections_, [](const Connection& c) {
    return !c.client->is_open() && !c.server->is_open();
  });
}

}  // namespace l3vpn::netsim
