// State shared by the per-mode parsers: the model being filled, the errors
// found so far, which submode the previous line left us in, and the argument
// readers that report a precise diagnostic when a word is missing or wrong.
//
// Convention for mode handlers: a handler returns unknown() only before it has
// reported anything, so the dispatcher can still offer the line to the parent
// mode (IOS leaves a submode when a pasted line belongs to an outer mode).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/parser.hpp"
#include "config/tokenizer.hpp"

namespace l3vpn::config::detail {

enum class Mode { Global, Vrf, VrfFamily, Interface, Ospf, Bgp, BgpFamily, RouteMap, MplsLdpLabel };
const char* mode_name(Mode mode);
Mode parent_mode(Mode mode);

struct Outcome {
  bool known = true;
  std::size_t unknown_token = 0;  // first word the mode does not know
};
inline Outcome handled() { return {}; }
inline Outcome unknown(std::size_t token) { return {false, token}; }

class ParseContext {
 public:
  explicit ParseContext(std::string file_name) : file(std::move(file_name)) {}

  std::string file;
  Config config;
  std::vector<Diagnostic> errors;
  Mode mode = Mode::Global;
  // The object the current submode edits (indices stay valid: nothing is
  // removed from these vectors while its submode is open).
  std::size_t vrf = 0;
  std::size_t interface = 0;
  std::size_t ospf = 0;
  std::size_t family = 0;
  std::size_t route_map = 0;
  std::size_t route_map_entry = 0;

  SourceLocation at(const Line& line, std::size_t token) const;
  void error(const Line& line, std::size_t token, std::string message);

  // Argument readers: on a missing or invalid word they report and return
  // nothing. `what` completes "missing argument: WHAT".
  bool need(const Line& line, std::size_t i, std::string_view what);
  // Nothing may follow the command.
  bool finish(const Line& line, std::size_t i);
  std::optional<std::string> word(const Line& line, std::size_t i, std::string_view what);
  std::optional<Ipv4Address> address(const Line& line, std::size_t i, std::string_view what);
  std::optional<std::uint8_t> mask(const Line& line, std::size_t i, std::string_view what);
  std::optional<std::uint8_t> wildcard(const Line& line, std::size_t i, std::string_view what);
  std::optional<std::uint32_t> number(const Line& line, std::size_t i, std::uint32_t min,
                                      std::uint32_t max, std::string_view noun,
                                      std::string_view what);
  std::optional<std::uint32_t> asn(const Line& line, std::size_t i, std::string_view what);
  std::optional<OspfArea> area(const Line& line, std::size_t i, std::string_view what);
  // `command` names the keyword in the message: "'rd' expects ...".
  std::optional<AdministratorValue> rd_or_rt(const Line& line, std::size_t i,
                                             std::string_view command, std::string_view kind);
  // A prefix given as "A.B.C.D M.M.M.M"; host bits are an error.
  std::optional<Ipv4Prefix> network_and_mask(const Line& line, std::size_t address_at,
                                             std::size_t mask_at, std::string_view what);
};

bool is_ipv4(std::string_view text);

// Mode handlers; `first` is the index of the command word (1 after "no").
Outcome parse_global_line(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
Outcome parse_vrf_command(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
Outcome parse_vrf_line(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
Outcome parse_vrf_family_line(ParseContext& ctx, const Line& line, std::size_t first,
                              bool negated);
Outcome parse_interface_command(ParseContext& ctx, const Line& line, std::size_t first,
                                bool negated);
Outcome parse_interface_line(ParseContext& ctx, const Line& line, std::size_t first,
                             bool negated);
Outcome parse_ospf_command(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
Outcome parse_ospf_line(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
Outcome parse_bgp_command(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
Outcome parse_bgp_line(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
Outcome parse_bgp_family_line(ParseContext& ctx, const Line& line, std::size_t first,
                              bool negated);
Outcome parse_static_route(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
Outcome parse_prefix_list(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
Outcome parse_extcommunity_list(ParseContext& ctx, const Line& line, std::size_t first,
                                bool negated);
Outcome parse_route_map_command(ParseContext& ctx, const Line& line, std::size_t first,
                                bool negated);
Outcome parse_route_map_line(ParseContext& ctx, const Line& line, std::size_t first,
                             bool negated);
Outcome parse_mpls_global(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
// The "mpls ldp label" submode: " allocate global host-routes|prefix-list NAME".
Outcome parse_mpls_ldp_label_line(ParseContext& ctx, const Line& line, std::size_t first, bool negated);
// "mpls label mode ...": `first` indexes "mpls" (parse_label_mode.cpp).
Outcome parse_label_mode(ParseContext& ctx, const Line& line, std::size_t first, bool negated);

// "redistribute ..." under router ospf (ospf = true) or a BGP address family;
// `i` indexes the word after "redistribute". Nothing on error.
std::optional<Redistribution> parse_redistribution(ParseContext& ctx, const Line& line,
                                                   std::size_t i, bool ospf);
// Replaces an entry for the same source, as IOS does.
void add_redistribution(std::vector<Redistribution>& list, Redistribution entry);
bool remove_redistribution(std::vector<Redistribution>& list, const Redistribution& entry);

// Cross-reference checks, appended to ctx.errors in line order.
std::vector<Diagnostic> validate(const Config& config);

}  // namespace l3vpn::config::detail
