#!/usr/bin/python3
"""The TapBus payment card for vicc: a virtual smart card on a vpcd reader of a real pcscd.

It answers the TapBus payment application (connectors/card/README.md, "The TapBus payment application") the way
connectors/card's simulated TapBusPaymentApplet does, with the csk cryptogram profile: ICC master key by EMV Option A
from the issuer's IMK-AC, common session key R = ATC || 00.., ARQC = retail MAC (ISO/IEC 9797-1 algorithm 3, P80),
EXTERNAL AUTHENTICATE with ARPC method 2 || CSU. The ATC and balance are the card's EEPROM: with --state they are kept
in a JSON file, so a card that is "taken away" (the process stopped) and brought back keeps them.

Usage (pcscd with the vpcd driver running; see README.md):
    /usr/bin/python3 tapbus_card.py --port 35963 --imk 0123456789ABCDEFFEDCBA9876543210 \
        --pan 6200001234567890 --psn 01 --expiry 3012 --atc 0041 --balance 5000 --state /tmp/card.json

The key given is the DEMO issuer key of the tests (pyemv's example key), never a production key. Nothing the card
receives or any key is logged; it prints one line "ready" once it is connected to the reader.
"""
import argparse
import calendar
import hmac
import json
import os
import signal
import sys

# Debian bookworm's python3-virtualsmartcard installs the package one directory too deep, outside sys.path
# (/usr/lib/python3/site-packages/virtualsmartcard/virtualsmartcard), and imports PyCrypto as "Crypto", while Debian's
# python3-pycryptodome is "Cryptodome". Both are bridged here so the packaged VirtualICC runs unchanged.
for _path in ("/usr/lib/python3/site-packages/virtualsmartcard", "/usr/lib/python3/site-packages"):
    if os.path.isdir(os.path.join(_path, "virtualsmartcard")) and _path not in sys.path:
        sys.path.append(_path)
try:
    import Crypto.Cipher  # noqa: F401 (PyCrypto or pycryptodome under its own name)
except ImportError:
    import Cryptodome
    import Cryptodome.Cipher
    import Cryptodome.Hash
    import Cryptodome.Hash.SHA
    sys.modules["Crypto"] = Cryptodome
    sys.modules["Crypto.Cipher"] = Cryptodome.Cipher
    sys.modules["Crypto.Hash"] = Cryptodome.Hash
    sys.modules["Crypto.Hash.SHA"] = Cryptodome.Hash.SHA
from virtualsmartcard.VirtualSmartcard import SmartcardOS, VirtualICC  # noqa: E402
from emv_crypto import common_session_key, icc_master_key_option_a, retail_mac  # noqa: E402

AID = bytes.fromhex("F054415042555301")
LABEL = b"TapBus Pay"
AIP = bytes.fromhex("0C00")
AFL = bytes.fromhex("08010100" + "10010100")
SFI_CARD_DATA, SFI_BALANCE = 1, 2
CDOL1_LENGTH = 29
CVN_CSK = 0x54
CSU_APPROVED = 0x80
MAX_BALANCE = 0xFFFFFFFF
# PC/SC part 3 ATR of an ISO/IEC 14443-4 card without historical bytes (T=0 and T=1 offered), as the simulator's.
ATR = bytes.fromhex("3B80800101")

OK, AUTH_FAILED, WRONG_LENGTH, NOT_ALLOWED = 0x9000, 0x6300, 0x6700, 0x6985
WRONG_DATA, FILE_NOT_FOUND, RECORD_NOT_FOUND, WRONG_P1P2 = 0x6A80, 0x6A82, 0x6A83, 0x6A86
DATA_NOT_FOUND, INS_UNKNOWN, CLA_UNKNOWN, NO_DIAGNOSIS = 0x6A88, 0x6D00, 0x6E00, 0x6F00
APPLET_INS = (0xA8, 0xB2, 0xCA, 0xAE, 0x82, 0xDC)


# ---- BER-TLV and APDUs ----

def tlv(tag, value):
    tag_bytes = tag.to_bytes(2 if tag > 0xFF else 1, "big")
    n = len(value)
    length = bytes([n]) if n < 0x80 else bytes([0x81, n]) if n <= 0xFF else bytes([0x82]) + n.to_bytes(2, "big")
    return tag_bytes + length + value


def sw(word, data=b""):
    return data + word.to_bytes(2, "big")


def parse_apdu(raw):
    """(cla, ins, p1, p2, data) of a short APDU (cases 1-4), None when it is not one (extended length too)."""
    if raw is None or len(raw) < 4:
        return None
    head = tuple(raw[:4])
    if len(raw) in (4, 5):
        return head + (b"",)
    lc = raw[4]
    if lc == 0:
        return None
    if len(raw) in (5 + lc, 6 + lc):
        return head + (bytes(raw[5:5 + lc]),)
    return None


