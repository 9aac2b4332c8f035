#include "vpn/export_sync.hpp"

#include <map>

namespace l3vpn::vpn {

ExportSyncResult sync_exports(bgp::Speaker& speaker, const std::vector<ExportedRoute>& before,
                              const std::vector<ExportedRoute>& after) {
  auto key_of = [](const ExportedRoute& r) { return bgp::rib::RouteKey::vpnv4(r.rd, r.prefix); };
  std::map<bgp::rib::RouteKey, const ExportedRoute*> now;
  for (const ExportedRoute& r : after) now.emplace(key_of(r), &r);
  std::map<bgp::rib::RouteKey, const ExportedRoute*> old;
  for (const ExportedRoute& r : before) old.emplace(key_of(r), &r);
  ExportSyncResult result;
  for (const auto& [key, r] : old)
    if (!now.contains(key)) {
      speaker.withdraw_local(bgp::kVpnv4Unicast, key);
      ++result.withdrawn;
    }
  for (const auto& [key, r] : now) {
    auto was = old.find(key);
    if (was != old.end() && *was->second == *r) continue;
    speaker.originate(bgp::kVpnv4Unicast, key, r->attributes, bgp::rib::Label{r->label});
    ++result.originated;
  }
  return result;
}

}  // namespace l3vpn::vpn
