#include "cli/show_ip_route.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>

#include "cli/ios_time.hpp"
#include "cli/json_writer.hpp"
#include "cli/show_bgp.hpp"  // ipv4_text

namespace l3vpn::cli {
namespace {

// IOS's legend, verbatim from the seed lab (IOS 12.4).
constexpr const char* kCodes =
    "Codes: C - connected, S - static, R - RIP, M - mobile, B - BGP\n"
    "       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area\n"
    "       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2\n"
    "       E1 - OSPF external type 1, E2 - OSPF external type 2\n"
    "       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2\n"
    "       ia - IS-IS inter area, * - candidate default, U - per-user static route\n"
    "       o - ODR, P - periodic downloaded static route\n";

// The classful mask length of an address: A /8, B /16, C /24; class D/E have
// no major network, so /32 (their routes print at top level).
std::uint8_t classful_length(std::uint32_t address) {
  if (address < 0x80000000u) return 8;
  if (address < 0xC0000000u) return 16;
  if (address < 0xE0000000u) return 24;
  return 32;
}

std::uint32_t mask_of(std::uint8_t length) { return length == 0 ? 0 : ~std::uint32_t{0} << (32 - length); }

bool is_default(const RouteView& r) { return r.address == 0 && r.length == 0; }

std::string prefix_text(std::uint32_t address, std::uint8_t length) {
  return ipv4_text(address) + "/" + std::to_string(length);
}

// The code field: code, '*' or ' ', the sub-code in two columns, a space
// ("B*   ", "O IA ", "O*E2 "); subnet lines under a summary indent three more.
std::string code_field(const RouteView& r, bool subnet) {
  std::string field(1, r.code);
  field += r.candidate_default ? '*' : ' ';
  std::string sub = r.sub_code;
  if (sub.size() < 2) sub.resize(2, ' ');
  field += sub + " ";
  if (subnet) field += "   ";
  return field;
}

// Everything after the destination: "[200/30] via 2.2.2.2, 01:01:16",
// "is directly connected, 01:16:46, Loopback20", "[1/0] via 172.33.33.2".
// A directly connected route shows no [distance/metric], as IOS does.
std::string route_tail(const RouteView& r) {
  std::string text;
  if (r.next_hop) {
    if (r.distance) text += "[" + std::to_string(*r.distance) + "/" + std::to_string(r.metric.value_or(0)) + "] ";
    text += "via " + ipv4_text(*r.next_hop);
  } else {
    text += "is directly connected";
  }
  if (r.age) text += ", " + ios_age(*r.age);
  if (!r.interface.empty()) text += ", " + r.interface;
  return text;
}

std::string route_line(const RouteView& r, bool subnet, bool show_length) {
  std::string destination = show_length ? prefix_text(r.address, r.length) : ipv4_text(r.address);
  std::string first = code_field(r, subnet) + destination + " ";
  std::string out = first + route_tail(r) + "\n";
  // Equal-cost paths: the same tail with another next hop, under the first.
  for (const RouteView::Path& p : r.more_paths) {
    RouteView other = r;
    other.next_hop = p.next_hop;
    other.interface = p.interface;
    out += std::string(first.size(), ' ') + route_tail(other) + "\n";
  }
  return out;
}

// One block of output: a major network with its subnets, or a top-level route.
struct Block {
  std::uint32_t major = 0;     // the classful network
  std::uint8_t major_length = 0;
  bool top_level = false;      // a supernet or default: never grouped
  std::vector<const RouteView*> routes;
};

std::vector<Block> group(const std::vector<RouteView>& routes) {
  std::vector<Block> blocks;
  std::vector<Block> defaults;
  for (const RouteView& r : routes) {
    if (is_default(r)) {
      defaults.push_back(Block{0, 0, true, {&r}});
      continue;
    }
    std::uint8_t classful = classful_length(r.address);
    if (r.length < classful) {  // a supernet prints on its own
      blocks.push_back(Block{r.address, r.length, true, {&r}});
      continue;
    }
    std::uint32_t major = r.address & mask_of(classful);
    auto it = std::find_if(blocks.begin(), blocks.end(),
                           [&](const Block& b) { return !b.top_level && b.major == major; });
    if (it == blocks.end()) blocks.push_back(Block{major, classful, false, {&r}});
    else it->routes.push_back(&r);
  }
  for (Block& d : defaults) blocks.push_back(std::move(d));
  return blocks;
}

// `code` 0: every route; otherwise only those with that code (the summary
// line still counts the whole major network).
std::string render_block(const Block& b, char code = 0) {
  std::string out;
  const auto shown = [code](const RouteView* r) { return code == 0 || r->code == code; };
  if (std::none_of(b.routes.begin(), b.routes.end(), shown)) return out;
  // The major network alone at its classful length: no summary line.
  if (b.top_level || (b.routes.size() == 1 && b.routes.front()->length == b.major_length)) {
    for (const RouteView* r : b.routes)
      if (shown(r)) out += route_line(*r, false, true);
    return out;
  }
  std::vector<std::uint8_t> masks;
  for (const RouteView* r : b.routes)
    if (std::find(masks.begin(), masks.end(), r->length) == masks.end()) masks.push_back(r->length);
  std::string count = std::to_string(b.routes.size());
  bool variable = masks.size() > 1;
  if (variable) {
    out += "     " + prefix_text(b.major, b.major_length) + " is variably subnetted, " + count + " subnets, " +
           std::to_string(masks.size()) + " masks\n";
  } else {
    // IOS writes "1 subnets" too (R2's Internet).
    out += "     " + prefix_text(b.major, masks.front()) + " is subnetted, " + count + " subnets\n";
  }
  for (const RouteView* r : b.routes)
    if (shown(r)) out += route_line(*r, true, variable);
  return out;
}

void write_json(JsonWriter& w, const RouteTableView& view, char code = 0) {
  w.begin_object().key("vrf").string_or_null(view.vrf).key("gateway_of_last_resort");
  if (view.gateway) {
    w.begin_object().key("address").string(ipv4_text(view.gateway->address));
    w.key("network").string(ipv4_text(view.gateway->network)).end_object();
  } else {
    w.null();
  }
  w.key("routes").begin_array();
  for (const Block& b : group(view.routes)) {
    for (const RouteView* r : b.routes) {
      if (code != 0 && r->code != code) continue;
      w.begin_object().key("code").string(std::string(1, r->code)).key("sub_code").string_or_null(r->sub_code);
      w.key("candidate_default").boolean(r->candidate_default);
      w.key("prefix").string(prefix_text(r->address, r->length));
      w.key("distance");
      r->distance ? w.number(std::uint64_t{*r->distance}) : w.null();
      w.key("metric");
      r->distance ? w.number(std::uint64_t{r->metric.value_or(0)}) : w.null();
      w.key("next_hop");
      r->next_hop ? w.string(ipv4_text(*r->next_hop)) : w.null();
      w.key("interface").string_or_null(r->interface);
      w.key("age_seconds");
      if (r->age) w.number(static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(*r->age).count()));
      else w.null();
      // Only with ECMP, so that single-path output stays as it was.
      if (!r->more_paths.empty()) {
        w.key("more_paths").begin_array();
        for (const RouteView::Path& p : r->more_paths) {
          w.begin_object().key("next_hop");
          p.next_hop ? w.string(ipv4_text(*p.next_hop)) : w.null();
          w.key("interface").string_or_null(p.interface).end_object();
        }
        w.end_array();
      }
      w.end_object();
    }
  }
  w.end_array().end_object();
}

}  // namespace

