// LDP basic discovery (RFC 5036 section 2.4.1) on the interfaces where LDP
// runs: a link Hello every hello interval, and the table of Hello
// adjacencies, keyed by (LSR ID, interface), each kept alive by the peer's
// Hellos and lost when its hold time passes without one (section 2.5.5).
//
// Pure: every call returns actions (send a Hello, start or stop a named
// timer, adjacency up or down for the session layer); the edge runs the
// timers and calls timer_expired. The hold time of an adjacency is the
// smaller of ours and the peer's (section 3.5.2: 0 means 15 s on a link,
// 0xFFFF means no timer).
//
// Left out: extended discovery (targeted Hellos are ignored), the
// configuration sequence number, IPv6.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include "ldp/codec/messages.hpp"

namespace l3vpn::ldp {

inline constexpr std::uint16_t kDefaultHelloInterval = 5;
inline constexpr std::uint16_t kDefaultLinkHelloHoldTime = 15;
inline constexpr std::uint16_t kInfiniteHelloHoldTime = 0xFFFF;

struct DiscoveryConfig {
  LdpId local;
  std::uint32_t transport_address = 0;  // sent in every Hello; IOS: the router ID's loopback
  std::uint16_t hello_interval = kDefaultHelloInterval;
  std::uint16_t hello_hold_time = kDefaultLinkHelloHoldTime;
};

struct AdjacencyKey {
  std::uint32_t lsr_id = 0;
  std::string interface;
  auto operator<=>(const AdjacencyKey&) const = default;
};

struct Adjacency {
  AdjacencyKey key;
  LdpId peer;
  std::uint32_t source_address = 0;     // of the last Hello
  std::uint32_t transport_address = 0;  // the Hello's, else its source (section 2.5.2)
  std::uint16_t hold_time = 0;          // negotiated; kInfiniteHelloHoldTime: no timer
  bool operator==(const Adjacency&) const = default;
};

// A timer of the discovery layer: the Hello timer of an interface, or the
// hold timer of an adjacency.
struct DiscoveryTimer {
  enum class Kind { Hello, AdjacencyHold };
  Kind kind = Kind::Hello;
  AdjacencyKey key;  // Hello: only key.interface
  auto operator<=>(const DiscoveryTimer&) const = default;
  // A unique name for core::TimerService: "ldp hello Gi0/2", "ldp adjacency 3.3.3.3 Gi0/3".
  std::string name() const;
};

namespace discovery_action {
struct SendHello {
  std::string interface;
  Hello message;  // id 0: the edge numbers it; the PDU carries config.local
};
struct StartTimer {
  DiscoveryTimer timer;
  std::chrono::seconds after{0};
};
struct StopTimer {
  DiscoveryTimer timer;
};
struct AdjacencyUp {
  Adjacency adjacency;
  bool first_for_lsr = false;  // no other adjacency to this LSR: open a session
};
struct AdjacencyDown {
  Adjacency adjacency;
  bool last_for_lsr = false;  // no adjacency to this LSR left: close its session
  std::string reason;
};
}  // namespace discovery_action

using DiscoveryAction =
    std::variant<discovery_action::SendHello, discovery_action::StartTimer,
                 discovery_action::StopTimer, discovery_action::AdjacencyUp,
                 discovery_action::AdjacencyDown>;

class Discovery {
 public:
  explicit Discovery(DiscoveryConfig config) : config_(config) {}

  // Starts Hellos on the interface (the first goes out at once).
  std::vector<DiscoveryAction> enable_interface(const std::string& interface);
  // Stops them and drops the interface's adjacencies.
  std::vector<DiscoveryAction> disable_interface(const std::string& interface);
  // A link Hello from `sender`, received on `interface` from `source_address`.
  std::vector<DiscoveryAction> hello_received(const std::string& interface, LdpId sender,
                                              std::uint32_t source_address, const Hello& hello);
  std::vector<DiscoveryAction> timer_expired(const DiscoveryTimer& timer);

  const std::map<AdjacencyKey, Adjacency>& adjacencies() const { return adjacencies_; }
  std::size_t adjacency_count(std::uint32_t lsr_id) const;
  const std::set<std::string>& interfaces() const { return interfaces_; }
  const DiscoveryConfig& config() const { return config_; }
  Hello hello() const;

 private:
  void send_hello(const std::string& interface, std::vector<DiscoveryAction>& out) const;
  void drop(const AdjacencyKey& key, std::string reason, std::vector<DiscoveryAction>& out);

  DiscoveryConfig config_;
  std::set<std::string> interfaces_;
  std::map<AdjacencyKey, Adjacency> adjacencies_;
};

}  // namespace l3vpn::ldp
