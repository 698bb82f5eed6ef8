# Independent golden frames for the payment exchange: Python's cryptography CMAC, no TapBus code.
import struct, sys
from cryptography.hazmat.primitives.cmac import CMAC
from cryptography.hazmat.primitives.ciphers import algorithms

KEY = bytes.fromhex("000102030405060708090a0b0c0d0e0f")
READER = "R-DEMO-1"
TYPES = {"PAYMENT_REQUEST": 0x10, "PAYMENT_RESPONSE": 0x90, "CARD_WRITE_RESULT": 0x11, "CARD_WRITE_ACK": 0x91}

def frame(type_name, seq, body):
    b = body.encode()
    rid = READER.encode()
    L = 1 + 8 + 1 + len(rid) + 2 + len(b) + 8
    signed = b"TB" + bytes([1]) + struct.pack(">H", L) + bytes([TYPES[type_name]]) + struct.pack(">q", seq) \
        + bytes([len(rid)]) + rid + struct.pack(">H", len(b)) + b
    c = CMAC(algorithms.AES(KEY)); c.update(signed)
    mac = c.finalize()[:8]
    return signed, mac

def write(name, type_name, seq, body, note):
    signed, mac = frame(type_name, seq, body)
    total = len(signed) + 8
    b = body.encode()
    with open(name + ".txt", "w") as f:
        f.write(f"# Golden {type_name}, reader protocol v1 payment exchange (docs/reader-protocol.md §12, §13).\n")
        f.write(f"# {name}.hex holds the exact bytes of this frame; PaymentGoldenFrameTest checks both directions.\n")
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

REQ = ('{"correlationId":"pay-0001","readerTime":"2026-11-25T18:00:00Z","aid":"F054415042555301",'
       '"card":{"pan":"6200001234567890","psn":"01","expiry":"3012"},"atc":"0042","arqc":"4BCF95D66D99EAED",'
       '"cid":"80","iad":"06015403A00000","aip":"0C00",'
       '"cdol1":"00000000125000000000000001560000000000015626112500A1B2C3D4",'
       '"transaction":{"amountMinor":1250,"otherAmountMinor":0,"currency":"CNY","currencyNumeric":"156",'
       '"terminalCountry":"156","tvr":"0000000000","date":"261125","type":"00","unpredictableNumber":"A1B2C3D4"},'
       '"merchantCategory":"5999","offline":false}')
RESP = ('{"verdict":"APPROVED","reasons":[],"transactionId":"T-2","correlationId":"pay-0001","arpc":"F1E4D1C2",'
        '"csu":"00800000","arc":"3030","balanceMinor":3750,"cardWrites":[{"kind":"BALANCE","valueMinor":3750}]}')
WRES = '{"transactionId":"T-2","kind":"BALANCE","ok":true,"sw":"9000"}'
ACK = '{"transactionId":"T-2","recorded":true}'

out = sys.argv[1]
write(out + "/payment-request-v1", "PAYMENT_REQUEST", 1795629600000002, REQ,
      "ARQC of the test card 6200001234567890/01 under IMK-AC 0123456789ABCDEFFEDCBA9876543210.")
write(out + "/payment-response-v1", "PAYMENT_RESPONSE", 1795629600000002, RESP,
      "ARPC method 2 over that ARQC with CSU 00800000.")
write(out + "/card-write-result-v1", "CARD_WRITE_RESULT", 1795629600000003, WRES, "")
write(out + "/card-write-ack-v1", "CARD_WRITE_ACK", 1795629600000003, ACK, "")