CommandResult show_ip_route_vrf(const RouteTableView& view, bool json) {
  if (json) {
    JsonWriter w;
    write_json(w, view);
    return CommandResult::success(w.str() + "\n");
  }
  std::string out = view.vrf.empty() ? std::string() : "\nRouting Table: " + view.vrf + "\n";
  out += kCodes;
  // The seed's R3 outputs lack the blank lines around "Gateway of last resort"
  // while R4's and R2's have them; real IOS prints them, so we do.
  out += "\n";
  out += view.gateway ? "Gateway of last resort is " + ipv4_text(view.gateway->address) + " to network " +
                            ipv4_text(view.gateway->network) + "\n"
                      : std::string("Gateway of last resort is not set\n");
  out += "\n";
  // Some of the seed's R4 route lines start with a space (" B       10.10.30.0/24",
  // " B*   0.0.0.0/0"): copy artefacts of the article, not IOS output; not reproduced.
  for (const Block& b : group(view.routes)) out += render_block(b);
  return CommandResult::success(out);
}

CommandResult show_ip_route(const RouteTableView& view, bool json) {
  RouteTableView global = view;
  global.vrf.clear();
  return show_ip_route_vrf(global, json);
}

CommandResult show_ip_route_protocol(const RouteTableView& view, char code, bool json) {
  if (json) {
    JsonWriter w;
    write_json(w, view, code);
    return CommandResult::success(w.str() + "\n");
  }
  std::string out;
  for (const Block& b : group(view.routes)) out += render_block(b, code);
  return CommandResult::success(out);
}

CommandResult show_ip_route_vrf_missing(std::string_view vrf) {
  return CommandResult::failure("% IP routing table " + std::string(vrf) + " does not exist\n");
}

}  // namespace l3vpn::cli
