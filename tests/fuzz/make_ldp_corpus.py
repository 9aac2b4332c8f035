#!/usr/bin/env python3
"""Writes the seed corpus of the ldp_pdu fuzz target.

One file per PDU: the seed lab's valid PDUs (Hello, Initialization,
KeepAlive, Address, Label Mapping with implicit null, label messages,
Notification) and malformed shapes from tests/unit/ldp_codec_malformed_test.cpp
(lengths that lie, unknown TLVs and messages, bad FEC elements), so libFuzzer
starts next to the edges the decoder must get right. Run from anywhere; it
writes into tests/fuzz/corpus/ldp_pdu/ next to this script and leaves other
seeds be. Re-running rewrites the same bytes (no randomness).
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "ldp_pdu")

R1, R2, R3, R4 = 0x01010101, 0x02020202, 0x03030303, 0x04040404


def u16(v):
    return struct.pack("!H", v)


def u32(v):
    return struct.pack("!I", v)


def pdu(messages, lsr_id=R1, version=1, length=None):
    """Version, PDU length (the true one unless given), LDP identifier lsr_id:0, messages."""
    return u16(version) + u16(6 + len(messages) if length is None else length) + u32(lsr_id) + u16(0) + messages


def message(typ, msg_id, tlvs, length=None):
    return u16(typ) + u16(4 + len(tlvs) if length is None else length) + u32(msg_id) + tlvs


def tlv(typ, value, length=None):
    return u16(typ) + u16(len(value) if length is None else length) + value


def prefix(address, length):
    """Prefix FEC element, IPv4, only the bytes the length needs."""
    return b"\x02" + u16(1) + bytes([length]) + u32(address)[: (length + 7) // 8]


def fec(*elements):
    return tlv(0x0100, b"".join(elements))


def label(value):
    return tlv(0x0200, u32(value))


HELLO = tlv(0x0400, u16(15) + u16(0))  # Common Hello Parameters: hold 15 s, link
SESSION_R2 = tlv(0x0500, u16(1) + u16(180) + b"\x00\x00" + u16(0) + u32(R2) + u16(0))

SEEDS = {
    # valid, from the seed lab
    "hello_r1": pdu(message(0x0100, 1, HELLO + tlv(0x0401, u32(R1)))),
    "hello_targeted": pdu(message(0x0100, 2, tlv(0x0400, u16(45) + u16(0xC000)) + tlv(0x0402, u32(2))), R2),
    "init_r1_to_r2": pdu(message(0x0200, 2, SESSION_R2)),
    "init_and_keepalive": pdu(message(0x0200, 1, SESSION_R2) + message(0x0201, 2, b""), R3),
    "address_and_mapping_r1": pdu(
        message(0x0300, 3, tlv(0x0101, u16(1) + u32(R1) + u32(0x0A000C01)))
        + message(0x0400, 4, fec(prefix(R3, 32)) + label(17))),
    "mapping_implicit_null_r3": pdu(message(0x0400, 5, fec(prefix(R3, 32)) + label(3)), R3),
    "label_messages": pdu(
        message(0x0401, 40, fec(prefix(R4, 32)))
        + message(0x0402, 41, fec(b"\x01"))
        + message(0x0403, 42, fec(prefix(R3, 32)) + label(17))
        + message(0x0404, 43, fec(prefix(R4, 32)) + tlv(0x0600, u32(40))), R2),
    "mapping_short_prefixes": pdu(message(0x0400, 6, fec(prefix(0x0A000C00, 24), prefix(0, 0)) + label(18))),
    "notification_shutdown": pdu(message(0x0001, 10, tlv(0x0300, u32(0x8000000A) + u32(0) + u16(0)))),
    "notification_extended": pdu(message(0x0001, 11, tlv(0x0300, u32(0x4000000C) + u32(4) + u16(0x0400))
                                         + tlv(0x0301, u32(0xDEAD)) + tlv(0x0303, b"\x02\x01\x00\x04\x00\x00\x00\x01"))),
    "unknown_tlv_forwarded": pdu(message(0x0100, 1, HELLO + tlv(0xC123, b"\xab\xcd") + tlv(0x8124, b"\x01"))),
    "unknown_message_ignored": pdu(message(0xBF00, 5, b"\x00") + message(0x0201, 6, b"")),
    # malformed
    "bad_version_2": pdu(message(0x0201, 1, b""), version=2),
    "pdu_length_lies": pdu(message(0x0201, 1, b""), length=40),
    "message_length_3": pdu(message(0x0201, 7, b"", length=3)),
    "message_length_past_pdu": pdu(message(0x0201, 7, b"\x00\x00", length=12)),
    "unknown_message_u_clear": pdu(message(0x3E00, 7, b"") + message(0x0201, 8, b"")),
    "tlv_length_past_message": pdu(message(0x0100, 7, tlv(0x0400, u16(15) + u16(0), length=8))),
    "unknown_tlv_u_clear": pdu(message(0x0100, 7, HELLO + tlv(0x0123, b"\x01"))),
    "mapping_without_label": pdu(message(0x0400, 7, fec(prefix(R3, 32)))),
    "fec_prefix_length_33": pdu(message(0x0400, 7, fec(b"\x02\x00\x01\x21\x03\x03\x03\x03\x00") + label(17))),
    "fec_ipv6": pdu(message(0x0400, 7, fec(b"\x02\x00\x02\x80" + b"\x00" * 16) + label(17))),
    "fec_pwid": pdu(message(0x0400, 7, fec(b"\x80\x00\x00") + label(17))),
    "label_21_bits": pdu(message(0x0400, 7, fec(prefix(R3, 32)) + label(0x100000))),
    "address_ipv6": pdu(message(0x0300, 7, tlv(0x0101, u16(2) + b"\x00" * 16))),
    "address_5_bytes": pdu(message(0x0300, 7, tlv(0x0101, u16(1) + b"\x01" * 5))),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"{len(SEEDS)} seeds in {OUT}")


if __name__ == "__main__":
    main()
