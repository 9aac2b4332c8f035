#!/usr/bin/env python3
"""Writes malformed-shape seeds for the bgp_message fuzz target.

One file per interesting shape of tests/unit/bgp_malformed_test.cpp, each a
whole BGP message (header included), so libFuzzer starts next to the edges
the decoders must get right. Run once from anywhere; it writes into
tests/fuzz/corpus/bgp_message/ next to this script and leaves other seeds be.
Re-running rewrites the same bytes (no randomness).
"""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "bgp_message")


def u16(v):
    return struct.pack("!H", v)


def message(body, typ, length=None):
    """Marker, length (the true one unless given), type, body."""
    return b"\xff" * 16 + u16(19 + len(body) if length is None else length) + bytes([typ]) + body


def attr(flags, typ, value):
    if flags & 0x10:  # extended length
        return bytes([flags, typ]) + u16(len(value)) + value
    return bytes([flags, typ, len(value)]) + value


def update(attrs, nlri=b"", withdrawn=b""):
    return message(u16(len(withdrawn)) + withdrawn + u16(len(attrs)) + attrs + nlri, 2)


ORIGIN = attr(0x40, 1, b"\x00")
AS_PATH = attr(0x40, 2, b"\x02\x01\x00\x00\xfe\x4f")  # 4-octet AS 65103
NEXT_HOP = attr(0x40, 3, b"\xc0\xa8\x0c\x02")
MANDATORY = ORIGIN + AS_PATH + NEXT_HOP
NLRI10 = b"\x08\x0a"
RD = b"\x00\x00\xfe\x4f\x00\x00\x01\x92"  # type 0, 65103:402
VPN_NH = b"\x00" * 8 + b"\x02\x02\x02\x02"
LABEL16 = b"\x00\x01\x01"
VPN_ROUTE = bytes([112]) + LABEL16 + RD + b"\x0a\x0a\x1e"


def mp_reach_vpn(nlri, nh=VPN_NH, flags=0x80):
    return attr(flags, 14, b"\x00\x01\x80" + bytes([len(nh)]) + nh + b"\x00" + nlri)


def mp_unreach_vpn(nlri):
    return attr(0x80, 15, b"\x00\x01\x80" + nlri)


def open_msg(params, version=4, hold=180, ident=0x03030303, params_len=None):
    plen = len(params) if params_len is None else params_len
    return message(bytes([version]) + u16(65103) + u16(hold) + struct.pack("!I", ident) + bytes([plen]) + params, 1)


def caps(c):
    return b"\x02" + bytes([len(c)]) + c


CAP_AS4 = b"\x41\x04\x00\x00\xfe\x4f"
CAP_VPNV4 = b"\x01\x04\x00\x01\x00\x80"