class TapBusCard(SmartcardOS):
    """The card's operating system: routing by SELECT and the TapBus payment application."""

    def __init__(self, icc_master_key, pan, psn, expiry, atc, balance, state_file, vanish_at_ins=None):
        self.key = icc_master_key
        self.vanish_at_ins = vanish_at_ins
        self.pan, self.psn, self.expiry = pan, psn, expiry
        self.atc, self.balance = atc, balance
        self.state_file = state_file
        self.load_state()
        self.selected = False
        self.reset_transaction()

    # -- EEPROM --
    def load_state(self):
        if self.state_file and os.path.exists(self.state_file):
            with open(self.state_file) as f:
                state = json.load(f)
            self.atc, self.balance = int(state["atc"]), int(state["balance"])

    def save_state(self):
        if self.state_file:
            tmp = self.state_file + ".tmp"
            with open(tmp, "w") as f:
                json.dump({"atc": self.atc, "balance": self.balance}, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.state_file)

    # -- SmartcardOS --
    def getATR(self):
        return ATR

    def powerUp(self):
        self.selected = False
        self.reset_transaction()

    def powerDown(self):
        self.powerUp()

    def reset(self):
        self.powerUp()

    def execute(self, msg):
        try:
            answer = self.dispatch(msg)
        except Exception:  # every byte string gets a status word, never a dead card
            answer = sw(NO_DIAGNOSIS)
        if self.vanish_at_ins is not None and len(msg) > 1 and msg[1] == self.vanish_at_ins:
            os._exit(3)  # torn from the reader after doing the command, before answering it
        return answer

    # -- the application --
    def reset_transaction(self):
        self.state = "selected"
        self.arqc = None
        self.issuer_tried = False
        self.issuer_approved = False

    def dispatch(self, msg):
        apdu = parse_apdu(msg)
        if apdu is None:
            return sw(WRONG_LENGTH)
        cla, ins, p1, p2, data = apdu
        if cla not in (0x00, 0x80):
            return sw(CLA_UNKNOWN)
        if ins == 0xA4:
            return self.select(p1, p2, data) if cla == 0x00 else sw(CLA_UNKNOWN)
        if not self.selected:
            return sw(NOT_ALLOWED if ins in APPLET_INS else INS_UNKNOWN)
        wanted_cla = {0xA8: 0x80, 0xB2: 0x00, 0xCA: 0x80, 0xAE: 0x80, 0x82: 0x00, 0xDC: 0x00}
        if ins not in wanted_cla:
            return sw(INS_UNKNOWN)
        if cla != wanted_cla[ins]:
            return sw(CLA_UNKNOWN)
        handler = {0xA8: self.gpo, 0xB2: self.read_record, 0xCA: self.get_data, 0xAE: self.generate_ac,
                   0x82: self.external_authenticate, 0xDC: self.update_record}[ins]
        return handler(p1, p2, data)

    def select(self, p1, p2, data):
        if p1 != 0x04 or p2 != 0x00:
            return sw(WRONG_P1P2)
        if not data:
            return sw(WRONG_LENGTH)
        self.selected = False
        self.reset_transaction()
        if data != AID:
            return sw(FILE_NOT_FOUND)
        self.selected = True
        fci = tlv(0x6F, tlv(0x84, AID) + tlv(0xA5, tlv(0x50, LABEL) + tlv(0x87, b"\x01")))
        return sw(OK, fci)

    def gpo(self, p1, p2, data):
        if p1 or p2:
            return sw(WRONG_P1P2)
        if len(data) != 2:
            return sw(WRONG_LENGTH)
        if data != b"\x83\x00":
            return sw(WRONG_DATA)
        self.reset_transaction()
        self.state = "initiated"
        return sw(OK, tlv(0x77, tlv(0x82, AIP) + tlv(0x94, AFL)))

    def card_data_record(self):
        pan = self.pan + ("F" if len(self.pan) % 2 else "")
        year, month = 2000 + int(self.expiry[:2]), int(self.expiry[2:4])
        expiry = "%s%02d" % (self.expiry[:4], calendar.monthrange(year, month)[1])
        return tlv(0x70, tlv(0x5A, bytes.fromhex(pan)) + tlv(0x5F24, bytes.fromhex(expiry))
                   + tlv(0x5F34, bytes.fromhex(self.psn)))

    def balance_record(self):
        return tlv(0x70, tlv(0xDF51, self.balance.to_bytes(4, "big")))

    def read_record(self, p1, p2, data):
        if data:
            return sw(WRONG_LENGTH)
        if p2 & 0x07 != 0x04:
            return sw(WRONG_P1P2)
        sfi = p2 >> 3
        if sfi not in (SFI_CARD_DATA, SFI_BALANCE):
            return sw(FILE_NOT_FOUND)
        if p1 != 1:
            return sw(RECORD_NOT_FOUND)
        return sw(OK, self.card_data_record() if sfi == SFI_CARD_DATA else self.balance_record())

    def get_data(self, p1, p2, data):
        if data:
            return sw(WRONG_LENGTH)
        tag = (p1 << 8) | p2
        if tag == 0x9F36:
            return sw(OK, tlv(0x9F36, self.atc.to_bytes(2, "big")))
        if tag == 0xDF51:
            return sw(OK, self.balance_record()[2:])
        return sw(DATA_NOT_FOUND)

    def generate_ac(self, p1, p2, data):
        if p1 not in (0x00, 0x40, 0x80) or p2:
            return sw(WRONG_P1P2)
        if len(data) != CDOL1_LENGTH:
            return sw(WRONG_LENGTH)
        if self.state != "initiated" or self.atc == 0xFFFF:
            return sw(NOT_ALLOWED)
        self.atc += 1
        self.save_state()  # the ATC goes up before the cryptogram leaves the card
        cid = 0x00 if p1 == 0x00 else 0x80  # an online-only card: a TC request is answered with an ARQC
        iad = bytes([0x06, 0x01, CVN_CSK, 0x03, 0xA0 if cid == 0x80 else 0x80, 0x00, 0x00])
        atc = self.atc.to_bytes(2, "big")
        cryptogram = retail_mac(common_session_key(self.key, self.atc), data + AIP + atc + iad, 8)
        self.arqc = cryptogram if cid == 0x80 else None
        self.state = "generated"
        return sw(OK, tlv(0x77, tlv(0x9F27, bytes([cid])) + tlv(0x9F36, atc) + tlv(0x9F26, cryptogram)
                          + tlv(0x9F10, iad)))

    def external_authenticate(self, p1, p2, data):
        """ARPC method 2 (4) || CSU (4) || proprietary authentication data (0-8); the CSU approves the write."""
        if p1 or p2:
            return sw(WRONG_P1P2)
        if not 8 <= len(data) <= 16:
            return sw(WRONG_LENGTH)
        if self.state != "generated" or self.arqc is None or self.issuer_tried:
            return sw(NOT_ALLOWED)
        self.issuer_tried = True
        arpc, csu, proprietary = data[:4], data[4:8], data[8:]
        expected = retail_mac(common_session_key(self.key, self.atc), self.arqc + csu + proprietary, 4)
        if not hmac.compare_digest(expected, arpc):
            return sw(AUTH_FAILED)
        self.issuer_approved = bool(csu[1] & CSU_APPROVED)
        return sw(OK)

    def update_record(self, p1, p2, data):
        if p2 & 0x07 != 0x04:
            return sw(WRONG_P1P2)
        sfi = p2 >> 3
        if sfi not in (SFI_CARD_DATA, SFI_BALANCE):
            return sw(FILE_NOT_FOUND)
        if p1 != 1:
            return sw(RECORD_NOT_FOUND)
        if len(data) != 9:
            return sw(WRONG_LENGTH)
        if sfi != SFI_BALANCE or not self.issuer_approved:
            return sw(NOT_ALLOWED)
        if data[:5] != bytes.fromhex("7007DF5104"):
            return sw(WRONG_DATA)
        self.balance = int.from_bytes(data[5:9], "big")
        self.issuer_approved = False  # one write per approval
        self.save_state()
        return sw(OK)


