#include "kernel/vrf_rules.hpp"

#include <linux/fib_rules.h>
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
struct CacheFreer {
  void operator()(nl_cache* c) const { nl_cache_free(c); }
};
struct RuleFreer {
  void operator()(rtnl_rule* r) const { rtnl_rule_put(r); }
};

std::string failure(const std::string& step, int err) { return step + ": " + nl_geterror(err); }

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
  nl_cache* raw = nullptr;
  if (const int err = rtnl_rule_alloc_cache(sock.get(), AF_INET, &raw); err < 0) {
    out.error = failure("reading the IPv4 rules", err);
    return out;
  }
  std::unique_ptr<nl_cache, CacheFreer> cache(raw);
  std::vector<FibRule> rules;
  rtnl_rule* first_local = nullptr;
  for (nl_object* o = nl_cache_get_first(cache.get()); o; o = nl_cache_get_next(o)) {
    auto* r = reinterpret_cast<rtnl_rule*>(o);
    FibRule rule;
    rule.priority = rtnl_rule_get_prio(r);
    rule.table = rtnl_rule_get_table(r);
    rule.l3mdev = rtnl_rule_get_l3mdev(r) > 0;
    rule.selectors = rtnl_rule_get_src(r) || rtnl_rule_get_dst(r) || rtnl_rule_get_iif(r) || rtnl_rule_get_oif(r) ||
                     rtnl_rule_get_action(r) != FR_ACT_TO_TBL;
    if (plain_local(rule, 0) && !first_local) first_local = r;
    rules.push_back(rule);
  }
  const VrfRulesPlan plan = plan_vrf_rules(rules);
  if (plan.add_local_after_l3mdev) {
    std::unique_ptr<rtnl_rule, RuleFreer> rule(rtnl_rule_alloc());
    rtnl_rule_set_family(rule.get(), AF_INET);
    rtnl_rule_set_prio(rule.get(), kLocalRuleAfterL3mdev);
    rtnl_rule_set_table(rule.get(), kLocalTable);
    rtnl_rule_set_action(rule.get(), FR_ACT_TO_TBL);
    if (const int err = rtnl_rule_add(sock.get(), rule.get(), NLM_F_CREATE | NLM_F_EXCL); err < 0) {
      out.error = failure("adding rule 32765 lookup local", err);
      return out;  // the rule at 0 stays: never no local rule at all
    }
    out.changed = true;
  }
  if (plan.delete_local_first && first_local) {
    if (const int err = rtnl_rule_delete(sock.get(), first_local, 0); err < 0) {
      out.error = failure("deleting rule 0 lookup local", err);
      return out;
    }
    out.changed = true;
  }
  return out;
}

}  // namespace l3vpn::kernel
