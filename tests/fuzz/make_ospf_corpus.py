#!/usr/bin/env python3
"""Writes seeds for the ospf_packet fuzz target (tests/fuzz/ospf_packet_fuzz.cpp).

An independent implementation of the OSPFv2 wire format (RFC 2328 A.3, A.4),
of the IP packet checksum (D.4.1), the LSA Fletcher checksum (12.1.7) and of
the MD5 / HMAC-SHA-256 digests (D.4.3, RFC 5709), used for two things:
  * the seed corpus: one file per valid packet of the seed lab (R1 router-id
    11.11.11.11, R3 33.33.33.33, area 0, point-to-point 192.168.13.0/24) and
    per malformed shape of tests/unit/ospf_codec_malformed_test.cpp;
  * `--print`: hex of the fixtures, checksums and digests pasted into the unit
    tests, so the tests compare the C++ codec with this code, not with itself.
Run from anywhere; writes into tests/fuzz/corpus/ospf_packet/ next to this
script and leaves other files there be (crash_* are inputs the fuzzer found,
kept as regressions). Deterministic.
"""
import hashlib
import hmac
import os
import struct
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "ospf_packet")


def ip(a):
    return struct.pack("!4B", *map(int, a.split(".")))


def fletcher(lsa):
    """RFC 2328 12.1.7: checksum over lsa[2:] with bytes 16,17 as zero."""
    data = bytearray(lsa[2:])
    data[14] = data[15] = 0
    c0 = c1 = 0
    for b in data:
        c0 = (c0 + b) % 255
        c1 = (c1 + c0) % 255
    x = ((len(data) - 14 - 1) * c0 - c1) % 255
    if x <= 0:
        x += 255
    y = 510 - c0 - x
    if y > 255:
        y -= 255
    return (x << 8) | y


def lsa(age, options, typ, lsid, adv, seq, body):
    length = 20 + len(body)
    raw = bytearray(struct.pack("!HBB4s4sIHH", age, options, typ, ip(lsid), ip(adv), seq, 0, length) + body)
    struct.pack_into("!H", raw, 16, fletcher(raw))
    return bytes(raw)


def ip_checksum(packet):
    data = bytearray(packet)
    data[12:14] = b"\0\0"
    data[16:24] = b"\0" * 8
    if len(data) % 2:
        data.append(0)
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def packet(typ, router, body, autype=0, auth=b"\0" * 8, checksum=True, version=2, area="0.0.0.0"):
    raw = bytearray(struct.pack("!BBH4s4sHH", version, typ, 24 + len(body), ip(router), ip(area), 0, autype) + auth + body)
    if checksum:
        struct.pack_into("!H", raw, 12, ip_checksum(raw))
    return bytes(raw)


def md5_sign(pkt, key_id, key, seq):
    raw = bytearray(pkt)
    raw[12:14] = b"\0\0"
    struct.pack_into("!HH", raw, 14, 2, 0)
    raw[16:24] = struct.pack("!HBBI", 0, key_id, 16, seq)
    return bytes(raw) + hashlib.md5(bytes(raw) + key.ljust(16, b"\0")).digest()


def sha256_sign(pkt, key_id, key, seq):
    raw = bytearray(pkt)
    raw[12:14] = b"\0\0"
    struct.pack_into("!HH", raw, 14, 2, 0)
    raw[16:24] = struct.pack("!HBBI", 0, key_id, 32, seq)
    ko = hashlib.sha256(key).digest() if len(key) > 32 else key.ljust(32, b"\0")
    apad = bytes.fromhex("878FE1F3") * 8
    return bytes(raw) + hmac.new(ko, bytes(raw) + apad, hashlib.sha256).digest()


# Seed lab fixtures.
HELLO_R1 = struct.pack("!4sHBBI4s4s4s", ip("255.255.255.0"), 10, 0x02, 1, 40, ip("0.0.0.0"), ip("0.0.0.0"), ip("33.33.33.33"))
R3_ROUTER_BODY = (struct.pack("!BBH", 0, 0, 3)
                  + struct.pack("!4s4sBBH", ip("11.11.11.11"), ip("192.168.13.3"), 1, 0, 1)
                  + struct.pack("!4s4sBBH", ip("192.168.13.0"), ip("255.255.255.0"), 3, 0, 1)
                  + struct.pack("!4s4sBBH", ip("3.3.3.3"), ip("255.255.255.255"), 3, 0, 1))
R3_ROUTER_LSA = lsa(1, 0x02, 1, "33.33.33.33", "33.33.33.33", 0x80000001, R3_ROUTER_BODY)
NETWORK_LSA = lsa(1, 0x02, 2, "192.168.13.3", "33.33.33.33", 0x80000001,
                  ip("255.255.255.0") + ip("33.33.33.33") + ip("11.11.11.11"))