def main():
    parser = argparse.ArgumentParser(description="The TapBus payment card on a vpcd virtual reader (vicc).")
    parser.add_argument("--host", default="127.0.0.1", help="where pcscd's vpcd driver listens (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=35963, help="vpcd's port for this reader (default 35963)")
    parser.add_argument("--imk", required=True, help="the issuer's IMK-AC, 32 hex digits (DEMO key only)")
    parser.add_argument("--pan", default="6200001234567890")
    parser.add_argument("--psn", default="01")
    parser.add_argument("--expiry", default="3012", help="YYMM")
    parser.add_argument("--atc", default="0000", help="the ATC at personalisation, 4 hex digits")
    parser.add_argument("--balance", type=int, default=5000, help="stored value in minor units")
    parser.add_argument("--state", help="JSON file that keeps ATC and balance between runs (the card's EEPROM)")
    parser.add_argument("--vanish-at-ins", help="tests: leave the reader (exit) after doing this command, 2 hex "
                        "digits, e.g. AE for GENERATE AC, before answering it")
    args = parser.parse_args()
    try:
        imk = bytes.fromhex(args.imk)
        atc = int(args.atc, 16)
        if len(imk) != 16 or not args.pan.isdigit() or not 12 <= len(args.pan) <= 19 \
                or len(args.psn) != 2 or not args.psn.isdigit() or len(args.expiry) != 4 \
                or not args.expiry.isdigit() or not 1 <= int(args.expiry[2:]) <= 12 \
                or not 0 <= atc <= 0xFFFF or not 0 <= args.balance <= MAX_BALANCE:
            raise ValueError
        vanish = int(args.vanish_at_ins, 16) if args.vanish_at_ins else None
    except ValueError:
        print("tapbus_card: unusable personalisation (IMK 32 hex digits, PAN 12-19 digits, PSN 2 digits, "
              "expiry YYMM, ATC 4 hex digits, balance 0..4294967295, INS 2 hex digits)", file=sys.stderr)
        return 2
    card = TapBusCard(icc_master_key_option_a(imk, args.pan, args.psn), args.pan, args.psn, args.expiry, atc,
                      args.balance, args.state, vanish)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # VirtualICC builds its own ISO 7816 card and connects to vpcd; the TapBus card then takes its place.
    vicc = VirtualICC(None, "iso7816", args.host, args.port, logginglevel=50)
    vicc.os = card
    print("ready", flush=True)
    vicc.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
