// Which IGP prefixes become FECs with a local label, as IOS's
//   mpls ldp label
//    allocate global host-routes | allocate global prefix-list NAME
// says: host routes (/32 only: the loopbacks BGP next hops resolve over) or
// every IGP prefix the prefix-list permits, any length, the router's own
// connected subnets included (advertised with implicit null).
//
// Our default is host routes, IOS's is every IGP prefix: the PE-to-PE LSPs
// only need the loopbacks, and labels for every link subnet would fill every
// LIB (and the shared label range) for nothing. `allocate global prefix-list`
// is how connected or other prefixes get labels here.
//
// A prefix-list named but absent (validation refuses such a config) selects
// nothing: a bad model never binds more than asked. A FEC the
// selection leaves out keeps any label peers sent (liberal retention) but
// gets no local label and no LFIB entry. Pure.
#pragma once

#include <optional>

#include "config/model.hpp"
#include "ldp/lib.hpp"

namespace l3vpn::ldp {

struct FecSelection {
  std::optional<config::PrefixList> prefix_list;  // nothing: host routes

  bool selects(const Fec& fec) const;
  bool operator==(const FecSelection&) const = default;

  // From "mpls ldp label" (nothing configured: host routes).
  static FecSelection from_config(const config::Config& config);
};

}  // namespace l3vpn::ldp
