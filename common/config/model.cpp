#include "config/model.hpp"

#include <charconv>

namespace l3vpn::config {

namespace {
bool parse_u32(std::string_view text, std::uint64_t limit, std::uint32_t& out) {
  if (text.empty() || text.size() > 10) return false;
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || value > limit) return false;
  out = static_cast<std::uint32_t>(value);
  return true;
}
}  // namespace

std::optional<AdministratorValue> AdministratorValue::parse(std::string_view text) {
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view admin = text.substr(0, colon);
  std::string_view assigned = text.substr(colon + 1);
  AdministratorValue v;
  if (admin.find('.') != std::string_view::npos) {
    auto address = Ipv4Address::parse(admin);
    if (!address || !parse_u32(assigned, 0xFFFF, v.assigned)) return std::nullopt;
    v.type = 1;
    v.administrator = address->value;
    return v;
  }
  if (!parse_u32(admin, 0xFFFFFFFFu, v.administrator)) return std::nullopt;
  // A 2-octet ASN leaves 4 octets for the number; a larger ASN only 2 (RFC 5668).
  v.type = v.administrator <= 0xFFFF ? 0 : 2;
  if (!parse_u32(assigned, v.type == 0 ? 0xFFFFFFFFu : 0xFFFF, v.assigned)) return std::nullopt;
  return v;
}

std::string AdministratorValue::to_string() const {
  std::string admin =
      type == 1 ? Ipv4Address{administrator}.to_string() : std::to_string(administrator);
  return admin + ':' + std::to_string(assigned);
}

std::string OspfArea::to_string() const {
  return dotted ? Ipv4Address{id}.to_string() : std::to_string(id);
}

bool Interface::is_loopback() const {
  if (name == "lo") return true;
  constexpr std::string_view prefix = "Loopback";
  return name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0;
}

const Vrf* Config::find_vrf(std::string_view vrf_name) const {
  for (const auto& vrf : vrfs)
    if (vrf.name == vrf_name) return &vrf;
  return nullptr;
}

const Interface* Config::find_interface(std::string_view interface_name) const {
  for (const auto& itf : interfaces)
    if (itf.name == interface_name) return &itf;
  return nullptr;
}

}  // namespace l3vpn::config
