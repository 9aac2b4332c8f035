// libFuzzer target: any bytes as one received OSPFv2 packet. The decoder may
// drop them, but must never read outside the buffer; whatever it accepts must
// encode back to bytes that decode to the same packet. The same bytes also go
// through every authentication check (which reads the digest after the packet),
// and an accepted packet, once signed, must verify and decode again.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "ospf/codec/auth.hpp"
#include "ospf/codec/packet.hpp"

using namespace l3vpn::ospf;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> bytes(data, size);

  static const std::array<std::uint8_t, 9> key = {'l', '3', 'v', 'p', 'n', '-', 'm', 'd', '5'};
  for (const AuthConfig& config :
       {null_auth(), simple_password_auth(key), crypto_auth(1, CryptoAlgorithm::Md5, key),
        crypto_auth(2, CryptoAlgorithm::HmacSha256, key)})
    (void)verify(bytes, config, 7);

  auto first = decode_packet(bytes);
  if (dropped(first)) return 0;
  const Packet& packet = std::get<Packet>(first);
  std::vector<std::uint8_t> wire = encode_packet(packet);
  if (wire.size() != packet.header.length) std::abort();
  auto again = decode_packet(wire);
  if (dropped(again) || !(std::get<Packet>(again) == packet)) std::abort();

  // Whatever is signed verifies, under every kind of authentication, and
  // still decodes to the same body.
  for (const AuthConfig& config :
       {null_auth(), simple_password_auth(key), crypto_auth(1, CryptoAlgorithm::Md5, key),
        crypto_auth(2, CryptoAlgorithm::HmacSha256, key)}) {
    std::vector<std::uint8_t> signed_wire = sign(wire, config, 9);
    if (dropped(verify(signed_wire, config, 9))) std::abort();
    auto signed_packet = decode_packet(signed_wire);
    if (dropped(signed_packet) || !(std::get<Packet>(signed_packet).body == packet.body))
      std::abort();
  }
  (void)sign(bytes, crypto_auth(1, CryptoAlgorithm::Md5, key), 1);  // any bytes: no overrun
  return 0;
}
