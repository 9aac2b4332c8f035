#include "ospf/interface_fsm.hpp"

#include <tuple>

namespace l3vpn::ospf {
namespace {

using std::chrono::seconds;

bool eligible(const ElectionCandidate& c) { return c.priority > 0; }
bool declares_dr(const ElectionCandidate& c) { return c.declared_dr == c.address; }
bool declares_bdr(const ElectionCandidate& c) { return c.declared_bdr == c.address; }

// Section 9.4: highest Router Priority, then highest Router ID.
bool better(const ElectionCandidate& a, const ElectionCandidate* b) {
  return b == nullptr || std::tie(a.priority, a.router_id) > std::tie(b->priority, b->router_id);
}

// Steps 2 and 3 over `all` (self included).
ElectionResult elect_once(const std::vector<ElectionCandidate>& all) {
  const ElectionCandidate* bdr_declared = nullptr;
  const ElectionCandidate* bdr_any = nullptr;
  const ElectionCandidate* dr = nullptr;
  for (const ElectionCandidate& c : all) {
    if (!eligible(c)) continue;
    if (!declares_dr(c)) {
      if (declares_bdr(c) && better(c, bdr_declared)) bdr_declared = &c;
      if (better(c, bdr_any)) bdr_any = &c;
    } else if (better(c, dr)) {
      dr = &c;
    }
  }
  ElectionResult r;
  const ElectionCandidate* bdr = bdr_declared ? bdr_declared : bdr_any;
  r.bdr = bdr ? bdr->address : 0;
  r.dr = dr ? dr->address : r.bdr;
  // Step 3 may have promoted the new BDR to DR: no router is both, so the BDR
  // stays empty until a pass where the new DR declares itself (step 4 runs
  // that pass at once when the promoted router is self).
  if (r.dr == r.bdr && dr == nullptr) r.bdr = 0;
  return r;
}

}  // namespace

const char* to_string(InterfaceState s) {
  switch (s) {
    case InterfaceState::Down: return "Down";
    case InterfaceState::Loopback: return "Loopback";
    case InterfaceState::Waiting: return "Waiting";
    case InterfaceState::PointToPoint: return "Point-to-point";
    case InterfaceState::DrOther: return "DR Other";
    case InterfaceState::Backup: return "Backup";
    case InterfaceState::Dr: return "DR";
  }
  return "?";
}

const char* to_string(InterfaceEvent e) {
  switch (e) {
    case InterfaceEvent::InterfaceUp: return "InterfaceUp";
    case InterfaceEvent::WaitTimer: return "WaitTimer";
    case InterfaceEvent::BackupSeen: return "BackupSeen";
    case InterfaceEvent::NeighborChange: return "NeighborChange";
    case InterfaceEvent::LoopInd: return "LoopInd";
    case InterfaceEvent::UnloopInd: return "UnloopInd";
    case InterfaceEvent::InterfaceDown: return "InterfaceDown";
    case InterfaceEvent::HelloTimer: return "HelloTimer";
  }
  return "?";
}

ElectionResult elect_designated_routers(const ElectionCandidate& self,
                                        std::span<const ElectionCandidate> neighbors) {
  std::vector<ElectionCandidate> all{self};
  all.insert(all.end(), neighbors.begin(), neighbors.end());
  ElectionResult r = elect_once(all);
  // Step 4: self newly (or no longer) DR or BDR: declare so and run 2 and 3 again.
  bool was_dr = self.declared_dr == self.address, was_bdr = self.declared_bdr == self.address;
  bool is_dr = r.dr == self.address, is_bdr = r.bdr == self.address;
  if (was_dr != is_dr || was_bdr != is_bdr) {
    all[0].declared_dr = r.dr;
    all[0].declared_bdr = r.bdr;
    r = elect_once(all);
  }
  return r;
}

void InterfaceFsm::set_state(InterfaceState s, std::vector<InterfaceAction>& out) {
  if (s == state_) return;
  out.push_back(interface_action::StateChange{state_, s});
  state_ = s;
  out.push_back(interface_action::OriginateRouterLsa{});
}

void InterfaceFsm::elect(std::span<const ElectionCandidate> neighbors,
                         std::vector<InterfaceAction>& out) {
  ElectionCandidate self{config_.router_id, config_.address, config_.priority, dr_, bdr_};
  ElectionResult r = elect_designated_routers(self, neighbors);
  bool was_dr = dr_ == config_.address;
  bool changed = r.dr != dr_ || r.bdr != bdr_;
  dr_ = r.dr;
  bdr_ = r.bdr;
  bool is_dr = dr_ == config_.address;
  // Step 5.
  set_state(is_dr ? InterfaceState::Dr
                  : bdr_ == config_.address ? InterfaceState::Backup : InterfaceState::DrOther,
            out);
  if (is_dr && !was_dr) out.push_back(interface_action::OriginateNetworkLsa{});
  if (!is_dr && was_dr) out.push_back(interface_action::FlushNetworkLsa{});
  if (changed) out.push_back(interface_action::AdjOkNeighbors{});
}

void InterfaceFsm::go_down(InterfaceState to, std::vector<InterfaceAction>& out) {
  if (dr_ == config_.address && config_.address != 0) out.push_back(interface_action::FlushNetworkLsa{});
  out.push_back(interface_action::StopTimer{InterfaceTimer::Hello});
  out.push_back(interface_action::StopTimer{InterfaceTimer::Wait});
  out.push_back(interface_action::KillNeighbors{});
  dr_ = 0;
  bdr_ = 0;
  set_state(to, out);
}

std::vector<InterfaceAction> InterfaceFsm::step(InterfaceEvent event,
                                                std::span<const ElectionCandidate> neighbors) {
  std::vector<InterfaceAction> out;
  switch (event) {
    case InterfaceEvent::InterfaceUp:
      if (state_ != InterfaceState::Down) break;
      if (!config_.passive) {
        out.push_back(interface_action::SendHello{});
        out.push_back(interface_action::StartTimer{InterfaceTimer::Hello, seconds(config_.hello_interval)});
      }
      if (config_.type == NetworkType::PointToPoint) {
        set_state(InterfaceState::PointToPoint, out);
      } else if (config_.priority == 0) {
        set_state(InterfaceState::DrOther, out);
      } else {
        out.push_back(interface_action::StartTimer{InterfaceTimer::Wait, seconds(config_.dead_interval)});
        set_state(InterfaceState::Waiting, out);
      }
      break;

    case InterfaceEvent::HelloTimer:
      if (state_ == InterfaceState::Down || state_ == InterfaceState::Loopback || config_.passive) break;
      out.push_back(interface_action::SendHello{});
      out.push_back(interface_action::StartTimer{InterfaceTimer::Hello, seconds(config_.hello_interval)});
      break;

    case InterfaceEvent::BackupSeen:
    case InterfaceEvent::WaitTimer:
      if (state_ != InterfaceState::Waiting) break;
      if (event == InterfaceEvent::BackupSeen)
        out.push_back(interface_action::StopTimer{InterfaceTimer::Wait});
      elect(neighbors, out);
      break;

    case InterfaceEvent::NeighborChange:
      if (state_ == InterfaceState::DrOther || state_ == InterfaceState::Backup || state_ == InterfaceState::Dr)
        elect(neighbors, out);
      break;

    case InterfaceEvent::InterfaceDown:
      if (state_ != InterfaceState::Down) go_down(InterfaceState::Down, out);
      break;

    case InterfaceEvent::LoopInd:
      if (state_ != InterfaceState::Loopback) go_down(InterfaceState::Loopback, out);
      break;

    case InterfaceEvent::UnloopInd:
      if (state_ == InterfaceState::Loopback) set_state(InterfaceState::Down, out);
      break;
  }
  return out;
}

}  // namespace l3vpn::ospf
