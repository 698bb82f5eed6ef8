"""EMV crypto of the TapBus card, as connectors/card computes it (EMV 4.3 Book 2 A1.2-A1.4, ISO/IEC 9797-1).

pycryptodome provides DES and 3DES: "Crypto" (PyCrypto's name, pip's pycryptodome) or "Cryptodome" (Debian's
python3-pycryptodome).
"""
try:
    from Crypto.Cipher import DES, DES3
except ImportError:
    from Cryptodome.Cipher import DES, DES3


def odd_parity(key):
    return bytes((b & 0xFE) | (bin(b >> 1).count("1") % 2 == 0) for b in key)


def tdes(key, block):
    return DES3.new(key, DES3.MODE_ECB).encrypt(block) if key[:8] != key[8:] \
        else DES.new(key[:8], DES.MODE_ECB).encrypt(block)


def xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b))


def icc_master_key_option_a(imk, pan, psn):
    digits = (pan + psn)[-16:].rjust(16, "0")
    y = bytes.fromhex(digits)
    return odd_parity(tdes(imk, y) + tdes(imk, xor(y, b"\xff" * 8)))


def common_session_key(icc_master_key, atc):
    r = atc.to_bytes(2, "big") + bytes(6)
    left = r[:2] + b"\xf0" + r[3:]
    right = r[:2] + b"\x0f" + r[3:]
    return odd_parity(tdes(icc_master_key, left) + tdes(icc_master_key, right))


def retail_mac(key, data, length):
    """ISO/IEC 9797-1 MAC algorithm 3 with padding method 2 (80 00..), zero IV."""
    padded = data + b"\x80" + bytes((7 - len(data) % 8) % 8)
    k1 = DES.new(key[:8], DES.MODE_ECB)
    chain = bytes(8)
    for i in range(0, len(padded), 8):
        chain = k1.encrypt(xor(chain, padded[i:i + 8]))
    return k1.encrypt(DES.new(key[8:], DES.MODE_ECB).decrypt(chain))[:length]
