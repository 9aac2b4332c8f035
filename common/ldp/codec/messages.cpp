#include "ldp/codec/messages.hpp"

#include <string>
#include <type_traits>
#include <utility>

namespace l3vpn::ldp {
namespace {

// The decode of one message: its header, for the error, and the first error seen.
struct Walk {
  const MessageHeader& header;
  std::optional<DecodeError> error;

  void fail(StatusCode status, std::string why) {
    if (!error) error = make_error(status, header.id, header.type, std::move(why));
  }
  // Fixed-size TLVs: any other length is Bad TLV Length.
  bool exact(const wire::ByteReader& value, std::size_t n, const char* name) {
    if (value.remaining() == n) return true;
    fail(StatusCode::BadTlvLength, std::string(name) + " TLV of " +
                                       std::to_string(value.remaining()) + " bytes, not " +
                                       std::to_string(n));
    return false;
  }
};

// Walks the TLVs of a message body. `on_tlv(header, value, walk)` returns true
// for a TLV it knows (it may call walk.fail); the rest get the unknown-TLV
// rules of RFC 5036 section 3.5.1.2.2.
template <class OnTlv>
std::optional<DecodeError> walk_tlvs(const MessageHeader& message, wire::ByteReader& body,
                                     std::vector<RawTlv>& forwarded, OnTlv on_tlv) {
  Walk walk{message, std::nullopt};
  while (!body.empty() && !walk.error) {
    auto tlv = read_tlv_header(body);
    if (!tlv) {
      walk.fail(StatusCode::BadTlvLength, "TLV header runs past the end of the message");
      break;
    }
    auto value = body.sub(tlv->length);
    if (!value) {
      walk.fail(StatusCode::BadTlvLength, "TLV " + type_hex(tlv->type) + " of " +
                                              std::to_string(tlv->length) +
                                              " bytes runs past the end of the message");
      break;
    }
    if (on_tlv(*tlv, *value, walk) || walk.error) continue;
    if (!tlv->unknown_bit) {
      walk.fail(StatusCode::UnknownTlv, "unknown TLV " + type_hex(tlv->type) + " with the U bit clear");
    } else if (tlv->forward_bit) {
      auto rest = value->rest();
      forwarded.push_back(RawTlv{tlv->type, {rest.begin(), rest.end()}});
    }
  }
  return walk.error;
}

// ------------------------------------------------------------------ FEC TLV

void decode_fec(wire::ByteReader value, std::vector<FecElement>& fec, Walk& walk) {
  fec.clear();
  bool wildcard = false;
  while (!value.empty()) {
    const std::uint8_t type = *value.u8();
    if (type == 1) {
      wildcard = true;
      fec.push_back(WildcardFec{});
      continue;
    }
    if (type != 2) {
      walk.fail(StatusCode::UnknownFec, "FEC element type " + std::to_string(type));
      return;
    }
    auto family = value.u16();
    auto length = value.u8();
    if (!family || !length)
      return walk.fail(StatusCode::MalformedTlvValue, "prefix FEC element cut short");
    if (*family != kAddressFamilyIpv4)
      return walk.fail(StatusCode::UnsupportedAddressFamily,
                       "prefix FEC element of address family " + std::to_string(*family));
    if (*length > 32)
      return walk.fail(StatusCode::MalformedTlvValue,
                       "IPv4 prefix length " + std::to_string(*length));
    auto bytes = value.bytes((*length + 7u) / 8u);
    if (!bytes) return walk.fail(StatusCode::MalformedTlvValue, "prefix runs past the FEC TLV");
    std::uint32_t address = 0;
    for (std::size_t i = 0; i < 4; ++i)
      address = (address << 8) | (i < bytes->size() ? (*bytes)[i] : 0u);
    fec.push_back(PrefixFec{address, *length});
  }
  if (fec.empty()) return walk.fail(StatusCode::MalformedTlvValue, "FEC TLV with no element");
  if (wildcard && fec.size() > 1)  // RFC 5036 section 3.4.1
    walk.fail(StatusCode::MalformedTlvValue, "wildcard FEC element is not alone in its TLV");
}

void encode_fec(wire::ByteWriter& w, const std::vector<FecElement>& fec) {
  auto at = begin_tlv(w, tlv_type::Fec);
  for (const FecElement& element : fec) {
    if (std::holds_alternative<WildcardFec>(element)) {
      w.u8(1);
      continue;
    }
    const PrefixFec& p = std::get<PrefixFec>(element);
    w.u8(2);
    w.u16(kAddressFamilyIpv4);
    w.u8(p.length);
    for (unsigned i = 0; i < (p.length + 7u) / 8u && i < 4; ++i)
      w.u8(static_cast<std::uint8_t>(p.address >> (24 - 8 * i)));
  }
  end_tlv(w, at);
}

void encode_u32_tlv(wire::ByteWriter& w, std::uint16_t type, std::uint32_t v) {
  auto at = begin_tlv(w, type);
  w.u32(v);
  end_tlv(w, at);
}

void encode_forwarded(wire::ByteWriter& w, const std::vector<RawTlv>& forwarded) {
  for (const RawTlv& t : forwarded) {
    auto at = begin_tlv(w, t.type, true, true);
    w.bytes(t.value);
    end_tlv(w, at);
  }
}

DecodeError missing(const MessageHeader& h, const char* what) {
  return make_error(StatusCode::MissingMessageParameters, h.id, h.type,
                    std::string("no ") + what);
}

// ------------------------------------------------------------------ decoders

Decoded<Message> decode_notification(const MessageHeader& h, wire::ByteReader body) {
  Notification n;
  n.id = h.id;
  bool have_status = false;
  auto error = walk_tlvs(h, body, n.forwarded, [&](const TlvHeader& t, wire::ByteReader v, Walk& w) {
    switch (t.type) {
      case tlv_type::Status: {
        if (!w.exact(v, 10, "Status")) return true;
        const std::uint32_t code = *v.u32();
        n.fatal = (code & 0x80000000u) != 0;
        n.forward = (code & 0x40000000u) != 0;
        n.status_code = code & 0x3FFFFFFFu;
        n.message_id = *v.u32();
        n.message_type = *v.u16();
        have_status = true;
        return true;
      }
      case tlv_type::ExtendedStatus:
        if (w.exact(v, 4, "Extended Status")) n.extended_status = *v.u32();
        return true;
      case tlv_type::ReturnedPdu:
      case tlv_type::ReturnedMessage: {
        auto rest = v.rest();
        (t.type == tlv_type::ReturnedPdu ? n.returned_pdu : n.returned_message)
            .emplace(rest.begin(), rest.end());
        return true;
      }
      default:
        return false;
    }
  });
  if (error) return *error;
  if (!have_status) return missing(h, "Status TLV");
  return n;
}

Decoded<Message> decode_hello(const MessageHeader& h, wire::ByteReader body) {
  Hello hello;
  hello.id = h.id;
  bool have_params = false;
  auto error = walk_tlvs(h, body, hello.forwarded, [&](const TlvHeader& t, wire::ByteReader v, Walk& w) {
    switch (t.type) {
      case tlv_type::CommonHelloParameters: {
        if (!w.exact(v, 4, "Common Hello Parameters")) return true;
        hello.hold_time = *v.u16();
        const std::uint16_t flags = *v.u16();
        hello.targeted = (flags & 0x8000) != 0;
        hello.request_targeted = (flags & 0x4000) != 0;
        have_params = true;
        return true;
      }
      case tlv_type::Ipv4TransportAddress:
        if (w.exact(v, 4, "IPv4 Transport Address")) hello.transport_address = *v.u32();
        return true;
      case tlv_type::ConfigurationSequenceNumber:
        if (w.exact(v, 4, "Configuration Sequence Number")) hello.configuration_sequence = *v.u32();
        return true;
      case tlv_type::Ipv6TransportAddress:
        if (w.exact(v, 16, "IPv6 Transport Address")) {
          std::array<std::uint8_t, 16> a{};
          auto bytes = *v.bytes(16);
          for (std::size_t i = 0; i < 16; ++i) a[i] = bytes[i];
          hello.ipv6_transport_address = a;
        }
        return true;
      default:
        return false;
    }
  });
  if (error) return *error;
  if (!have_params) return missing(h, "Common Hello Parameters TLV");
  return hello;
}

Decoded<Message> decode_initialization(const MessageHeader& h, wire::ByteReader body) {
  Initialization init;
  init.id = h.id;
  bool have_params = false;
  auto error = walk_tlvs(h, body, init.forwarded, [&](const TlvHeader& t, wire::ByteReader v, Walk& w) {
    if (t.type != tlv_type::CommonSessionParameters) return false;
    if (!w.exact(v, 14, "Common Session Parameters")) return true;
    init.protocol_version = *v.u16();
    init.keepalive_time = *v.u16();
    if (init.protocol_version != kProtocolVersion) {  // RFC 5036 section 3.5.3
      w.fail(StatusCode::BadProtocolVersion,
             "session parameters for LDP version " + std::to_string(init.protocol_version));
      return true;
    }
    if (init.keepalive_time == 0) {
      w.fail(StatusCode::SessionRejectedBadKeepAliveTime, "keepalive time 0");
      return true;
    }
    const std::uint8_t flags = *v.u8();
    init.downstream_on_demand = (flags & 0x80) != 0;
    init.loop_detection = (flags & 0x40) != 0;
    init.path_vector_limit = *v.u8();
    init.max_pdu_length = *v.u16();
    init.receiver.lsr_id = *v.u32();
    init.receiver.label_space = *v.u16();
    have_params = true;
    return true;
  });
  if (error) return *error;
  if (!have_params) return missing(h, "Common Session Parameters TLV");
  return init;
}

Decoded<Message> decode_keepalive(const MessageHeader& h, wire::ByteReader body) {
  KeepAlive k;
  k.id = h.id;
  auto error = walk_tlvs(h, body, k.forwarded,
                         [](const TlvHeader&, wire::ByteReader, Walk&) { return false; });
  if (error) return *error;
  return k;
}

Decoded<Message> decode_address(const MessageHeader& h, wire::ByteReader body) {
  AddressMessage a;
  a.id = h.id;
  a.withdraw = h.type == static_cast<std::uint16_t>(MessageType::AddressWithdraw);
  bool have_list = false;
  auto error = walk_tlvs(h, body, a.forwarded, [&](const TlvHeader& t, wire::ByteReader v, Walk& w) {
    if (t.type != tlv_type::AddressList) return false;
    auto family = v.u16();
    if (!family) {
      w.fail(StatusCode::BadTlvLength, "Address List TLV shorter than its address family");
      return true;
    }
    if (*family != kAddressFamilyIpv4) {
      w.fail(StatusCode::UnsupportedAddressFamily,
             "Address List of address family " + std::to_string(*family));
      return true;
    }
    if (v.remaining() % 4 != 0) {
      w.fail(StatusCode::MalformedTlvValue,
             "IPv4 Address List of " + std::to_string(v.remaining()) + " bytes");
      return true;
    }
    a.addresses.clear();
    while (!v.empty()) a.addresses.push_back(*v.u32());
    have_list = true;
    return true;
  });
  if (error) return *error;
  if (!have_list) return missing(h, "Address List TLV");
  return a;
}

Decoded<Message> decode_label(const MessageHeader& h, wire::ByteReader body) {
  LabelMessage m;
  m.type = static_cast<MessageType>(h.type);
  m.id = h.id;
  const bool takes_label = m.type == MessageType::LabelMapping ||
                           m.type == MessageType::LabelWithdraw ||
                           m.type == MessageType::LabelRelease;
  const bool takes_request_id =
      m.type == MessageType::LabelMapping || m.type == MessageType::LabelAbortRequest;
  auto error = walk_tlvs(h, body, m.forwarded, [&](const TlvHeader& t, wire::ByteReader v, Walk& w) {
    if (t.type == tlv_type::Fec) {
      decode_fec(v, m.fec, w);
      return true;
    }
    if (t.type == tlv_type::GenericLabel && takes_label) {
      if (!w.exact(v, 4, "Generic Label")) return true;
      const std::uint32_t label = *v.u32();
      if (label > kMaxLabel)
        w.fail(StatusCode::MalformedTlvValue, "label " + std::to_string(label) + " needs more than 20 bits");
      m.label = label;
      return true;
    }
    if (t.type == tlv_type::LabelRequestMessageId && takes_request_id) {
      if (w.exact(v, 4, "Label Request Message ID")) m.label_request_id = *v.u32();
      return true;
    }
    return false;
  });
  if (error) return *error;
  if (m.fec.empty()) return missing(h, "FEC TLV");
  if (m.type == MessageType::LabelMapping && !m.label) return missing(h, "label TLV");
  if (m.type == MessageType::LabelAbortRequest && !m.label_request_id)
    return missing(h, "Label Request Message ID TLV");
  return m;
}

// ------------------------------------------------------------------ encoders

void encode_body(wire::ByteWriter& w, const Notification& n) {
  auto at = begin_tlv(w, tlv_type::Status);
  w.u32((n.fatal ? 0x80000000u : 0u) | (n.forward ? 0x40000000u : 0u) |
        (n.status_code & 0x3FFFFFFFu));
  w.u32(n.message_id);
  w.u16(n.message_type);
  end_tlv(w, at);
  if (n.extended_status) encode_u32_tlv(w, tlv_type::ExtendedStatus, *n.extended_status);
  for (auto [type, value] : {std::pair{tlv_type::ReturnedPdu, &n.returned_pdu},
                             std::pair{tlv_type::ReturnedMessage, &n.returned_message}}) {
    if (!*value) continue;
    auto tlv = begin_tlv(w, type);
    w.bytes(**value);
    end_tlv(w, tlv);
  }
}

void encode_body(wire::ByteWriter& w, const Hello& h) {
  auto at = begin_tlv(w, tlv_type::CommonHelloParameters);
  w.u16(h.hold_time);
  w.u16(static_cast<std::uint16_t>((h.targeted ? 0x8000 : 0) | (h.request_targeted ? 0x4000 : 0)));
  end_tlv(w, at);
  if (h.transport_address) encode_u32_tlv(w, tlv_type::Ipv4TransportAddress, *h.transport_address);
  if (h.configuration_sequence)
    encode_u32_tlv(w, tlv_type::ConfigurationSequenceNumber, *h.configuration_sequence);
  if (h.ipv6_transport_address) {
    auto tlv = begin_tlv(w, tlv_type::Ipv6TransportAddress);
    w.bytes(*h.ipv6_transport_address);
    end_tlv(w, tlv);
  }
}

void encode_body(wire::ByteWriter& w, const Initialization& i) {
  auto at = begin_tlv(w, tlv_type::CommonSessionParameters);
  w.u16(i.protocol_version);
  w.u16(i.keepalive_time);
  w.u8(static_cast<std::uint8_t>((i.downstream_on_demand ? 0x80 : 0) | (i.loop_detection ? 0x40 : 0)));
  w.u8(i.path_vector_limit);
  w.u16(i.max_pdu_length);
  w.u32(i.receiver.lsr_id);
  w.u16(i.receiver.label_space);
  end_tlv(w, at);
}

void encode_body(wire::ByteWriter&, const KeepAlive&) {}

void encode_body(wire::ByteWriter& w, const AddressMessage& a) {
  auto at = begin_tlv(w, tlv_type::AddressList);
  w.u16(kAddressFamilyIpv4);
  for (std::uint32_t address : a.addresses) w.u32(address);
  end_tlv(w, at);
}

void encode_body(wire::ByteWriter& w, const LabelMessage& m) {
  if (!m.fec.empty()) encode_fec(w, m.fec);
  if (m.label) encode_u32_tlv(w, tlv_type::GenericLabel, *m.label);
  if (m.label_request_id) encode_u32_tlv(w, tlv_type::LabelRequestMessageId, *m.label_request_id);
}

}  // namespace

Notification to_notification(const DecodeError& e, std::uint32_t id) {
  Notification n;
  n.id = id;
  n.status_code = static_cast<std::uint32_t>(e.status);
  n.fatal = e.fatal;
  n.message_id = e.message_id;
  n.message_type = e.message_type;
  return n;
}

MessageType type_of(const Message& m) {
  return std::visit(
      [](const auto& v) -> MessageType {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, Notification>) return MessageType::Notification;
        else if constexpr (std::is_same_v<T, Hello>) return MessageType::Hello;
        else if constexpr (std::is_same_v<T, Initialization>) return MessageType::Initialization;
        else if constexpr (std::is_same_v<T, KeepAlive>) return MessageType::KeepAlive;
        else if constexpr (std::is_same_v<T, AddressMessage>)
          return v.withdraw ? MessageType::AddressWithdraw : MessageType::Address;
        else return v.type;
      },
      m);
}

