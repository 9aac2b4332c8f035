// "interface NAME" blocks. Re-entering an interface edits it, as IOS does.
#include <algorithm>

#include "config/parse_context.hpp"

namespace l3vpn::config::detail {

namespace {

Interface& current(ParseContext& ctx) { return ctx.config.interfaces[ctx.interface]; }

bool starts_with_digit(const std::string& text) { return !text.empty() && text[0] >= '0' && text[0] <= '9'; }

Outcome parse_ip_address(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  Interface& itf = current(ctx);
  std::size_t i = first + 2;
  if (negated && i >= line.size()) {
    itf.addresses.clear();
    return handled();
  }
  auto address = ctx.address(line, i, "ip address expects an IPv4 address");
  if (!address) return handled();
  auto length = ctx.mask(line, i + 1, "ip address expects a mask");
  if (!length) return handled();
  bool secondary = i + 2 < line.size() && keyword_is(line[i + 2].text, "secondary");
  if (!ctx.finish(line, i + 2 + (secondary ? 1 : 0))) return handled();
  InterfaceAddress entry;
  entry.prefix = Ipv4Prefix{*address, *length};
  entry.secondary = secondary;
  entry.where = ctx.at(line, i);
  // A /31 has no network or broadcast address (RFC 3021); a /32 is a host.
  if (*length < 31) {
    std::uint32_t host = address->value & ~length_to_mask(*length).value;
    if (host == 0 || host == ~length_to_mask(*length).value) {
      ctx.error(line, i,
                "bad mask /" + std::to_string(*length) + " for address " + line[i].text +
                    ": it is the " + (host == 0 ? "network" : "broadcast") + " address");
      return handled();
    }
  }
  auto& list = itf.addresses;
  if (negated) {
    auto it = std::find(list.begin(), list.end(), entry);
    if (it == list.end()) {
      ctx.error(line, i, "address " + entry.prefix.to_string() + " is not configured on " + itf.name);
      return handled();
    }
    // Removing the primary removes the secondaries with it, as IOS does.
    if (!secondary) list.clear();
    else list.erase(it);
    return handled();
  }
  if (secondary) {
    if (std::find(list.begin(), list.end(), entry) == list.end()) list.push_back(entry);
    return handled();
  }
  auto primary = std::find_if(list.begin(), list.end(), [](auto& a) { return !a.secondary; });
  if (primary != list.end()) *primary = entry;
  else list.insert(list.begin(), entry);
  return handled();
}

// "ip ospf authentication [message-digest|null]", "ip ospf authentication-key
// KEY" (AuType 1: 8 characters at most, as IOS), "ip ospf message-digest-key
// N md5 KEY" (AuType 2: key ID 1-255, 16 characters at most; one word).
Outcome parse_ip_ospf_authentication(ParseContext& ctx, const Line& line, std::size_t i, bool negated) {
  InterfaceOspf& ospf = current(ctx).ospf;
  const std::string& sub = line[i].text;
  if (keyword_is(sub, "authentication")) {
    if (negated) {
      ospf.authentication.reset();
      return handled();
    }
    OspfAuthentication mode = OspfAuthentication::Simple;
    std::size_t end = i + 1;
    if (i + 1 < line.size()) {
      if (keyword_is(line[i + 1].text, "message-digest")) mode = OspfAuthentication::MessageDigest;
      else if (keyword_is(line[i + 1].text, "null")) mode = OspfAuthentication::Null;
      else {
        ctx.error(line, i + 1, "ip ospf authentication expects message-digest or null, got '" +
                                   line[i + 1].text + "'");
        return handled();
      }
      end = i + 2;
    }
    if (ctx.finish(line, end)) ospf.authentication = mode;
    return handled();
  }
  if (keyword_is(sub, "authentication-key")) {
    if (negated) {
      ospf.authentication_key.clear();
      return handled();
    }
    auto key = ctx.word(line, i + 1, "ip ospf authentication-key expects a key");
    if (!key || !ctx.finish(line, i + 2)) return handled();
    if (key->size() > 8) {
      ctx.error(line, i + 1, "OSPF authentication key longer than 8 characters");
      return handled();
    }
    ospf.authentication_key = *key;
    return handled();
  }
  auto id = ctx.number(line, i + 1, 1, 255, "OSPF message-digest key ID",
                       "ip ospf message-digest-key expects a key ID (1-255)");
  if (!id) return handled();
  auto& keys = ospf.message_digest_keys;
  const auto same_id = [&](const OspfMessageDigestKey& k) { return k.key_id == *id; };
  if (negated) {  // "no ip ospf message-digest-key N [md5 KEY]"
    std::erase_if(keys, same_id);
    return handled();
  }
  if (!ctx.need(line, i + 2, "ip ospf message-digest-key N expects 'md5'")) return handled();
  if (!keyword_is(line[i + 2].text, "md5")) {
    ctx.error(line, i + 2, "ip ospf message-digest-key N expects 'md5', got '" + line[i + 2].text + "'");
    return handled();
  }
  auto key = ctx.word(line, i + 3, "ip ospf message-digest-key N md5 expects a key");
  if (!key || !ctx.finish(line, i + 4)) return handled();
  if (key->size() > 16) {
    ctx.error(line, i + 3, "OSPF MD5 key longer than 16 characters");
    return handled();
  }
  std::erase_if(keys, same_id);  // IOS replaces a key ID's key
  OspfMessageDigestKey entry{static_cast<std::uint8_t>(*id), *key};
  keys.insert(std::upper_bound(keys.begin(), keys.end(), entry,
                               [](const auto& a, const auto& b) { return a.key_id < b.key_id; }),
              std::move(entry));
  return handled();
}

Outcome parse_ip_ospf(ParseContext& ctx, const Line& line, std::size_t first, bool negated) {
  InterfaceOspf& ospf = current(ctx).ospf;
  std::size_t i = first + 2;
  if (i >= line.size()) return unknown(i);
  const std::string& sub = line[i].text;
  if (keyword_is(sub, "network")) {
    if (negated) {
      ospf.network = OspfNetworkType::Default;
      return handled();
    }
    if (!ctx.need(line, i + 1,
                  "ip ospf network expects point-to-point, broadcast, non-broadcast or "
                  "point-to-multipoint"))
      return handled();
    const std::string& type = line[i + 1].text;
    OspfNetworkType value;
    if (keyword_is(type, "point-to-point")) value = OspfNetworkType::PointToPoint;
    else if (keyword_is(type, "broadcast")) value = OspfNetworkType::Broadcast;
    else if (keyword_is(type, "non-broadcast")) value = OspfNetworkType::NonBroadcast;
    else if (keyword_is(type, "point-to-multipoint")) value = OspfNetworkType::PointToMultipoint;
    else {
      ctx.error(line, i + 1,
                "invalid OSPF network type '" + type +
                    "': expected point-to-point, broadcast, non-broadcast or point-to-multipoint");
      return handled();
    }
    if (ctx.finish(line, i + 2)) ospf.network = value;
    return handled();
  }
  if (keyword_is(sub, "cost") || keyword_is(sub, "hello-interval") ||
      keyword_is(sub, "dead-interval")) {
    std::string key = line.words(i, i);
    for (auto& c : key) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (negated) {
      if (key == "cost") ospf.cost.reset();
      else if (key == "hello-interval") ospf.hello_interval.reset();
      else ospf.dead_interval.reset();
      return handled();
    }
    auto value = ctx.number(line, i + 1, 1, 65535, "OSPF " + key,
                            "ip ospf " + key + " expects a number");
    if (!value || !ctx.finish(line, i + 2)) return handled();
    if (key == "cost") ospf.cost = static_cast<std::uint16_t>(*value);
    else if (key == "hello-interval") ospf.hello_interval = static_cast<std::uint16_t>(*value);
    else ospf.dead_interval = *value;
    return handled();
  }
  if (keyword_is(sub, "authentication") || keyword_is(sub, "authentication-key") ||
      keyword_is(sub, "message-digest-key"))
    return parse_ip_ospf_authentication(ctx, line, i, negated);
  if (starts_with_digit(sub)) {
    auto process = ctx.number(line, i, 1, 65535, "OSPF process id", "");
    if (!process) return handled();
    if (!ctx.need(line, i + 1, "ip ospf " + sub + " expects 'area'")) return handled();
    if (!keyword_is(line[i + 1].text, "area")) {
      ctx.error(line, i + 1, "ip ospf " + sub + " expects 'area', got '" + line[i + 1].text + "'");
      return handled();
    }
    auto area = ctx.area(line, i + 2, "area expects an OSPF area id");
    if (!area || !ctx.finish(line, i + 3)) return handled();
    if (negated) {
      ospf.process.reset();
      ospf.area.reset();
    } else {
      ospf.process = *process;
      ospf.area = *area;
      current(ctx).ospf_where = ctx.at(line, i);
    }
    return handled();
  }
  return unknown(i);
}

}  // namespace

Outcome parse_interface_command(ParseContext& ctx, const Line& line, std::size_t first,
                                bool negated) {
  if (!ctx.need(line, first + 1, "interface expects an interface name")) return handled();
  std::string name = line[first + 1].text;
  std::size_t end = first + 2;
  // IOS accepts "interface GigabitEthernet 0/0".
  if (end < line.size() && starts_with_digit(line[end].text) && !starts_with_digit(name)) {
    name += line[end].text;
    ++end;
  }
  if (!ctx.finish(line, end)) return handled();
  auto& list = ctx.config.interfaces;
  auto it = std::find_if(list.begin(), list.end(), [&](auto& i) { return i.name == name; });
  if (negated) {
    if (it == list.end()) ctx.error(line, first + 1, "interface '" + name + "' is not defined");
    else list.erase(it);
    return handled();
  }
  if (it == list.end()) {
    Interface itf;
    itf.name = name;
    itf.where = ctx.at(line, first + 1);
    list.push_back(std::move(itf));
    it = list.end() - 1;
  }
  ctx.interface = static_cast<std::size_t>(it - list.begin());
  ctx.mode = Mode::Interface;
  return handled();
}

Outcome parse_interface_line(ParseContext& ctx, const Line& line, std::size_t first,
                             bool negated) {
  Interface& itf = current(ctx);
  const std::string& command = line[first].text;
  auto flag = [&](bool& field, bool value) {
    if (ctx.finish(line, first + 1)) field = value;
    return handled();
  };
  if (keyword_is(command, "shutdown")) return flag(itf.shutdown, !negated);
  if (keyword_is(command, "description")) {
    if (negated) itf.description.clear();
    else if (ctx.need(line, first + 1, "description expects a text"))
      itf.description = line.rest_from(first + 1);
    return handled();
  }
  if (keyword_is(command, "negotiation")) {
    if (first + 1 >= line.size() || !keyword_is(line[first + 1].text, "auto"))
      return unknown(first + 1);
    if (ctx.finish(line, first + 2)) itf.negotiation_auto = !negated;
    return handled();
  }
  if (keyword_is(command, "mpls")) {
    if (first + 1 >= line.size() || !keyword_is(line[first + 1].text, "ip"))
      return unknown(first + 1);
    if (ctx.finish(line, first + 2)) itf.mpls_ip = !negated;
    return handled();
  }
  // "ip vrf forwarding NAME" or "vrf forwarding NAME": where "vrf" stands.
  std::optional<std::size_t> vrf_word;
  if (keyword_is(command, "vrf")) vrf_word = first;
  if (keyword_is(command, "ip") && first + 1 < line.size() &&
      keyword_is(line[first + 1].text, "vrf"))
    vrf_word = first + 1;
  if (vrf_word) {
    std::size_t vrf_at = *vrf_word;
    if (vrf_at + 1 >= line.size() || !keyword_is(line[vrf_at + 1].text, "forwarding"))
      return unknown(vrf_at + 1);
    std::string vrf;
    if (!negated || vrf_at + 2 < line.size()) {
      auto name = ctx.word(line, vrf_at + 2, "vrf forwarding expects a VRF name");
      if (!name || !ctx.finish(line, vrf_at + 3)) return handled();
      if (!negated) vrf = *name;
    }
    // IOS removes the addresses of an interface that changes VRF, with only a
    // console message; in a file that is almost always a line-order mistake.
    if (vrf != itf.vrf && !itf.addresses.empty()) {
      ctx.error(line, first,
                "'" + line.words(first, vrf_at + 1) + "' removes the addresses already set on " +
                    itf.name + ": put it before 'ip address'");
      itf.addresses.clear();
    }
    itf.vrf = vrf;
    itf.vrf_where = ctx.at(line, vrf_at + 2);
    return handled();
  }
  if (keyword_is(command, "ip")) {
    if (first + 1 >= line.size()) return unknown(first + 1);
    const std::string& sub = line[first + 1].text;
    if (keyword_is(sub, "address")) return parse_ip_address(ctx, line, first, negated);
    if (keyword_is(sub, "ospf")) return parse_ip_ospf(ctx, line, first, negated);
    return unknown(first + 1);
  }
  return unknown(first);
}

}  // namespace l3vpn::config::detail
