#include "config/parse_context.hpp"

#include <charconv>

namespace l3vpn::config::detail {

const char* mode_name(Mode mode) {
  switch (mode) {
    case Mode::Global: return "global";
    case Mode::Vrf: return "vrf";
    case Mode::VrfFamily: return "vrf address-family";
    case Mode::Interface: return "interface";
    case Mode::Ospf: return "router ospf";
    case Mode::Bgp: return "router bgp";
    case Mode::BgpFamily: return "bgp address-family";
    case Mode::RouteMap: return "route-map";
    case Mode::MplsLdpLabel: return "mpls ldp label";
  }
  return "?";
}

Mode parent_mode(Mode mode) {
  switch (mode) {
    case Mode::VrfFamily: return Mode::Vrf;
    case Mode::BgpFamily: return Mode::Bgp;
    default: return Mode::Global;
  }
}

bool is_ipv4(std::string_view text) { return Ipv4Address::parse(text).has_value(); }

SourceLocation ParseContext::at(const Line& line, std::size_t token) const {
  int column = token < line.size() ? line[token].column : line.end_column();
  return SourceLocation{file, line.number, column};
}

void ParseContext::error(const Line& line, std::size_t token, std::string message) {
  errors.push_back(Diagnostic{at(line, token), std::move(message)});
}

bool ParseContext::need(const Line& line, std::size_t i, std::string_view what) {
  if (i < line.size()) return true;
  error(line, i, "missing argument: " + std::string(what));
  return false;
}

bool ParseContext::finish(const Line& line, std::size_t i) {
  if (i >= line.size()) return true;
  error(line, i, "unexpected '" + line[i].text + "' after end of command");
  return false;
}

std::optional<std::string> ParseContext::word(const Line& line, std::size_t i,
                                              std::string_view what) {
  if (!need(line, i, what)) return std::nullopt;
  return line[i].text;
}

std::optional<Ipv4Address> ParseContext::address(const Line& line, std::size_t i,
                                                 std::string_view what) {
  if (!need(line, i, what)) return std::nullopt;
  auto value = Ipv4Address::parse(line[i].text);
  if (!value) error(line, i, "invalid IPv4 address '" + line[i].text + "'");
  return value;
}

std::optional<std::uint8_t> ParseContext::mask(const Line& line, std::size_t i,
                                               std::string_view what) {
  if (!need(line, i, what)) return std::nullopt;
  auto value = Ipv4Address::parse(line[i].text);
  if (!value) {
    error(line, i, "invalid mask '" + line[i].text + "'");
    return std::nullopt;
  }
  auto length = mask_to_length(*value);
  if (!length) error(line, i, "invalid mask '" + line[i].text + "': ones are not contiguous");
  return length;
}

std::optional<std::uint8_t> ParseContext::wildcard(const Line& line, std::size_t i,
                                                   std::string_view what) {
  if (!need(line, i, what)) return std::nullopt;
  auto value = Ipv4Address::parse(line[i].text);
  if (!value) {
    error(line, i, "invalid wildcard '" + line[i].text + "'");
    return std::nullopt;
  }
  auto length = wildcard_to_length(*value);
  if (!length)
    error(line, i,
          "invalid wildcard '" + line[i].text + "': expected zeros then ones, like 0.0.0.255");
  return length;
}

std::optional<std::uint32_t> ParseContext::number(const Line& line, std::size_t i,
                                                  std::uint32_t min, std::uint32_t max,
                                                  std::string_view noun, std::string_view what) {
  if (!need(line, i, what)) return std::nullopt;
  const std::string& text = line[i].text;
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value < min || value > max) {
    error(line, i,
          "invalid " + std::string(noun) + " '" + text + "': expected a number from " +
              std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(value);
}

std::optional<std::uint32_t> ParseContext::asn(const Line& line, std::size_t i,
                                               std::string_view what) {
  return number(line, i, 1, 4294967295u, "AS number", what);
}

std::optional<OspfArea> ParseContext::area(const Line& line, std::size_t i,
                                           std::string_view what) {
  if (!need(line, i, what)) return std::nullopt;
  const std::string& text = line[i].text;
  if (auto dotted = Ipv4Address::parse(text)) return OspfArea{dotted->value, true};
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value > 4294967295u) {
    error(line, i, "invalid OSPF area '" + text + "': expected a number or A.B.C.D");
    return std::nullopt;
  }
  return OspfArea{static_cast<std::uint32_t>(value), false};
}

std::optional<AdministratorValue> ParseContext::rd_or_rt(const Line& line, std::size_t i,
                                                         std::string_view command,
                                                         std::string_view kind) {
  std::string tail = " expects a " + std::string(kind) + " ASN:NN or A.B.C.D:NN";
  if (!need(line, i, std::string(command) + tail)) return std::nullopt;
  auto value = AdministratorValue::parse(line[i].text);
  if (!value) error(line, i, "'" + std::string(command) + "'" + tail + ", got '" + line[i].text + "'");
  return value;
}

std::optional<Ipv4Prefix> ParseContext::network_and_mask(const Line& line, std::size_t i,
                                                         std::size_t mask_at,
                                                         std::string_view what) {
  auto network = address(line, i, std::string(what) + " expects an IPv4 address");
  if (!network) return std::nullopt;
  auto length = mask(line, mask_at, std::string(what) + " expects a mask");
  if (!length) return std::nullopt;
  Ipv4Prefix prefix{*network, *length};
  if (prefix.network() != prefix) {
    error(line, i,
          "inconsistent address and mask: " + line[i].text + " " + line[mask_at].text +
              " has host bits set (network is " + prefix.network().address.to_string() + ")");
    return std::nullopt;
  }
  return prefix;
}

}  // namespace l3vpn::config::detail