SUMMARY3_LSA = lsa(1, 0x02, 3, "3.3.3.3", "33.33.33.33", 0x80000001, ip("255.255.255.255") + struct.pack("!I", 10))
SUMMARY4_LSA = lsa(1, 0x02, 4, "11.11.11.11", "33.33.33.33", 0x80000001, ip("0.0.0.0") + struct.pack("!I", 20))
EXTERNAL_LSA = lsa(1, 0x02, 5, "10.0.0.0", "11.11.11.11", 0x80000001,
                   ip("255.0.0.0") + struct.pack("!I", 0x80000014) + ip("0.0.0.0") + struct.pack("!I", 0))
OPAQUE_LSA = lsa(1, 0x42, 10, "1.0.0.1", "11.11.11.11", 0x80000001, bytes.fromhex("00010004c0a80d01"))
DD_R3 = struct.pack("!HBBI", 1500, 0x02, 0x07, 0x1234)
DD_R3_HEADERS = struct.pack("!HBBI", 1500, 0x02, 0x03, 0x1235) + R3_ROUTER_LSA[:20]
LSR_R1 = struct.pack("!I4s4s", 1, ip("33.33.33.33"), ip("33.33.33.33"))
LSU_R3 = struct.pack("!I", 1) + R3_ROUTER_LSA
LSACK_R1 = R3_ROUTER_LSA[:20]

VALID = {
    "hello_r1": packet(1, "11.11.11.11", HELLO_R1),
    "dd_r3_init": packet(2, "33.33.33.33", DD_R3),
    "dd_r3_headers": packet(2, "33.33.33.33", DD_R3_HEADERS),
    "lsr_r1": packet(3, "11.11.11.11", LSR_R1),
    "lsu_r3_router": packet(4, "33.33.33.33", LSU_R3),
    "lsu_all_types": packet(4, "33.33.33.33", struct.pack("!I", 7) + R3_ROUTER_LSA + NETWORK_LSA + SUMMARY3_LSA
                            + SUMMARY4_LSA + EXTERNAL_LSA + OPAQUE_LSA + R3_ROUTER_LSA),
    "lsack_r1": packet(5, "11.11.11.11", LSACK_R1),
    "hello_r1_simple": packet(1, "11.11.11.11", HELLO_R1, autype=1, auth=b"lab13pw\0"),
    "hello_r1_md5": md5_sign(packet(1, "11.11.11.11", HELLO_R1), 1, b"l3vpn-md5", 7),
    "hello_r1_sha256": sha256_sign(packet(1, "11.11.11.11", HELLO_R1), 2, b"l3vpn-sha", 7),
}


def corrupt(b, at, value):
    raw = bytearray(b)
    raw[at] = value
    return bytes(raw)


MALFORMED = {
    "short_header": VALID["hello_r1"][:23],
    "bad_version": packet(1, "11.11.11.11", HELLO_R1, version=3),
    "bad_type": packet(6, "11.11.11.11", HELLO_R1),
    "length_beyond_buffer": VALID["hello_r1"][:40],
    "bad_checksum": corrupt(VALID["hello_r1"], 13, VALID["hello_r1"][13] ^ 1),
    "hello_truncated": packet(1, "11.11.11.11", HELLO_R1[:12]),
    "lsu_count_lies": packet(4, "33.33.33.33", struct.pack("!I", 2) + R3_ROUTER_LSA),
    "lsu_lsa_bad_checksum": packet(4, "33.33.33.33", struct.pack("!I", 1) + corrupt(R3_ROUTER_LSA, 30, 0x99)),
    "lsu_lsa_length_beyond": packet(4, "33.33.33.33", struct.pack("!I", 1) + R3_ROUTER_LSA[:40]),
    "md5_truncated_digest": VALID["hello_r1_md5"][:-4],
}


def main():
    if "--print" in sys.argv:
        for name, value in list(VALID.items()) + [("R3_ROUTER_LSA", R3_ROUTER_LSA), ("NETWORK_LSA", NETWORK_LSA),
                                                  ("SUMMARY3_LSA", SUMMARY3_LSA), ("SUMMARY4_LSA", SUMMARY4_LSA),
                                                  ("EXTERNAL_LSA", EXTERNAL_LSA), ("OPAQUE_LSA", OPAQUE_LSA)]:
            print(name, len(value), value.hex())
        return
    os.makedirs(OUT, exist_ok=True)
    for name, value in list(VALID.items()) + list(MALFORMED.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(value)


if __name__ == "__main__":
    main()
