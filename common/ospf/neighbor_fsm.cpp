#include "ospf/neighbor_fsm.hpp"

#include <algorithm>

namespace l3vpn::ospf {
namespace {

using std::chrono::seconds;

constexpr std::size_t kIpHeaderLength = 20;
constexpr std::size_t kDdFixedLength = 8;  // A.3.3 after the packet header

bool same_lsa(const LsRequest& r, const LsaHeader& h) {
  return r.ls_type == h.type && r.link_state_id == h.link_state_id &&
         r.advertising_router == h.advertising_router;
}

bool is_duplicate(const std::optional<DatabaseDescription>& last, const DatabaseDescription& dd) {
  return last && last->flags == dd.flags && last->options == dd.options &&
         last->dd_sequence == dd.dd_sequence;
}

}  // namespace

const char* to_string(NeighborState s) {
  switch (s) {
    case NeighborState::Down: return "Down";
    case NeighborState::Attempt: return "Attempt";
    case NeighborState::Init: return "Init";
    case NeighborState::TwoWay: return "2-Way";
    case NeighborState::ExStart: return "ExStart";
    case NeighborState::Exchange: return "Exchange";
    case NeighborState::Loading: return "Loading";
    case NeighborState::Full: return "Full";
  }
  return "?";
}

const char* to_string(NeighborEvent e) {
  switch (e) {
    case NeighborEvent::HelloReceived: return "HelloReceived";
    case NeighborEvent::Start: return "Start";
    case NeighborEvent::TwoWayReceived: return "2-WayReceived";
    case NeighborEvent::NegotiationDone: return "NegotiationDone";
    case NeighborEvent::ExchangeDone: return "ExchangeDone";
    case NeighborEvent::BadLSReq: return "BadLSReq";
    case NeighborEvent::LoadingDone: return "LoadingDone";
    case NeighborEvent::AdjOK: return "AdjOK?";
    case NeighborEvent::SeqNumberMismatch: return "SeqNumberMismatch";
    case NeighborEvent::OneWayReceived: return "1-WayReceived";
    case NeighborEvent::KillNbr: return "KillNbr";
    case NeighborEvent::InactivityTimer: return "InactivityTimer";
    case NeighborEvent::LLDown: return "LLDown";
  }
  return "?";
}

bool should_form_adjacency(NetworkType type, std::uint32_t self_address, std::uint32_t neighbor_address,
                           std::uint32_t dr, std::uint32_t bdr) {
  if (type == NetworkType::PointToPoint) return true;
  auto is_designated = [&](std::uint32_t a) { return a != 0 && (a == dr || a == bdr); };
  return is_designated(self_address) || is_designated(neighbor_address);
}

NeighborFsm::NeighborFsm(NeighborConfig config) : config_(config) {}

bool NeighborFsm::adjacency_wanted() const {
  return should_form_adjacency(config_.type, config_.address, config_.neighbor_address, dr_, bdr_);
}

std::size_t NeighborFsm::headers_per_dd() const {
  std::size_t overhead = kIpHeaderLength + kPacketHeaderLength + kDdFixedLength;
  std::size_t room = config_.mtu > overhead ? config_.mtu - overhead : 0;
  return std::max<std::size_t>(1, room / kLsaHeaderLength);
}

void NeighborFsm::set_state(NeighborState s, std::vector<NeighborAction>& out, const std::string& reason) {
  NeighborState old = state_;
  if (s == old) return;
  state_ = s;
  out.push_back(neighbor_action::StateChange{old, s, reason});
  bool was_bidirectional = old >= NeighborState::TwoWay, is_bidirectional = s >= NeighborState::TwoWay;
  if (was_bidirectional != is_bidirectional) out.push_back(neighbor_action::InterfaceNeighborChange{});
  if (old == NeighborState::Full) out.push_back(neighbor_action::AdjacencyDown{reason});
  if (s == NeighborState::Full) out.push_back(neighbor_action::AdjacencyUp{});
}

void NeighborFsm::clear_lists() {
  summary_.clear();
  requests_.clear();
  last_received_.reset();
  last_sent_.reset();
  neighbor_more_ = true;
}

// Section 10.3, ExStart: a new DD sequence number, ourselves master until
// told otherwise, and the empty DD with I, M and MS set.
void NeighborFsm::enter_exstart(std::vector<NeighborAction>& out) {
  clear_lists();
  if (sequence_started_) {
    ++dd_sequence_;
  } else {
    dd_sequence_ = config_.initial_dd_sequence;
    sequence_started_ = true;
  }
  master_ = true;
  set_state(NeighborState::ExStart, out, "adjacency restarted");
  DatabaseDescription dd{config_.mtu, config_.options,
                         static_cast<std::uint8_t>(dd_flag::I | dd_flag::M | dd_flag::MS), dd_sequence_, {}};
  last_sent_ = dd;
  out.push_back(neighbor_action::SendDd{dd});
  out.push_back(neighbor_action::StartTimer{NeighborTimer::Retransmit, seconds(config_.retransmit_interval)});
}

void NeighborFsm::negotiation_done(const DatabaseView& db, std::vector<NeighborAction>& out) {
  summary_.assign(db.summary.begin(), db.summary.end());
  set_state(NeighborState::Exchange, out, "");
}

void NeighborFsm::exchange_done(std::vector<NeighborAction>& out) {
  out.push_back(neighbor_action::StopTimer{NeighborTimer::Retransmit});
  if (requests_.empty()) {
    set_state(NeighborState::Full, out, "");
  } else {
    set_state(NeighborState::Loading, out, "");
    send_requests(out);
  }
}

// Section 10.8: the next headers of the summary list, M while more remain.
void NeighborFsm::send_dd(std::vector<NeighborAction>& out) {
  std::size_t n = std::min(headers_per_dd(), summary_.size());
  DatabaseDescription dd{config_.mtu, config_.options, 0, dd_sequence_,
                         {summary_.begin(), summary_.begin() + static_cast<std::ptrdiff_t>(n)}};
  summary_.erase(summary_.begin(), summary_.begin() + static_cast<std::ptrdiff_t>(n));
  if (!summary_.empty()) dd.flags |= dd_flag::M;
  if (master_) dd.flags |= dd_flag::MS;
  last_sent_ = dd;
  out.push_back(neighbor_action::SendDd{dd});
  if (master_)
    out.push_back(neighbor_action::StartTimer{NeighborTimer::Retransmit, seconds(config_.retransmit_interval)});
}

void NeighborFsm::resend_last_dd(std::vector<NeighborAction>& out) {
  if (!last_sent_) return;
  out.push_back(neighbor_action::SendDd{*last_sent_});
  if (master_)
    out.push_back(neighbor_action::StartTimer{NeighborTimer::Retransmit, seconds(config_.retransmit_interval)});
}

void NeighborFsm::send_requests(std::vector<NeighborAction>& out) {
  out.push_back(neighbor_action::SendLsRequest{LinkStateRequest{requests_}});
  out.push_back(neighbor_action::StartTimer{NeighborTimer::Retransmit, seconds(config_.retransmit_interval)});
}

// Section 10.6, "accepted" packets, and 10.8's answer to them.
void NeighborFsm::accept_dd(const DatabaseDescription& dd, const DatabaseView& db,
                            std::vector<NeighborAction>& out) {
  for (const LsaHeader& h : dd.lsa_headers) {
    if (!db.needs || !db.needs(h)) continue;
    bool listed = std::any_of(requests_.begin(), requests_.end(),
                              [&](const LsRequest& r) { return same_lsa(r, h); });
    if (!listed) requests_.push_back(LsRequest{h.type, h.link_state_id, h.advertising_router});
  }
  last_received_ = dd;
  neighbor_more_ = (dd.flags & dd_flag::M) != 0;
  bool we_had_more = last_sent_ && (last_sent_->flags & dd_flag::M) != 0;
  if (master_) {
    ++dd_sequence_;
    if (!we_had_more && !neighbor_more_) {
      exchange_done(out);
    } else {
      send_dd(out);
    }
  } else {
    dd_sequence_ = dd.dd_sequence;
    send_dd(out);
    bool we_have_more = (last_sent_->flags & dd_flag::M) != 0;
    if (!neighbor_more_ && !we_have_more) exchange_done(out);
  }
}

std::vector<NeighborAction> NeighborFsm::receive_dd(const DatabaseDescription& dd, const DatabaseView& db) {
  std::vector<NeighborAction> out;
  if (dd.interface_mtu > config_.mtu) return out;  // 10.6: larger than we can receive
  const bool init = (dd.flags & dd_flag::I) != 0;
  const bool more = (dd.flags & dd_flag::M) != 0;
  const bool ms = (dd.flags & dd_flag::MS) != 0;

  if (state_ == NeighborState::Init) out = step(NeighborEvent::TwoWayReceived);

  switch (state_) {
    case NeighborState::Down:
    case NeighborState::Attempt:
    case NeighborState::Init:
    case NeighborState::TwoWay:
      return out;  // rejected

    case NeighborState::ExStart:
      if (init && more && ms && dd.lsa_headers.empty() &&
          config_.neighbor_router_id > config_.router_id) {
        // The neighbor is master: take its sequence number and answer.
        master_ = false;
        out.push_back(neighbor_action::StopTimer{NeighborTimer::Retransmit});
        negotiation_done(db, out);
        accept_dd(dd, db, out);
      } else if (!init && !ms && dd.dd_sequence == dd_sequence_ &&
                 config_.neighbor_router_id < config_.router_id) {
        // The neighbor acknowledges our DD as slave: we are master.
        master_ = true;
        negotiation_done(db, out);
        accept_dd(dd, db, out);
      }
      return out;

    case NeighborState::Exchange: {
      if (is_duplicate(last_received_, dd)) {
        if (!master_) resend_last_dd(out);
        return out;
      }
      bool expected_sequence = master_ ? dd.dd_sequence == dd_sequence_ : dd.dd_sequence == dd_sequence_ + 1;
      bool consistent = ms != master_ && !init && last_received_ && last_received_->options == dd.options &&
                        expected_sequence;
      if (!consistent) {
        auto more_actions = step(NeighborEvent::SeqNumberMismatch);
        out.insert(out.end(), more_actions.begin(), more_actions.end());
        return out;
      }
      accept_dd(dd, db, out);
      return out;
    }

    case NeighborState::Loading:
    case NeighborState::Full: {
      if (is_duplicate(last_received_, dd)) {
        if (!master_) resend_last_dd(out);
        return out;
      }
      auto more_actions = step(NeighborEvent::SeqNumberMismatch);
      out.insert(out.end(), more_actions.begin(), more_actions.end());
      return out;
    }
  }
  return out;
}

std::vector<NeighborAction> NeighborFsm::receive_lsa(const LsaHeader& header) {
  std::vector<NeighborAction> out;
  auto it = std::find_if(requests_.begin(), requests_.end(),
                         [&](const LsRequest& r) { return same_lsa(r, header); });
  if (it == requests_.end()) return out;
  requests_.erase(it);
  if (requests_.empty() && state_ == NeighborState::Loading) out = step(NeighborEvent::LoadingDone);
  return out;
}

std::vector<NeighborAction> NeighborFsm::retransmit() {
  std::vector<NeighborAction> out;
  if (state_ == NeighborState::ExStart || (state_ == NeighborState::Exchange && master_))
    resend_last_dd(out);
  else if (state_ == NeighborState::Loading && !requests_.empty())
    send_requests(out);
  return out;
}

std::vector<NeighborAction> NeighborFsm::step(NeighborEvent event, const DatabaseView& db) {
  std::vector<NeighborAction> out;
  auto start_inactivity = [&] {
    out.push_back(neighbor_action::StartTimer{NeighborTimer::Inactivity, seconds(config_.dead_interval)});
  };
  auto to_down = [&](const std::string& reason) {
    if (state_ == NeighborState::Down) return;
    out.push_back(neighbor_action::StopTimer{NeighborTimer::Inactivity});
    out.push_back(neighbor_action::StopTimer{NeighborTimer::Retransmit});
    clear_lists();
    set_state(NeighborState::Down, out, reason);
  };
  auto back_to = [&](NeighborState s, const std::string& reason) {
    out.push_back(neighbor_action::StopTimer{NeighborTimer::Retransmit});
    clear_lists();
    set_state(s, out, reason);
  };

  switch (event) {
    case NeighborEvent::Start:
      if (state_ != NeighborState::Down) break;
      out.push_back(neighbor_action::SendHello{});
      start_inactivity();
      set_state(NeighborState::Attempt, out, "");
      break;

    case NeighborEvent::HelloReceived:
      start_inactivity();
      if (state_ == NeighborState::Down || state_ == NeighborState::Attempt)
        set_state(NeighborState::Init, out, "");
      break;

    case NeighborEvent::TwoWayReceived:
      if (state_ != NeighborState::Init) break;
      if (adjacency_wanted()) enter_exstart(out);
      else set_state(NeighborState::TwoWay, out, "");
      break;

    case NeighborEvent::NegotiationDone:
      if (state_ == NeighborState::ExStart) negotiation_done(db, out);
      break;

    case NeighborEvent::ExchangeDone:
      if (state_ == NeighborState::Exchange) exchange_done(out);
      break;

    case NeighborEvent::LoadingDone:
      if (state_ != NeighborState::Loading) break;
      out.push_back(neighbor_action::StopTimer{NeighborTimer::Retransmit});
      set_state(NeighborState::Full, out, "");
      break;

    case NeighborEvent::AdjOK:
      if (state_ == NeighborState::TwoWay && adjacency_wanted()) enter_exstart(out);
      else if (state_ >= NeighborState::ExStart && !adjacency_wanted())
        back_to(NeighborState::TwoWay, "adjacency no longer wanted (DR/BDR change)");
      break;

    case NeighborEvent::SeqNumberMismatch:
    case NeighborEvent::BadLSReq:
      if (state_ >= NeighborState::Exchange) {
        // Still 2-Way or higher: no NeighborChange; enter_exstart's own
        // state change is then a no-op.
        set_state(NeighborState::ExStart, out, to_string(event));
        enter_exstart(out);
      }
      break;

    case NeighborEvent::OneWayReceived:
      if (state_ >= NeighborState::TwoWay) back_to(NeighborState::Init, "1-WayReceived");
      break;

    case NeighborEvent::KillNbr:
    case NeighborEvent::InactivityTimer:
    case NeighborEvent::LLDown:
      to_down(to_string(event));
      break;
  }
  return out;
}

}  // namespace l3vpn::ospf
