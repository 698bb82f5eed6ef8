# Independent golden frames for the payment exchange: Python's cryptography CMAC, no TapBus code.
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from golden_frames import write as write_frame


EXCHANGE, TEST = "payment exchange (docs/reader-protocol.md §12, §13)", "PaymentGoldenFrameTest"


def write(path, type_name, code, seq, body, note=""):
    write_frame(path, type_name, code, seq, body, EXCHANGE, TEST, note)


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
write(out + "/payment-request-v1", "PAYMENT_REQUEST", 0x10, 1795629600000002, REQ,
      note="ARQC of the test card 6200001234567890/01 under IMK-AC 0123456789ABCDEFFEDCBA9876543210.")
write(out + "/payment-response-v1", "PAYMENT_RESPONSE", 0x90, 1795629600000002, RESP,
      note="ARPC method 2 over that ARQC with CSU 00800000.")
write(out + "/card-write-result-v1", "CARD_WRITE_RESULT", 0x11, 1795629600000003, WRES)
write(out + "/card-write-ack-v1", "CARD_WRITE_ACK", 0x91, 1795629600000003, ACK)