SEEDS = {
    # header and small messages
    "hdr_length_18": message(b"", 4, length=18),
    "hdr_length_4097": message(b"", 2, length=4097),
    "hdr_type_0": message(b"", 0),
    "notification_1_byte": message(b"\x06", 3),
    "route_refresh_3_bytes": message(b"\x00\x01\x00", 5),
    # OPEN
    "open_version_3": open_msg(caps(CAP_AS4), version=3),
    "open_hold_1": open_msg(caps(CAP_AS4), hold=1),
    "open_bgp_id_0": open_msg(caps(CAP_AS4), ident=0),
    "open_cve_2022_40302_params_len_255": open_msg(caps(CAP_AS4), params_len=255),
    "open_cve_2022_40318_extended_params": open_msg(b"\xff\x01\x00\x02\x06", params_len=255),
    "open_rfc9072_extended_consistent": open_msg(b"\xff" + u16(252) + b"\x00" * 252, params_len=255),
    "open_as4_cap_2_bytes": open_msg(caps(b"\x41\x02\xfe\x4f")),
    "open_cap_cut": open_msg(caps(b"\x41")),
    "open_unknown_cap": open_msg(caps(CAP_VPNV4 + b"\x63\x03\x01\x02\x03" + CAP_AS4)),
    # UPDATE framing (RFC 7606 section 4)
    "update_total_attr_len_overrun": message(u16(0) + u16(len(MANDATORY) + 1) + MANDATORY, 2),
    "update_withdrawn_33": update(b"", withdrawn=b"\x21\x0a\x00\x00\x00\x00"),
    "update_attr_header_2_bytes_left": update(MANDATORY + b"\x40\x05", NLRI10),
    "update_extlen_1_length_byte": update(MANDATORY + b"\x50\x05\x00", NLRI10),
    "update_extlen_short_origin": update(attr(0x50, 1, b"\x00") + AS_PATH + NEXT_HOP, NLRI10),
    # missing mandatory (CVE-2023-46753)
    "update_cve_2023_46753_no_attrs_nlri": update(b"", NLRI10),
    "update_cve_2023_46753_unreach_plus_nlri":
        update(mp_unreach_vpn(bytes([112]) + b"\x80\x00\x00" + RD + b"\x0a\x0a\x1e"), NLRI10),
    # flags and values
    "update_origin_partial": update(attr(0x60, 1, b"\x00") + AS_PATH + NEXT_HOP, NLRI10),
    "update_med_transitive": update(MANDATORY + attr(0xc0, 4, b"\x00\x00\x00\x01"), NLRI10),
    "update_mp_reach_transitive": update(ORIGIN + AS_PATH + mp_reach_vpn(VPN_ROUTE, flags=0xc0)),
    "update_as_path_zero_segment": update(ORIGIN + attr(0x40, 2, b"\x02\x00") + NEXT_HOP, NLRI10),
    "update_as_path_count_overrun": update(ORIGIN + attr(0x40, 2, b"\x02\x03\x00\x00\xfe\x4f") + NEXT_HOP, NLRI10),
    "update_origin_255": update(attr(0x40, 1, b"\xff") + AS_PATH + NEXT_HOP, NLRI10),
    "update_duplicate_origin": update(ORIGIN + attr(0x40, 1, b"\x02") + AS_PATH + NEXT_HOP, NLRI10),
    "update_duplicate_mp_reach": update(ORIGIN + AS_PATH + mp_reach_vpn(VPN_ROUTE) + mp_reach_vpn(VPN_ROUTE)),
    "update_communities_len_0": update(MANDATORY + attr(0xc0, 8, b""), NLRI10),
    "update_well_known_23": update(MANDATORY + attr(0x40, 23, b"\x00\x07\x00\x00"), NLRI10),
    # CVE-2023-38802: tunnel encapsulation with a bad inner length, carried
    "update_cve_2023_38802_tunnel_encap": update(MANDATORY + attr(0xc0, 23, b"\x00\x07\x00\x04\x01\xff"), NLRI10),
    "update_unknown_extlen_300": update(MANDATORY + attr(0xd0, 99, b"\xab" * 300), NLRI10),
    # MP_REACH / MP_UNREACH (CVE-2023-41358, CVE-2023-46752)
    "update_cve_2023_41358_mp_reach_len_0": update(ORIGIN + AS_PATH + attr(0x80, 14, b"")),
    "update_cve_2023_41358_mp_unreach_len_0": update(attr(0x80, 15, b"")),
    "update_cve_2023_41358_vpn_nlri_0_bits": update(ORIGIN + AS_PATH + mp_reach_vpn(b"\x00")),
    "update_cve_2023_46752_nh_len_overrun": update(ORIGIN + AS_PATH + attr(0x80, 14, b"\x00\x01\x80\x0c" + b"\x00" * 8)),
    "update_cve_2023_46752_nh_len_255": update(ORIGIN + AS_PATH + attr(0x80, 14, b"\x00\x01\x80\xff" + VPN_NH + b"\x00" + VPN_ROUTE)),
    "update_mp_reach_no_reserved": update(ORIGIN + AS_PATH + attr(0x80, 14, b"\x00\x01\x80\x0c" + VPN_NH)),
    "update_vpn_nh_4_bytes": update(ORIGIN + AS_PATH + mp_reach_vpn(VPN_ROUTE, nh=b"\x02\x02\x02\x02")),
    "update_vpn_prefix_33": update(ORIGIN + AS_PATH + mp_reach_vpn(bytes([121]) + LABEL16 + RD + b"\x0a\x0a\x1e\x01\x00")),
    "update_vpn_label_no_bos": update(ORIGIN + AS_PATH + mp_reach_vpn(bytes([112]) + b"\x00\x01\x00\x00\x01\x10\x00\x01\x20\x00\x01\x30\x00\x01\x40")),
    "update_vpn_two_labels": update(ORIGIN + AS_PATH + mp_reach_vpn(bytes([136]) + b"\x00\x01\x00" + LABEL16 + RD + b"\x0a\x0a\x1e")),
    "update_mp_unreach_prefix_40": update(mp_unreach_vpn(bytes([128]) + b"\x80\x00\x00" + RD + b"\x0a\x0a\x1e\x01\x00")),
    "update_mp_reach_afi2_ignored": update(ORIGIN + AS_PATH + attr(0x80, 14, b"\x00\x02\x01\x10" + b"\x20" * 16 + b"\x00\x20\x20\x01\x0d\xb8")),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in sorted(SEEDS.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"{len(SEEDS)} seeds written to {OUT}")


if __name__ == "__main__":
    main()
