// The inside of ospf::Instance (instance.hpp): the interfaces with their
// neighbors, the areas with their databases, our own LSAs, and the handlers
// the public entry points call. Private to common/ospf/instance*.cpp; split
// by job over instance.cpp (entry points, timers, views), instance_fsm.cpp
// (the interface and neighbor FSMs' actions), instance_packets.cpp (receive checks, Hello, DD, LSR, LSAck, sending),
// instance_flooding.cpp (LSU, flooding, retransmission, aging),
// instance_origination.cpp (router-, network-, summary-, external-LSAs) and
// instance_routes.cpp (SPF per area and the merged table).
//
// Every handler appends to `out` and reads the time from `now`; the entry
// point sets both, runs the handler, then finish() does the deferred work
// (neighbor-change elections, origination, removing Down neighbors).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ospf/flooding.hpp"
#include "ospf/hello.hpp"
#include "ospf/instance.hpp"
#include "ospf/origination.hpp"

namespace l3vpn::ospf {

inline constexpr std::uint64_t kAsScope = std::uint64_t{1} << 32;  // scope of type-5 LSAs
inline constexpr std::uint16_t kInfTransDelay = 1;                 // seconds added when sending

struct Neighbor {
  explicit Neighbor(NeighborConfig c) : fsm(c) {}
  NeighborFsm fsm;
  std::uint32_t router_id = 0;
  std::uint32_t address = 0;
  std::uint8_t priority = 0;
  std::uint32_t dr = 0, bdr = 0;  // declared in its last hello
  bool heard = false;             // a hello was processed (PreviousHello exists)
  std::optional<std::uint32_t> crypto_sequence;  // D.5.2: last one accepted
  std::optional<core::TimePoint> dead_at;
  core::TimePoint state_since{};
  std::map<LsaKey, LsaHeader> described;        // headers from its DDs (13.3 1b needs the instance)
  std::map<LsaKey, Lsa> retransmission;         // 13.3: the LS retransmission list
};

struct Interface {
  Interface(InstanceInterface c, InterfaceConfig fc, std::uint32_t i) : config(std::move(c)), fsm(fc), index(i) {}
  InstanceInterface config;
  InterfaceFsm fsm;
  std::uint32_t index = 0;  // FloodInterface::id
  bool link_up = true;
  std::map<std::uint32_t, Neighbor> neighbors;  // by router ID
  std::optional<core::TimePoint> next_hello_at;
  std::uint32_t crypto_sequence = 0;  // D.4.3: non-decreasing, per interface
  bool neighbor_change_pending = false;
};

struct Area {
  std::uint32_t id = 0;
  Lsdb lsdb;
  SpfResult spf;
};

// Where one of our LSAs lives: an area (its ID) or the AS (kAsScope).
struct OwnLsaKey {
  std::uint64_t scope = 0;
  LsaKey key;
  auto operator<=>(const OwnLsaKey&) const = default;
};

struct OwnLsa {
  SelfOriginatedLsa origin;
  bool active = false;  // originated and not flushed since
  bool force = false;   // 13.4: a newer instance came back, originate again
};

struct Instance::State {
  State(std::uint32_t pid, InstanceConfig c);

  std::uint32_t process_id = 1;
  InstanceConfig config;
  std::vector<Interface> interfaces;
  std::map<std::uint32_t, Area> areas;
  Lsdb external;  // AS scope: type 5
  std::map<OwnLsaKey, OwnLsa> own;
  std::vector<SpfRoute> routes;
  // When each route of `routes` appeared or last changed (IOS's route age).
  std::map<std::pair<std::uint32_t, std::uint32_t>, core::TimePoint> route_since;
  std::map<std::string, std::uint64_t> drops;
  bool started = false;
  bool spf_pending = false;
  bool origination_pending = false;  // reconcile own LSAs in finish()
  bool originate_timer_running = false;

  // Set by each entry point.
  core::TimePoint now{};
  std::vector<InstanceAction> out;

