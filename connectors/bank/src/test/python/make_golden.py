#!/usr/bin/env python3
"""Writes the golden files of src/test/resources/golden/ from the message specs below.

An independent reference encoder (not the Java codec under test): it reads only the field table of the
packager JSON files and lays each message out by hand, one annotated line per element, so that a reviewer
can check every byte. Run from connectors/bank: python3 src/test/python/make_golden.py
"""
import json, os

PACKAGERS = "src/main/resources/io/tapbus/connector/bank/packagers"
GOLDEN = "src/test/resources/golden"

PAN = "4761739001010010"          # a public Visa test card number
MESSAGES = {
  "0100-authorization": {"2": PAN, "3": "000000", "4": "000000001250", "7": "0611143005", "11": "000123",
      "12": "143005", "13": "0611", "14": "2712", "22": "071", "25": "00", "32": "12345678901",
      "41": "TAPBUS01", "42": "DEMO-SHOP      ", "49": "156"},
  "0100-balance-inquiry": {"2": PAN, "3": "310000", "7": "0611143010", "11": "000124", "41": "TAPBUS01",
      "42": "DEMO-SHOP      ", "49": "156"},
  "0110-approved": {"2": PAN, "3": "000000", "4": "000000001250", "7": "0611143005", "11": "000123",
      "32": "12345678901", "37": "516214000123", "38": "A1B2C3", "39": "00", "41": "TAPBUS01", "49": "156"},
  "0110-balance": {"2": PAN, "3": "310000", "7": "0611143010", "11": "000124", "37": "516214000124",
      "38": "000124", "39": "00", "41": "TAPBUS01", "49": "156", "54": "0002156C000000500000"},
  "0200-purchase": {"2": PAN, "3": "000000", "4": "000000009999", "7": "0611150000", "11": "000125",
      "12": "150000", "13": "0611", "22": "051", "23": "001", "25": "00", "35": PAN + "=27122011234567890",
      "41": "TAPBUS01", "42": "DEMO-CAFE      ", "43": "Demo Cafe, 1 Tap Street      Shanghai CN",
      "49": "156", "52": "0123456789ABCDEF", "55": "9F2608A1B2C3D4E5F607089F2701809F360200A5"},
  "0210-declined": {"2": PAN, "3": "000000", "4": "000000009999", "7": "0611150000", "11": "000125",
      "37": "516215000125", "39": "51", "41": "TAPBUS01", "49": "156"},
  "0400-reversal": {"2": PAN, "3": "000000", "4": "000000001250", "7": "0611143100", "11": "000126",
      "37": "516214000123", "41": "TAPBUS01", "49": "156",
      "90": "010000012306111430050000001234500000000000", "95": "000000000000000000000000C00000000C00000000"},
  "0401-reversal-repeat": {"2": PAN, "3": "000000", "4": "000000001250", "7": "0611143130", "11": "000126",
      "37": "516214000123", "41": "TAPBUS01", "49": "156",
      "90": "010000012306111430050000001234500000000000"},
  "0410-reversal-response": {"3": "000000", "4": "000000001250", "7": "0611143100", "11": "000126",
      "37": "516214000123", "39": "00", "41": "TAPBUS01", "49": "156",
      "90": "010000012306111430050000001234500000000000"},
  "0800-sign-on": {"7": "0611080000", "11": "000001", "70": "001"},
  "0800-echo": {"7": "0611120000", "11": "000002", "70": "301"},
  "0800-sign-off": {"7": "0611200000", "11": "000003", "70": "002"},
  "0810-sign-on-response": {"7": "0611080000", "11": "000001", "39": "00", "70": "001"},
  "0210-with-mac-128": {"3": "000000", "4": "000000001250", "11": "000127", "39": "00", "41": "TAPBUS01",
      "128": "1122334455667788"},
}


def fields_of(name):
    with open(os.path.join(PACKAGERS, name + ".json")) as f:
        return {d["field"]: d for d in json.load(f)["fields"]}


def bitmap(numbers):
    bits = [0] * (128 if max(numbers) > 64 else 64)
    if len(bits) == 128:
        bits[0] = 1
    for n in numbers:
        bits[n - 1] = 1
    return bytes(int("".join(map(str, bits[i:i + 8])), 2) for i in range(0, len(bits), 8))


def bcd(digits):
    if len(digits) % 2:
        digits = "0" + digits
    return bytes.fromhex(digits)


def ascii_hex(text):
    return text.encode("ascii").hex().upper()


def layout(packager, mti, values):
    defs = fields_of(packager)
    binary = packager == "binary"
    lines = [(bcd(mti).hex().upper() if binary else ascii_hex(mti), "MTI " + mti)]
    numbers = sorted(int(k) for k in values)
    bm = bitmap(numbers)
    for i in range(0, len(bm), 8):
        part = bm[i:i + 8]
        lines.append((part.hex().upper() if binary else ascii_hex(part.hex().upper()),
                      ("primary" if i == 0 else "secondary") + " bitmap " + part.hex().upper()))
    for n in numbers:
        d, v = defs[n], values[str(n)]
        length = len(v) // 2 if d["type"] == "b" else len(v)
        prefix = ""
        if d["format"] != "fixed":
            digits = str(length).zfill(2 if d["format"] == "LLVAR" else 3)
            prefix = bcd(digits).hex().upper() if binary else ascii_hex(digits)
        if d["type"] == "n":
            body = bcd(v).hex().upper() if binary else ascii_hex(v)
        elif d["type"] == "b":
            body = v.upper() if binary else ascii_hex(v.upper())
        else:
            body = ascii_hex(v)
        if d["format"] == "fixed":
            assert length == d["length"], "field %d: %d, not %d" % (n, length, d["length"])
        assert length <= d["length"], "field %d over its maximum" % n
        note = "field %d %s%s %s = %s" % (n, d["type"], ("" if d["format"] == "fixed" else " " + d["format"]),
                                          d["name"], v)
        lines.append((prefix + body, note))
    return lines


def write(name, packager, mti, values):
    folder = os.path.join(GOLDEN, packager)
    os.makedirs(folder, exist_ok=True)
    lines = layout(packager, mti, values)
    width = max(len(h) for h, _ in lines)
    with open(os.path.join(folder, name + ".hex"), "w") as f:
        f.write("# %s, %s packager. Made by src/test/python/make_golden.py; one element per line.\n" % (name, packager))
        for h, note in lines:
            f.write("%s  # %s\n" % (h.ljust(width), note))
    ordered = {str(k): values[str(k)] for k in sorted(int(k) for k in values)}
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump({"mti": mti, "fields": ordered}, f, indent=2)
        f.write("\n")


for name, values in MESSAGES.items():
    for packager in ("ascii", "binary"):
        write(name, packager, name[:4], values)
