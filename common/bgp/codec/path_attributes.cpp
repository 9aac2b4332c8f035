#include "bgp/codec/path_attributes.hpp"

namespace l3vpn::bgp {

ExtendedCommunity ExtendedCommunity::route_target(std::uint8_t type, std::uint32_t administrator,
                                                  std::uint32_t assigned) {
  ExtendedCommunity c;
  c.bytes[0] = type;  // transitive, type 0 / 1 / 2
  c.bytes[1] = 0x02;  // route target
  auto put = [&c](std::size_t at, std::uint32_t v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      c.bytes[at + i] = static_cast<std::uint8_t>(v >> (8 * (n - 1 - i)));
  };
  if (type == 0x00) {  // 2-octet AS : 4-octet number
    put(2, administrator, 2);
    put(4, assigned, 4);
  } else {  // IPv4 address or 4-octet AS : 2-octet number
    put(2, administrator, 4);
    put(6, assigned, 2);
  }
  return c;
}

std::string as_path_text(const PathAttributes& a) {
  std::string out;
  if (!a.as_path) return out;
  for (const auto& segment : *a.as_path) {
    bool set = segment.type == AsPathSegment::Set || segment.type == AsPathSegment::ConfedSet;
    bool confed = segment.type == AsPathSegment::ConfedSequence || segment.type == AsPathSegment::ConfedSet;
    std::string text;
    for (std::size_t i = 0; i < segment.asns.size(); ++i) {
      if (i > 0) text += set ? "," : " ";
      text += std::to_string(segment.asns[i]);
    }
    if (set) text = "{" + text + "}";
    if (confed) text = "(" + text + ")";
    if (!out.empty()) out += " ";
    out += text;
  }
  return out;
}

char origin_code(const PathAttributes& a) {
  if (!a.origin) return '?';
  switch (*a.origin) {
    case Origin::Igp: return 'i';
    case Origin::Egp: return 'e';
    case Origin::Incomplete: return '?';
  }
  return '?';
}

}  // namespace l3vpn::bgp
