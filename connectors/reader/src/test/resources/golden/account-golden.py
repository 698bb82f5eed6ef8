# Independent golden frames for the account query (docs/reader-protocol.md §15): Python's cryptography CMAC, no TapBus code.
# Run: python3 account-golden.py .   (writes account-query-v1.{txt,hex} and account-answer-v1.{txt,hex})
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_frames import write as write_frame


EXCHANGE, TEST = "account query (docs/reader-protocol.md §15)", "AccountGoldenFrameTest"


def write(path, type_name, code, seq, body, note=""):
    write_frame(path, type_name, code, seq, body, EXCHANGE, TEST, note)


QUERY = '{"cardUid":"04A1B2C3D4E5F6","readerTime":"2026-11-25T18:00:00Z","correlationId":"bal-0001"}'
ANSWER = ('{"cardStatus":"ACTIVE","balanceMinor":98750,"currency":"CNY",'
          '"points":{"count":2,"first":[{"name":"Demo Cafe Card","points":40},{"name":"Demo Shop Club","points":120}]},'
          '"coupons":{"count":1,"first":[{"code":"CPN-7K2M9QXA4B3C","until":"2026-12-31"}]},'
          '"tickets":{"count":4,"first":[{"kind":"RIDE","product":"Metro single","usesLeft":1,"until":"2026-11-26"},'
          '{"kind":"PASS","product":"Zones 1-2 weekly","usesLeft":-1,"until":"2026-12-01"},'
          '{"kind":"EVENT","product":"Harbour Jazz Nig","usesLeft":1,"until":"2026-12-05"}]},'
          '"correlationId":"bal-0001"}')

out = sys.argv[1]
write(out + "/account-query-v1", "ACCOUNT_QUERY", 0x14, 1795629600000005, QUERY)
write(out + "/account-answer-v1", "ACCOUNT_ANSWER", 0x94, 1795629600000005, ANSWER)
