#include "kernel/vrf_rules.hpp"

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/rule.h>
#include <netlink/socket.h>
#include <sys/socket.h>

#include <algorithm>
#include <memory>

#include "kernel/desired_state.hpp"

namespace l3vpn::kernel {

namespace {

bool plain_local(const FibRule& r, std::uint32_t priority) {
  return r.priority == priority && r.table == kLocalTable && !r.l3mdev && !r.selectors;
}

struct SocketCloser {
  void operator()(nl_sock* s) const { nl_socket_free(s); }
};
struct RuleFreer {
  void operator()(rtnl_rule* r) const { rtnl_rule_put(r); }
};

std::string failure(const std::string& step, int err) { return step + ": " + nl_geterror(err); }

// One RTM_NEWRULE of the dump into `rules` (libnl's rule cache is not used:
// it merges rules it takes for the same object and lost the rule at 0).
int take_rule(nl_msg* msg, void* arg) {
  auto& rules = *static_cast<std::vector<FibRule>*>(arg);
  nlmsghdr* header = nlmsg_hdr(msg);
  if (header->nlmsg_type != RTM_NEWRULE || !nlmsg_valid_hdr(header, sizeof(fib_rule_hdr))) return NL_OK;
  const auto* frh = static_cast<const fib_rule_hdr*>(nlmsg_data(header));
  if (frh->family != AF_INET) return NL_OK;
  nlattr* tb[FRA_MAX + 1] = {};
  if (nlmsg_parse(header, sizeof(fib_rule_hdr), tb, FRA_MAX, nullptr) < 0) return NL_OK;
  FibRule rule;
  rule.priority = tb[FRA_PRIORITY] ? nla_get_u32(tb[FRA_PRIORITY]) : 0;
  rule.table = tb[FRA_TABLE] ? nla_get_u32(tb[FRA_TABLE]) : frh->table;
  rule.l3mdev = tb[FRA_L3MDEV] && nla_get_u8(tb[FRA_L3MDEV]) != 0;
  rule.selectors = frh->src_len != 0 || frh->dst_len != 0 || frh->tos != 0 || frh->action != FR_ACT_TO_TBL ||
                   tb[FRA_IIFNAME] || tb[FRA_OIFNAME] || tb[FRA_FWMARK] || tb[FRA_UID_RANGE] || tb[FRA_IP_PROTO] ||
                   tb[FRA_SPORT_RANGE] || tb[FRA_DPORT_RANGE];
  rules.push_back(rule);
  return NL_OK;
}

std::optional<std::string> read_rules(nl_sock* sock, std::vector<FibRule>& rules) {
  fib_rule_hdr request{};
  request.family = AF_INET;
  if (const int err = nl_send_simple(sock, RTM_GETRULE, NLM_F_DUMP, &request, sizeof request); err < 0)
    return failure("asking for the IPv4 rules", err);
  nl_socket_modify_cb(sock, NL_CB_VALID, NL_CB_CUSTOM, take_rule, &rules);
  if (const int err = nl_recvmsgs_default(sock); err < 0) return failure("reading the IPv4 rules", err);
  return std::nullopt;
}

// "PRIORITY: from all lookup local", added or deleted; waits for the ack.
int send_rule(nl_sock* sock, std::uint32_t priority, int type) {
  std::unique_ptr<rtnl_rule, RuleFreer> rule(rtnl_rule_alloc());
  if (!rule) return -NLE_NOMEM;
  rtnl_rule_set_family(rule.get(), AF_INET);
  rtnl_rule_set_prio(rule.get(), priority);
  rtnl_rule_set_table(rule.get(), kLocalTable);
  rtnl_rule_set_action(rule.get(), FR_ACT_TO_TBL);
  return type == RTM_NEWRULE ? rtnl_rule_add(sock, rule.get(), NLM_F_CREATE | NLM_F_EXCL)
                             : rtnl_rule_delete(sock, rule.get(), 0);
}

}  // namespace

VrfRulesPlan plan_vrf_rules(const std::vector<FibRule>& rules) {
  VrfRulesPlan plan;
  const auto has = [&](std::uint32_t priority) {
    return std::any_of(rules.begin(), rules.end(), [&](const FibRule& r) { return plain_local(r, priority); });
  };
  // Without the l3mdev rule (no VRF device yet) moving local would change nothing.
  const bool l3mdev = std::any_of(rules.begin(), rules.end(), [](const FibRule& r) { return r.l3mdev; });
  if (!l3mdev || !has(0)) return plan;
  plan.add_local_after_l3mdev = !has(kLocalRuleAfterL3mdev);
  plan.delete_local_first = true;
  return plan;
}

VrfRulesOutcome move_local_rule_after_l3mdev() {
  VrfRulesOutcome out;
  std::unique_ptr<nl_sock, SocketCloser> sock(nl_socket_alloc());
  if (!sock) {
    out.error = "netlink socket: out of memory";
    return out;
  }
  if (const int err = nl_connect(sock.get(), NETLINK_ROUTE); err < 0) {
    out.error = failure("netlink connect", err);
    return out;
  }
  std::vector<FibRule> rules;
  if (auto error = read_rules(sock.get(), rules)) {
    out.error = *error;
    return out;
  }
  const VrfRulesPlan plan = plan_vrf_rules(rules);
  if (plan.add_local_after_l3mdev) {
    if (const int err = send_rule(sock.get(), kLocalRuleAfterL3mdev, RTM_NEWRULE); err < 0) {
      out.error = failure("adding rule 32765 lookup local", err);
      return out;  // the rule at 0 stays: never no local rule at all
    }
    out.changed = true;
  }
  if (plan.delete_local_first) {
    // Priority 0 in a delete request matches any priority: the kernel takes
    // the first rule of table local in priority order, which the read above
    // showed to be the one at 0.
    if (const int err = send_rule(sock.get(), 0, RTM_DELRULE); err < 0) {
      out.error = failure("deleting rule 0 lookup local", err);
      return out;
    }
    out.changed = true;
  }
  return out;
}

}  // namespace l3vpn::kernel
