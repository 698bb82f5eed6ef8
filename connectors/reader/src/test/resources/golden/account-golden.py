# Independent golden frames for the account query (docs/reader-protocol.md §15): Python's cryptography CMAC, no TapBus code.
# Run: python3 account-golden.py .   (writes account-query-v1.{txt,hex} and account-answer-v1.{txt,hex})
import struct, sys
from cryptography.hazmat.primitives.cmac import CMAC
from cryptography.hazmat.primitives.ciphers import algorithms

KEY = bytes.fromhex("000102030405060708090a0b0c0d0e0f")
READER = "R-DEMO-1"
TYPES = {"ACCOUNT_QUERY": 0x14, "ACCOUNT_ANSWER": 0x94}

def frame(type_name, seq, body):
    b = body.encode()
    rid = READER.encode()
    L = 1 + 8 + 1 + len(rid) + 2 + len(b) + 8
    signed = b"TB" + bytes([1]) + struct.pack(">H", L) + bytes([TYPES[type_name]]) + struct.pack(">q", seq) \
        + bytes([len(rid)]) + rid + struct.pack(">H", len(b)) + b
    c = CMAC(algorithms.AES(KEY)); c.update(signed)
    return signed, c.finalize()[:8]

def write(name, type_name, seq, body):
    signed, mac = frame(type_name, seq, body)
    total = len(signed) + 8
    b = body.encode()
    with open(name + ".txt", "w") as f:
        f.write(f"# Golden {type_name}, reader protocol v1 account query (docs/reader-protocol.md §15).\n")
        f.write(f"# {name.split('/')[-1]}.hex holds the exact bytes of this frame; AccountGoldenFrameTest checks both directions.\n")
        f.write("# The key is a public test key (000102..0f), never a real reader key.\n")
        f.write("key=" + KEY.hex() + "\nversion=1\ntype=" + type_name + "\nsequence=" + str(seq) + "\nreaderId=" + READER
                + "\nbody=" + body + "\nmac=" + mac.hex() + "\n")
    L = total - 5
    with open(name + ".hex", "w") as f:
        f.write(f"# {total} bytes. Whitespace and '#' comments are not part of the frame.\n")
        f.write("5442                    # magic \"TB\"\n01                      # version 1\n")
        f.write(f"{L:04x}                    # L = {L} bytes follow\n")
        f.write(f"{TYPES[type_name]:02x}                      # type {type_name}\n")
        f.write(f"{seq:016x}        # sequence {seq}\n")
        f.write("08                      # reader id length 8\n522d44454d4f2d31        # \"R-DEMO-1\"\n")
        f.write(f"{len(b):04x}                    # body length {len(b)}\n")
        f.write(f"# body: {body}\n")
        h = b.hex()
        for i in range(0, len(h), 64):
            f.write(h[i:i+64] + "\n")
        f.write(f"{mac.hex()}        # MAC = first 8 bytes of AES-CMAC(key, bytes 0..{len(signed)-1})\n")
    print(name, total, "bytes, L =", L, "mac", mac.hex())
    print((signed + mac).hex())

QUERY = '{"cardUid":"04A1B2C3D4E5F6","readerTime":"2026-11-25T18:00:00Z","correlationId":"bal-0001"}'
ANSWER = ('{"cardStatus":"ACTIVE","balanceMinor":98750,"currency":"CNY",'
          '"points":{"count":2,"first":[{"name":"Demo Cafe Card","points":40},{"name":"Demo Shop Club","points":120}]},'
          '"coupons":{"count":1,"first":[{"code":"CPN-7K2M9QXA4B3C","until":"2026-12-31"}]},'
          '"tickets":{"count":4,"first":[{"kind":"RIDE","product":"Metro single","usesLeft":1,"until":"2026-11-26"},'
          '{"kind":"PASS","product":"Zones 1-2 weekly","usesLeft":-1,"until":"2026-12-01"},'
          '{"kind":"EVENT","product":"Harbour Jazz Nig","usesLeft":1,"until":"2026-12-05"}]},'
          '"correlationId":"bal-0001"}')

out = sys.argv[1]
write(out + "/account-query-v1", "ACCOUNT_QUERY", 1795629600000005, QUERY)
write(out + "/account-answer-v1", "ACCOUNT_ANSWER", 1795629600000005, ANSWER)
