#include "bgp/codec/open.hpp"

#include <string>

#include "bgp/codec/message.hpp"
#include "wire/byte_reader.hpp"
#include "wire/byte_writer.hpp"

namespace l3vpn::bgp {
namespace {

constexpr std::uint8_t kCapabilitiesParameter = 2;  // RFC 5492 section 4

DecodeError open_error(std::uint8_t subcode, std::string why, std::vector<std::uint8_t> data = {}) {
  return DecodeError{ErrorCode::OpenMessage, subcode, std::move(data), std::move(why)};
}

// One capability TLV's value, already bounded by its own length.
std::optional<DecodeError> decode_capability(std::uint8_t code, wire::ByteReader value,
                                             Capabilities& caps) {
  switch (code) {
    case capability_code::Multiprotocol: {
      auto afi = value.u16();
      value.skip(1);  // reserved
      auto safi = value.u8();
      if (!afi || !safi || !value.empty())
        return open_error(0, "multiprotocol capability is not 4 bytes");
      caps.multiprotocol.push_back(AfiSafi{*afi, *safi});
      return std::nullopt;
    }
    case capability_code::RouteRefresh:
      if (!value.empty()) return open_error(0, "route refresh capability with a value");
      caps.route_refresh = true;
      return std::nullopt;
    case capability_code::ExtendedMessage:
      if (!value.empty()) return open_error(0, "extended message capability with a value");
      caps.extended_message = true;
      return std::nullopt;
    case capability_code::FourOctetAs: {
      auto asn = value.u32();
      if (!asn || !value.empty()) return open_error(0, "4-octet AS capability is not 4 bytes");
      caps.four_octet_as = *asn;
      return std::nullopt;
    }
    default: {
      auto rest = value.rest();
      caps.unknown.push_back(UnknownCapability{code, {rest.begin(), rest.end()}});
      return std::nullopt;
    }
  }
}

std::optional<DecodeError> decode_capabilities(wire::ByteReader params, Capabilities& caps) {
  while (!params.empty()) {
    auto code = params.u8();
    auto length = params.u8();
    auto value = length ? params.sub(*length) : std::nullopt;
    if (!code || !value) return open_error(0, "capability runs past its optional parameter");
    if (auto error = decode_capability(*code, *value, caps)) return error;
  }
  return std::nullopt;
}

}  // namespace

Open make_open(std::uint32_t asn, std::uint16_t hold_time, std::uint32_t bgp_identifier,
               std::vector<AfiSafi> families) {
  Open open;
  open.my_as = asn > 0xFFFF ? kAsTrans : static_cast<std::uint16_t>(asn);
  open.hold_time = hold_time;
  open.bgp_identifier = bgp_identifier;
  open.capabilities.multiprotocol = std::move(families);
  open.capabilities.route_refresh = true;
  open.capabilities.four_octet_as = asn;
  return open;
}

Decoded<Open> decode_open(std::span<const std::uint8_t> body) {
  wire::ByteReader r(body);
  Open open;
  auto version = r.u8();
  auto my_as = r.u16();
  auto hold_time = r.u16();
  auto identifier = r.u32();
  auto params_length = r.u8();
  // RFC 4271 section 6.1: Bad Message Length carries the erroneous Length field.
  const auto message_length = static_cast<std::uint16_t>(kHeaderLength + body.size());
  const std::vector<std::uint8_t> length_field{static_cast<std::uint8_t>(message_length >> 8),
                                               static_cast<std::uint8_t>(message_length)};
  if (!version || !my_as || !hold_time || !identifier || !params_length)
    return DecodeError{ErrorCode::MessageHeader, header_subcode::BadMessageLength, length_field,
                       "OPEN shorter than its fixed part"};
  if (*version != 4)  // data: the largest version we support (RFC 4271 section 6.2)
    return open_error(open_subcode::UnsupportedVersionNumber,
                      "BGP version " + std::to_string(*version), {0x00, 0x04});
  if (*hold_time == 1 || *hold_time == 2)
    return open_error(open_subcode::UnacceptableHoldTime,
                      "hold time " + std::to_string(*hold_time) + " s is below 3 s");
  if (*identifier == 0)  // RFC 6286 section 2.1
    return open_error(open_subcode::BadBgpIdentifier, "BGP identifier 0.0.0.0");
  if (*params_length != r.remaining())
    return DecodeError{ErrorCode::MessageHeader, header_subcode::BadMessageLength, length_field,
                       "optional parameters length disagrees with the message length"};
  open.version = *version;
  open.my_as = *my_as;
  open.hold_time = *hold_time;
  open.bgp_identifier = *identifier;
  while (!r.empty()) {
    auto type = r.u8();
    auto length = r.u8();
    auto value = length ? r.sub(*length) : std::nullopt;
    if (!type || !value) return open_error(0, "optional parameter runs past the message");
    if (*type != kCapabilitiesParameter)
      return open_error(open_subcode::UnsupportedOptionalParameter,
                        "optional parameter type " + std::to_string(*type));
    if (auto error = decode_capabilities(*value, open.capabilities)) return *error;
  }
  return open;
}

std::vector<std::uint8_t> encode_open(const Open& open) {
  wire::ByteWriter caps;
  auto add = [&caps](std::uint8_t code, auto&& write_value) {
    caps.u8(code);
    auto at = caps.reserve_u8();
    write_value();
    caps.patch_u8_length(at);
  };
  for (const AfiSafi& family : open.capabilities.multiprotocol)
    add(capability_code::Multiprotocol, [&] {
      caps.u16(family.afi);
      caps.u8(0);
      caps.u8(family.safi);
    });
  if (open.capabilities.route_refresh) add(capability_code::RouteRefresh, [] {});
  if (open.capabilities.extended_message) add(capability_code::ExtendedMessage, [] {});
  if (open.capabilities.four_octet_as)
    add(capability_code::FourOctetAs, [&] { caps.u32(*open.capabilities.four_octet_as); });
  for (const UnknownCapability& u : open.capabilities.unknown)
    add(u.code, [&] { caps.bytes(u.value); });

  wire::ByteWriter w;
  w.u8(open.version);
  w.u16(open.my_as);
  w.u16(open.hold_time);
  w.u32(open.bgp_identifier);
  if (caps.size() == 0) {
    w.u8(0);
  } else {
    // One capabilities parameter holding them all (RFC 5492 section 4 allows either).
    w.u8(static_cast<std::uint8_t>(caps.size() + 2));
    w.u8(kCapabilitiesParameter);
    w.u8(static_cast<std::uint8_t>(caps.size()));
    w.bytes(caps.data());
  }
  return frame(MessageType::Open, w.data());
}

}  // namespace l3vpn::bgp