std::uint32_t id_of(const Message& m) {
  return std::visit([](const auto& v) { return v.id; }, m);
}

Decoded<Message> decode_message(const MessageHeader& header, wire::ByteReader body) {
  switch (static_cast<MessageType>(header.type)) {
    case MessageType::Notification: return decode_notification(header, body);
    case MessageType::Hello: return decode_hello(header, body);
    case MessageType::Initialization: return decode_initialization(header, body);
    case MessageType::KeepAlive: return decode_keepalive(header, body);
    case MessageType::Address:
    case MessageType::AddressWithdraw: return decode_address(header, body);
    case MessageType::LabelMapping:
    case MessageType::LabelRequest:
    case MessageType::LabelWithdraw:
    case MessageType::LabelRelease:
    case MessageType::LabelAbortRequest: return decode_label(header, body);
  }
  return make_error(StatusCode::UnknownMessageType, header.id, header.type,
                    "unknown message type " + type_hex(header.type));
}

void encode_message(wire::ByteWriter& w, const Message& m) {
  w.u16(static_cast<std::uint16_t>(type_of(m)));
  auto at = w.reserve_u16();
  w.u32(id_of(m));
  std::visit(
      [&w](const auto& v) {
        encode_body(w, v);
        encode_forwarded(w, v.forwarded);
      },
      m);
  w.patch_u16_length(at);
}

std::vector<std::uint8_t> encode_message(const Message& m) {
  wire::ByteWriter w;
  encode_message(w, m);
  return w.take();
}

}  // namespace l3vpn::ldp
