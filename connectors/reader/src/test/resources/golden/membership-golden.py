# Independent golden frames for MEMBERSHIP_ADD / MEMBERSHIP_RESULT (docs/reader-protocol.md §16): Python's
# cryptography CMAC and a hand-built member card record, no TapBus code. Run: python3 membership-golden.py DIR
import struct, sys
from cryptography.hazmat.primitives.cmac import CMAC
from cryptography.hazmat.primitives.ciphers import algorithms

KEY = bytes.fromhex("000102030405060708090a0b0c0d0e0f")
READER = "R-DEMO-1"
TYPES = {"MEMBERSHIP_ADD": 0x15, "MEMBERSHIP_RESULT": 0x95}

def tlv(tag, value):
    return bytes([tag, len(value)]) + value

# The old card's record: "TM" 1, programme id, member number, tier, member since, points, holder name.
RECORD = b"TM\x01" + tlv(1, b"demo-shop-club") + tlv(2, b"SC-100200") + tlv(3, b"GOLD") + tlv(4, b"2019-04-01") \
    + tlv(5, struct.pack(">I", 1200)) + tlv(6, "Demo user".encode("utf-8"))

def frame(type_name, seq, body):
    b = body.encode()
    rid = READER.encode()
    L = 1 + 8 + 1 + len(rid) + 2 + len(b) + 8
    signed = b"TB" + bytes([1]) + struct.pack(">H", L) + bytes([TYPES[type_name]]) + struct.pack(">q", seq) \
        + bytes([len(rid)]) + rid + struct.pack(">H", len(b)) + b
    c = CMAC(algorithms.AES(KEY)); c.update(signed)
    return signed, c.finalize()[:8]

def write(name, type_name, seq, body, note):
    signed, mac = frame(type_name, seq, body)
    total = len(signed) + 8
    b = body.encode()
    with open(name + ".txt", "w") as f:
        f.write(f"# Golden {type_name}, reader protocol v1 membership by tap (docs/reader-protocol.md §16).\n")
        f.write(f"# {name.split('/')[-1]}.hex holds the exact bytes of this frame; MembershipGoldenFrameTest checks both directions.\n")
        f.write("# The key is a public test key (000102..0f), never a real reader key. " + note + "\n")
        f.write("key=" + KEY.hex() + "\nversion=1\ntype=" + type_name + "\nsequence=" + str(seq) + "\nreaderId=" + READER
                + "\nbody=" + body + "\nmac=" + mac.hex() + "\n")
    L = total - 5
    with open(name + ".hex", "w") as f:
        f.write(f"# {total} bytes. Whitespace and '#' comments are not part of the frame.\n")
        f.write(f"5442                    # magic \"TB\"\n01                      # version 1\n")
        f.write(f"{L:04x}                    # L = {L} bytes follow\n")
        f.write(f"{TYPES[type_name]:02x}                      # type {type_name}\n")
        f.write(f"{seq:016x}        # sequence {seq}\n")
        f.write(f"08                      # reader id length 8\n522d44454d4f2d31        # \"R-DEMO-1\"\n")
        f.write(f"{len(b):04x}                    # body length {len(b)}\n")
        f.write(f"# body: {body}\n")
        h = b.hex()
        for i in range(0, len(h), 64):
            f.write(h[i:i+64] + "\n")
        f.write(f"{mac.hex()}        # MAC = first 8 bytes of AES-CMAC(key, bytes 0..{len(signed)-1})\n")
    print(name, total, "bytes, L =", L, "mac", mac.hex())
    print((signed + mac).hex())

ADD = ('{"requestId":"MA-0001","cardUid":"04A1B2C3D4E5F6","memberCard":"' + RECORD.hex().upper()
       + '","consent":true,"readerTime":"2026-12-07T10:00:00Z"}')
RESULT = ('{"requestId":"MA-0001","verdict":"APPROVED","reasons":[],"programmeId":"demo-shop-club","memberNumber":"SC-100200",'
          '"status":"ACTIVE","tier":"GOLD","pointsProgrammeId":"demo-shop-club","pointsCredited":1200,"decisionId":"D-7"}')

out = sys.argv[1]
print("member card record", len(RECORD), "bytes:", RECORD.hex().upper())
write(out + "/membership-add-v1", "MEMBERSHIP_ADD", 1796637600000001, ADD,
      "memberCard is the old card's record (§16.1): " + RECORD.hex().upper())
write(out + "/membership-result-v1", "MEMBERSHIP_RESULT", 1796637600000001, RESULT, "")
