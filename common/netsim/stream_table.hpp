// Listeners and connections of the simulated byte streams (TCP-like).
//
// connect(): the SYN reaches the destination node `latency` later. With a
// listener on (node, address, port) - or on (node, 0.0.0.0, port) - both ends
// are made then: the accept handler gets the server end at once, and the
// connect handler gets the client end one latency later (the SYN-ACK). With
// no listener, the connect handler gets Refused one latency later (the RST).
// If a link on the connection's path is down when the SYN arrives, or goes
// down before the client end is handed over, the connect handler gets
// Unreachable instead. A link on the path going down later fails both ends
// (see stream.hpp). Client ports are taken from 49152 upwards.
// Single-threaded; handlers run from the network's event loop only.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "netsim/node.hpp"
#include "netsim/segment.hpp"
#include "netsim/stream.hpp"

namespace l3vpn::netsim {

struct StreamOptions {
  core::Duration latency = std::chrono::milliseconds(1);  // one way
  Chunking chunking;                  // how both ends see received bytes cut up
  std::vector<const Segment*> path;  // links the connection rides on
};

enum class ConnectError { Refused, Unreachable };
const char* to_string(ConnectError error);

struct ConnectResult {
  std::shared_ptr<StreamEndpoint> stream;  // set on success
  std::optional<ConnectError> error;       // set on failure
};

using AcceptHandler = std::function<void(std::shared_ptr<StreamEndpoint>)>;
using ConnectHandler = std::function<void(ConnectResult)>;

class StreamTable {
 public:
  explicit StreamTable(Scheduler& scheduler) : scheduler_(scheduler) {}
  StreamTable(const StreamTable&) = delete;
  StreamTable& operator=(const StreamTable&) = delete;

  // False when something already listens there.
  bool listen(const Node& node, config::Ipv4Address address, std::uint16_t port,
              AcceptHandler handler);
  bool stop_listening(const Node& node, config::Ipv4Address address, std::uint16_t port);

  void connect(const Node& from, config::Ipv4Address from_address, const Node& to,
               config::Ipv4Address to_address, std::uint16_t port, ConnectHandler handler,
               StreamOptions options = {});

  // Fails every connection whose path includes `segment`.
  void fail_over(const Segment& segment);
  // Connections with at least one end still open.
  std::size_t open_connections();

 private:
  using ListenKey = std::tuple<std::string, std::uint32_t, std::uint16_t>;
  struct Connection {
    std::shared_ptr<StreamEndpoint> client;
    std::shared_ptr<StreamEndpoint> server;
    std::vector<const Segment*> path;
  };

  void syn_arrives(StreamAddress client, StreamAddress server, ConnectHandler handler,
                   const StreamOptions& options);
  void answer(ConnectHandler handler, core::Duration after, ConnectResult result);
  void prune();

  Scheduler& scheduler_;
  std::map<ListenKey, AcceptHandler> listeners_;
  std::vector<Connection> connections_;
  std::uint16_t next_port_ = 49152;
};

}  // namespace l3vpn::netsim
