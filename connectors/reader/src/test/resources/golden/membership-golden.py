# Independent golden frames for MEMBERSHIP_ADD / MEMBERSHIP_RESULT (docs/reader-protocol.md §16): Python's
# cryptography CMAC and a hand-built member card record, no TapBus code. Run: python3 membership-golden.py DIR
import os, struct, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_frames import write as write_frame


def tlv(tag, value):
    return bytes([tag, len(value)]) + value

# The old card's record: "TM" 1, programme id, member number, tier, member since, points, holder name.
RECORD = b"TM\x01" + tlv(1, b"demo-shop-club") + tlv(2, b"SC-100200") + tlv(3, b"GOLD") + tlv(4, b"2019-04-01") \
    + tlv(5, struct.pack(">I", 1200)) + tlv(6, "Demo user".encode("utf-8"))


EXCHANGE, TEST = "membership by tap (docs/reader-protocol.md §16)", "MembershipGoldenFrameTest"


def write(path, type_name, code, seq, body, note=""):
    write_frame(path, type_name, code, seq, body, EXCHANGE, TEST, note)


ADD = ('{"requestId":"MA-0001","cardUid":"04A1B2C3D4E5F6","memberCard":"' + RECORD.hex().upper()
       + '","consent":true,"readerTime":"2026-12-07T10:00:00Z"}')
RESULT = ('{"requestId":"MA-0001","verdict":"APPROVED","reasons":[],"programmeId":"demo-shop-club","memberNumber":"SC-100200",'
          '"status":"ACTIVE","tier":"GOLD","pointsProgrammeId":"demo-shop-club","pointsCredited":1200,"decisionId":"D-7"}')

out = sys.argv[1]
print("member card record", len(RECORD), "bytes:", RECORD.hex().upper())
write(out + "/membership-add-v1", "MEMBERSHIP_ADD", 0x15, 1796637600000001, ADD,
      note="memberCard is the old card's record (§16.1): " + RECORD.hex().upper())
write(out + "/membership-result-v1", "MEMBERSHIP_RESULT", 0x95, 1796637600000001, RESULT)
