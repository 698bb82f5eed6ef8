# The reader protocol v1 frame (docs/reader-protocol.md §2) built independently of TapBus: Python's cryptography
# AES-CMAC over the signed bytes, truncated to 8. The *-golden.py scripts beside it describe each exchange's frames and
# call write(); each frame becomes NAME.txt (its readable fields) and NAME.hex (its exact bytes, annotated).
import os, struct
from cryptography.hazmat.primitives.cmac import CMAC
from cryptography.hazmat.primitives.ciphers import algorithms

KEY = bytes.fromhex("000102030405060708090a0b0c0d0e0f")  # a public test key, never a real reader key
READER = "R-DEMO-1"


def frame(code, seq, body):
    b = body.encode()
    rid = READER.encode()
    L = 1 + 8 + 1 + len(rid) + 2 + len(b) + 8
    signed = b"TB" + bytes([1]) + struct.pack(">H", L) + bytes([code]) + struct.pack(">q", seq) \
        + bytes([len(rid)]) + rid + struct.pack(">H", len(b)) + b
    c = CMAC(algorithms.AES(KEY)); c.update(signed)
    return signed, c.finalize()[:8]


def write(path, type_name, code, seq, body, exchange, value_test, note=""):
    """Writes PATH.txt and PATH.hex for one frame; exchange names the protocol part, value_test the test of its body."""
    signed, mac = frame(code, seq, body)
    total = len(signed) + 8
    b = body.encode()
    name = os.path.basename(path)
    with open(path + ".txt", "w") as f:
        f.write(f"# Golden {type_name}, reader protocol v1 {exchange}.\n")
        f.write(f"# {name}.hex holds the exact bytes of this frame; GoldenFrameTest checks both directions, {value_test} its body.\n")
        f.write("# The key is a public test key (000102..0f), never a real reader key." + (" " + note if note else "") + "\n")
        f.write("key=" + KEY.hex() + "\nversion=1\ntype=" + type_name + "\nsequence=" + str(seq) + "\nreaderId=" + READER
                + "\nbody=" + body + "\nmac=" + mac.hex() + "\n")
    L = total - 5
    with open(path + ".hex", "w") as f:
        f.write(f"# {total} bytes. Whitespace and '#' comments are not part of the frame.\n")
        f.write("5442                    # magic \"TB\"\n01                      # version 1\n")
        f.write(f"{L:04x}                    # L = {L} bytes follow\n")
        f.write(f"{code:02x}                      # type {type_name}\n")
        f.write(f"{seq:016x}        # sequence {seq}\n")
        f.write("08                      # reader id length 8\n522d44454d4f2d31        # \"R-DEMO-1\"\n")
        f.write(f"{len(b):04x}                    # body length {len(b)}\n")
        f.write(f"# body: {body}\n")
        h = b.hex()
        for i in range(0, len(h), 64):
            f.write(h[i:i+64] + "\n")
        f.write(f"{mac.hex()}        # MAC = first 8 bytes of AES-CMAC(key, bytes 0..{len(signed)-1})\n")
    print(name, total, "bytes, L =", L, "mac", mac.hex())
