// NetlinkFib::apply: a plan's operations in order. Devices and addresses one
// libnl request each; consecutive route operations batched; sysctls written.
#include <net/if.h>
#include <netlink/addr.h>
#include <netlink/netlink.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/link/vrf.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>

#include "kernel/netlink_fib_impl.hpp"
#include "kernel/nexthop_routes.hpp"

namespace l3vpn::kernel {

namespace {

struct LinkDeleter {
  void operator()(rtnl_link* link) const { rtnl_link_put(link); }
};
using Link = std::unique_ptr<rtnl_link, LinkDeleter>;
struct AddrDeleter {
  void operator()(rtnl_addr* addr) const { rtnl_addr_put(addr); }
};
using Addr = std::unique_ptr<rtnl_addr, AddrDeleter>;
struct NlAddrDeleter {
  void operator()(nl_addr* addr) const { nl_addr_put(addr); }
};

// libnl errors are its own codes; the report wants errno-like text.
struct Outcome {
  int error = 0;  // 0 done
  std::string text;
};
Outcome from_libnl(int err) {
  if (err >= 0) return {};
  return {-err, nl_geterror(err)};
}

Outcome link_request(nl_sock* sock, const std::string& name, const std::function<void(rtnl_link*)>& edit) {
  rtnl_link* raw = nullptr;
  if (const int err = rtnl_link_get_kernel(sock, 0, name.c_str(), &raw); err < 0) return from_libnl(err);
  Link original(raw);
  Link change(rtnl_link_alloc());
  edit(change.get());
  return from_libnl(rtnl_link_change(sock, original.get(), change.get(), 0));
}

// The kernel ignores IFLA_IFALIAS in a create request (rtnl_newlink only
// applies it to an existing device), so the alias marking the device as ours
// is set by a second request.
Outcome create_link(nl_sock* sock, Link link, const std::string& name) {
  rtnl_link_set_name(link.get(), name.c_str());
  if (const int err = rtnl_link_add(sock, link.get(), NLM_F_CREATE | NLM_F_EXCL); err < 0) return from_libnl(err);
  return link_request(sock, name, [](rtnl_link* l) { rtnl_link_set_ifalias(l, kManagedAlias); });
}

Outcome address_request(nl_sock* sock, const InterfaceAddress& address, bool add) {
  const int index = static_cast<int>(if_nametoindex(address.interface.c_str()));
  if (index == 0) return {ENODEV, "no interface " + address.interface};
  Addr addr(rtnl_addr_alloc());
  rtnl_addr_set_ifindex(addr.get(), index);
  const std::uint32_t v = address.address.address.value;
  const std::uint8_t bytes[4] = {static_cast<std::uint8_t>(v >> 24), static_cast<std::uint8_t>(v >> 16),
                                 static_cast<std::uint8_t>(v >> 8), static_cast<std::uint8_t>(v)};
  std::unique_ptr<nl_addr, NlAddrDeleter> local(nl_addr_build(AF_INET, bytes, sizeof bytes));
  nl_addr_set_prefixlen(local.get(), address.address.length);
  rtnl_addr_set_local(addr.get(), local.get());
  return from_libnl(add ? rtnl_addr_add(sock, addr.get(), 0) : rtnl_addr_delete(sock, addr.get(), 0));
}

Outcome write_sysctl(const std::string& root, const WriteSysctl& op) {
  std::ofstream out(root + "/" + op.path);
  if (!out) return {ENOENT, "cannot open " + root + "/" + op.path};
  out << op.value << '\n';
  out.flush();
  if (!out) return {EIO, "cannot write " + root + "/" + op.path};
  return {};
}

bool is_route(const Operation& op) {
  return std::holds_alternative<ReplaceRoute>(op) || std::holds_alternative<DeleteRoute>(op) ||
         std::holds_alternative<ReplaceMplsRoute>(op) || std::holds_alternative<DeleteMplsRoute>(op);
}

bool is_delete(const Operation& op) {
  return std::holds_alternative<DeleteRoute>(op) || std::holds_alternative<DeleteMplsRoute>(op);
}

std::string ack_text(const Ack& ack) {
  std::string text = std::strerror(ack.error);
  if (!ack.message.empty()) text += ": " + ack.message;
  return text;
}

}  // namespace

void NetlinkFib::set_route_programming(RouteProgramming programming) {
  impl_->batch->set_ack_mode(programming.acks);
  impl_->shared_nexthops = programming.shared_nexthops;
}

ApplyReport NetlinkFib::apply(const Plan& plan) {
  ApplyReport report;
  Impl& impl = *impl_;
  NexthopRouteEncoder encoder(impl.nexthops, impl.shared_nexthops);
  InterfaceIndexes indexes;
  bool indexes_fresh = false;
  auto fail = [&](const Operation& op, Outcome outcome) {
    report.failures.push_back({describe(op), outcome.error, std::move(outcome.text)});
  };

  // One route run: consecutive route operations, in batches. Returns the
  // failures of the first try by operation index.
  auto run_routes = [&](const std::vector<const Operation*>& run) {
    std::map<const Operation*, Ack> failed;
    encoder.prepare(run, *impl.batch, impl.next_seq, indexes, report);
    std::size_t at = 0;
    while (at < run.size()) {
      std::vector<std::uint8_t> buffer;
      const std::uint32_t first = impl.next_seq;
      std::vector<const Operation*> sent;
      const std::size_t limit = std::max<std::size_t>(
          1, batch_limit_ == 0 ? impl.batch->max_batch_messages() : batch_limit_);
      while (at < run.size() && buffer.size() < impl.batch->max_batch_bytes() && sent.size() < limit) {
        const Operation* op = run[at++];
        if (auto error = encoder.encode(buffer, *op, indexes, impl.next_seq)) {
          fail(*op, {ENODEV, error->message});
          continue;
        }
        sent.push_back(op);
        ++impl.next_seq;
      }
      auto exchange = impl.batch->exchange(std::move(buffer), sent.size(), first);
      for (const auto& ack : exchange.acks) {
        const Operation* op = sent[ack.seq - first];
        const bool gone = is_delete(*op) && (ack.error == ESRCH || ack.error == ENOENT);
        if (ack.error == 0 || gone) {
          ++report.applied;
          encoder.succeeded(*op);
        } else {
          failed[op] = ack;
        }
      }
      for (std::uint32_t seq : exchange.unanswered) {
        failed[sent[seq - first]] = Ack{seq, EIO, exchange.socket_error.empty() ? "no ack" : exchange.socket_error};
      }
    }
    // Second try, each alone, in plan order.
    for (const Operation* op : run) {
      auto it = failed.find(op);
      if (it == failed.end()) continue;
      ++report.retried;
      std::vector<std::uint8_t> one;
      const std::uint32_t seq = impl.next_seq++;
      (void)encoder.encode(one, *op, indexes, seq);
      auto exchange = impl.batch->exchange(std::move(one), 1, seq);
      if (!exchange.acks.empty()) {
        const Ack& ack = exchange.acks.front();
        if (ack.error == 0 || (is_delete(*op) && (ack.error == ESRCH || ack.error == ENOENT))) {
          ++report.applied;
          encoder.succeeded(*op);
          continue;
        }
        fail(*op, {ack.error, ack_text(ack)});
      } else {
        fail(*op, {it->second.error, ack_text(it->second) + " (" + exchange.socket_error + ")"});
      }
    }
  };

  // Other operations: one request, retried once.
  auto run_one = [&](const Operation& op) -> Outcome {
    indexes_fresh = false;
    nl_sock* sock = impl.sock;
    if (const auto* o = std::get_if<CreateVrf>(&op)) {
      Link link(rtnl_link_vrf_alloc());
      if (!link) return {ENOMEM, "rtnl_link_vrf_alloc"};
      if (const int err = rtnl_link_vrf_set_tableid(link.get(), o->device.table); err < 0) return from_libnl(err);
      return create_link(sock, std::move(link), o->device.name);
    }
    if (const auto* o = std::get_if<CreateDummy>(&op)) {
      Link link(rtnl_link_alloc());
      if (const int err = rtnl_link_set_type(link.get(), "dummy"); err < 0) return from_libnl(err);
      return create_link(sock, std::move(link), o->name);
    }
    if (const auto* o = std::get_if<SetUp>(&op)) {
      return link_request(sock, o->interface, [](rtnl_link* l) { rtnl_link_set_flags(l, IFF_UP); });
    }
    if (const auto* o = std::get_if<SetDown>(&op)) {
      return link_request(sock, o->interface, [](rtnl_link* l) { rtnl_link_unset_flags(l, IFF_UP); });
    }
    if (const auto* o = std::get_if<SetMaster>(&op)) {
      int master = 0;
      if (!o->master.empty()) {
        master = static_cast<int>(if_nametoindex(o->master.c_str()));
        if (master == 0) return {ENODEV, "no master device " + o->master};
      }
      return link_request(sock, o->interface, [master](rtnl_link* l) { rtnl_link_set_master(l, master); });
    }
    if (const auto* o = std::get_if<AddAddress>(&op)) return address_request(sock, o->address, true);
    if (const auto* o = std::get_if<DeleteAddress>(&op)) return address_request(sock, o->address, false);
    if (const auto* o = std::get_if<WriteSysctl>(&op)) return write_sysctl(impl.sysctl_root, *o);
    if (const auto* o = std::get_if<DeleteLink>(&op)) {
      Link link(rtnl_link_alloc());
      rtnl_link_set_name(link.get(), o->name.c_str());
      return from_libnl(rtnl_link_delete(sock, link.get()));
    }
    return {EINVAL, "not a device, address or sysctl operation"};
  };

  std::size_t i = 0;
  while (i < plan.operations.size()) {
    if (!is_route(plan.operations[i])) {
      const Operation& op = plan.operations[i++];
      Outcome outcome = run_one(op);
      if (outcome.error != 0) {
        ++report.retried;
        outcome = run_one(op);
      }
      if (outcome.error == 0) {
        ++report.applied;
      } else {
        fail(op, std::move(outcome));
      }
      continue;
    }
    std::vector<const Operation*> run;
    while (i < plan.operations.size() && is_route(plan.operations[i])) run.push_back(&plan.operations[i++]);
    if (!indexes_fresh) {
      std::string error;
      if (!impl.load_indexes(indexes, error)) {
        for (const Operation* op : run) fail(*op, {EIO, error});
        continue;
      }
      indexes_fresh = true;
    }
    run_routes(run);
  }
  encoder.remove_unused(*impl.batch, impl.next_seq, report);
  return report;
}

}  // namespace l3vpn::kernel
