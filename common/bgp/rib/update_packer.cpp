#include "bgp/rib/update_packer.hpp"

#include <unordered_map>

namespace l3vpn::bgp::rib {
namespace {

bool is_vpn(AfiSafi family) { return family == kVpnv4Unicast; }

std::size_t prefix_bytes(const RouteKey& key) { return (key.length + 7u) / 8u; }

// An MP attribute's header is 3 bytes, 4 once its value passes 255 (RFC 4271 4.3).
std::size_t extended_length_extra(std::size_t value_size) { return value_size > 255 ? 1 : 0; }

constexpr std::size_t kMpReachBase = 2 + 1 + 1 + 12 + 1;  // AFI SAFI NH-len RD+NH reserved
constexpr std::size_t kMpUnreachBase = 2 + 1;

VpnNlri vpn_nlri(const RouteKey& key, const Label& label) {
  return VpnNlri{label.to_stack(), key.route_distinguisher(), key.prefix()};
}

// Fills messages one NLRI at a time; `fixed` is the size with no NLRI and
// `mp_base` the MP attribute's value size then (0 when NLRI are not in one).
class MessageFiller {
 public:
  MessageFiller(std::vector<Update>& out, std::size_t limit, std::size_t fixed, std::size_t mp_base,
                Update empty)
      : out_(out), limit_(limit), fixed_(fixed), mp_base_(mp_base), empty_(std::move(empty)) {}

  // The update to add an NLRI of `size` bytes to, opening a new one when full.
  Update& room_for(std::size_t size) {
    if (!open_ || size_after(size) > limit_) {
      out_.push_back(empty_);
      open_ = true;
      nlri_bytes_ = 0;
    }
    nlri_bytes_ += size;
    return out_.back();
  }

 private:
  std::size_t size_after(std::size_t size) const {
    std::size_t bytes = nlri_bytes_ + size;
    return fixed_ + bytes + (mp_base_ ? extended_length_extra(mp_base_ + bytes) : 0);
  }

  std::vector<Update>& out_;
  std::size_t limit_, fixed_, mp_base_;
  Update empty_;
  bool open_ = false;
  std::size_t nlri_bytes_ = 0;
};

void pack_withdrawals(AfiSafi family, std::span<const OutChange> changes,
                      const PackingOptions& options, std::vector<Update>& out) {
  Update empty;
  if (is_vpn(family)) empty.mp_unreach = MpUnreach{family, {}, {}};
  std::size_t fixed = encode_update(empty, options.codec).size();
  MessageFiller filler(out, options.max_message_size, fixed, is_vpn(family) ? kMpUnreachBase : 0,
                       empty);
  for (const OutChange& c : changes) {
    if (c.route) continue;
    Update& u = filler.room_for(nlri_size(family, c.key));
    if (is_vpn(family)) u.mp_unreach->vpn.push_back(vpn_nlri(c.key, Label{}));
    else u.withdrawn.push_back(c.key.prefix());
  }
}

struct Group {
  const OutRoute* route = nullptr;  // the attributes and next hop the group shares
  std::vector<const OutChange*> members;
};

struct GroupKey {
  const AttributeSet* attributes;
  std::uint32_t next_hop;
  bool operator==(const GroupKey&) const = default;
};
struct GroupKeyHash {
  std::size_t operator()(const GroupKey& k) const noexcept {
    return std::hash<const void*>{}(k.attributes) ^ (std::size_t{k.next_hop} * 0x9e3779b97f4a7c15ULL);
  }
};

void pack_group(AfiSafi family, const Group& g, const PackingOptions& options,
                std::vector<Update>& out) {
  Update empty;
  empty.attributes = *g.route->attributes;
  if (is_vpn(family)) {
    empty.attributes.next_hop.reset();  // carried in MP_REACH_NLRI
    empty.mp_reach = MpReach{family, g.route->next_hop, {}, {}};
  } else {
    empty.attributes.next_hop = g.route->next_hop;
  }
  std::size_t fixed = encode_update(empty, options.codec).size();
  MessageFiller filler(out, options.max_message_size, fixed, is_vpn(family) ? kMpReachBase : 0,
                       std::move(empty));
  for (const OutChange* c : g.members) {
    Update& u = filler.room_for(nlri_size(family, c->key));
    if (is_vpn(family)) u.mp_reach->vpn.push_back(vpn_nlri(c->key, c->route->label));
    else u.nlri.push_back(c->key.prefix());
  }
}

}  // namespace

PackingOptions packing_options(const NegotiatedSession& session) {
  return PackingOptions{session.extended_message ? kMaxExtendedMessageLength : kMaxMessageLength,
                        SessionCodecOptions{session.four_octet_as}};
}

std::size_t nlri_size(AfiSafi family, const RouteKey& key) {
  return is_vpn(family) ? 1 + 3 + 8 + prefix_bytes(key) : 1 + prefix_bytes(key);
}

std::vector<Update> pack_updates(AfiSafi family, std::span<const OutChange> changes,
                                 const PackingOptions& options) {
  std::vector<Update> out;
  pack_withdrawals(family, changes, options, out);

  std::vector<Group> groups;  // in order of first appearance, so output is deterministic
  std::unordered_map<GroupKey, std::size_t, GroupKeyHash> index;
  for (const OutChange& c : changes) {
    if (!c.route) continue;
    GroupKey key{c.route->attributes.get(), c.route->next_hop};
    auto [it, inserted] = index.try_emplace(key, groups.size());
    if (inserted) groups.push_back(Group{&*c.route, {}});
    groups[it->second].members.push_back(&c);
  }
  for (const Group& g : groups) pack_group(family, g, options, out);
  return out;
}

Update end_of_rib(AfiSafi family) {
  Update u;
  if (family != kIpv4Unicast) u.mp_unreach = MpUnreach{family, {}, {}};
  return u;
}

}  // namespace l3vpn::bgp::rib