  // instance.cpp
  Interface* find_interface(const std::string& name);
  Interface* find_interface(std::uint32_t index);
  void log(core::LogLevel level, std::string text);
  void start_timer(std::string name, core::Duration after);
  void stop_timer(std::string name);
  void count_drop(const std::string& reason, const std::string& detail);
  std::vector<InstanceAction> finish();
  bool exchange_in_progress() const;
  Lsdb& lsdb_for(std::uint64_t scope);
  static std::uint64_t scope_of(std::uint8_t ls_type, std::uint32_t area_id);

  // Interface and neighbor FSMs (instance_fsm.cpp).
  void interface_event(Interface& i, InterfaceEvent e);
  void apply(Interface& i, const std::vector<InterfaceAction>& actions);
  void neighbor_event(Interface& i, Neighbor& n, NeighborEvent e);
  void apply(Interface& i, Neighbor& n, const std::vector<NeighborAction>& actions);
  std::vector<ElectionCandidate> candidates(const Interface& i) const;
  DatabaseView database_view(const Interface& i, std::vector<LsaHeader>& storage);
  void send_hello(Interface& i);
  void run_pending_neighbor_changes();
  void remove_down_neighbors();

  // Packets (instance_packets.cpp).
  void receive(Interface& i, std::uint32_t source, std::uint32_t destination, std::span<const std::uint8_t> bytes);
  void receive_hello(Interface& i, std::uint32_t source, const PacketHeader& h, const Hello& hello,
                     std::optional<std::uint32_t> crypto_sequence);
  void receive_dd(Interface& i, Neighbor& n, const DatabaseDescription& dd);
  void receive_ls_request(Interface& i, Neighbor& n, const LinkStateRequest& r);
  void receive_ls_ack(Interface& i, Neighbor& n, const LinkStateAck& ack);
  void send(Interface& i, std::uint32_t destination, PacketBody body);
  void send_lsas(Interface& i, std::uint32_t destination, const std::vector<Lsa>& lsas);
  void send_acks(Interface& i, std::uint32_t destination, const std::vector<LsaHeader>& headers);
  std::uint32_t flood_destination(const Interface& i) const;

  // Flooding (instance_flooding.cpp).
  void receive_ls_update(Interface& i, Neighbor& n, const LinkStateUpdate& u);
  std::vector<FloodInterface> flood_interfaces(std::uint64_t scope) const;
  // Floods an LSA we originated or flushed (from: nullopt) to the scope.
  void flood_own(std::uint64_t scope, const Lsa& lsa);
  void retransmit(Interface& i, Neighbor& n);
  void age_tick();
  void installed(std::uint64_t scope, const Lsa& lsa, bool changed);

  // Our LSAs (instance_origination.cpp).
  std::map<OwnLsaKey, LsaBody> desired_lsas() const;
  void reconcile_own_lsas();
  void originate(const OwnLsaKey& k, OwnLsa& own, LsaBody body);
  void flush_own(const OwnLsaKey& k, OwnLsa& own);
  void self_originated_came_back(std::uint64_t scope, const LsaKey& key, std::uint32_t sequence);
  void refresh_own_lsas();
  bool is_abr() const;

  // Routes (instance_routes.cpp).
  void schedule_spf();
  void run_spf();
};

// Timer names.
std::string hello_timer(const Interface& i);
std::string wait_timer(const Interface& i);
std::string inactivity_timer(const Interface& i, const Neighbor& n);
std::string dd_retransmit_timer(const Interface& i, const Neighbor& n);
std::string ls_retransmit_timer(const Interface& i, const Neighbor& n);
inline constexpr const char* kSpfTimer = "ospf spf";
inline constexpr const char* kAgeTimer = "ospf age";
inline constexpr const char* kOriginateTimer = "ospf originate";

// Merges per-area SPF results (16.x): intra over inter over E1 over E2, lower
// cost, equal cost paths joined. Sorted by (prefix, mask).
std::vector<SpfRoute> merge_area_routes(const std::vector<std::vector<SpfRoute>>& per_area,
                                        std::size_t max_paths = kSpfMaxEqualCostPaths);

}  // namespace l3vpn::ospf
