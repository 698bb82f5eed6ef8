package io.tapbus.samples.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.connector.phone.Alphabet;
import io.tapbus.connector.phone.DeliveryReceipt;
import io.tapbus.connector.phone.IncomingSms;
import io.tapbus.connector.phone.MessageState;
import io.tapbus.connector.phone.SmppAddress;
import io.tapbus.connector.phone.SmsEncoder;
import io.tapbus.connector.phone.SmscLink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bus's SmscLink against the simulator over real loopback sockets: it binds again after a drop, reassembles
 * incoming messages, parses the receipts, and its WAP push is shown as hex.
 */
class SmscBusLinkTest extends SmscSimulatorFixture {
    @Test
    void dropClosesTheConnectionAndTheBusLinkBindsAgain() throws Exception {
        start("--receipts", "off");
        SmscLink link = keep(link(new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>()));
        awaitBinds(link, 1);
        assertThat(control("drop").body()).isEqualTo("ok dropped 1 connection(s)\n");
        assertThat(lines).contains("control: drop -> ok dropped 1 connection(s)");
        awaitBinds(link, 2);
        assertThat(link.submit(SmppAddress.msisdn("+8613800138000"), SmsEncoder.text("after the drop", 1, false))
                .get(5, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void sendsIncomingMessagesThatTheBusLinkReassemblesAndItsReceiptsParse() throws Exception {
        start("--receipt-delay", "0");
        BlockingQueue<IncomingSms> incoming = new LinkedBlockingQueue<>();
        BlockingQueue<DeliveryReceipt> receipts = new LinkedBlockingQueue<>();
        SmscLink link = keep(link(incoming, receipts));
        awaitBinds(link, 1);

        String chinese = "余额查询：您的账户余额为人民币壹万贰仟叁佰肆拾伍元陆角柒分。最近三笔交易：超市消费八十八元，地铁充值一百元，"
                + "咖啡二十五元。如需冻结银行卡请回复冻结。";
        assertThat(chinese.length()).isGreaterThan(70);
        assertThat(control("mo +8613800138000 " + chinese).body()).isEqualTo(
                "ok mo from +8613800138000 to 10690000: 2 parts, UCS-2\n");
        IncomingSms whole = incoming.poll(5, TimeUnit.SECONDS);
        assertThat(whole).isNotNull();
        assertThat(whole.text()).isEqualTo(chinese);
        assertThat(whole.alphabet()).isEqualTo(Alphabet.UCS2);
        assertThat(whole.source()).isEqualTo(SmppAddress.msisdn("+8613800138000"));
        assertThat(whole.destination().address()).isEqualTo("10690000");

        new ControlCommands(smsc).execute("mo 8613800138000 余额");
        assertThat(incoming.poll(5, TimeUnit.SECONDS).text()).isEqualTo("余额");
        assertThat(control("mo +8613800138000 BAL").body()).contains("1 part, GSM 7-bit");
        assertThat(incoming.poll(5, TimeUnit.SECONDS).text()).isEqualTo("BAL");
        assertThat(control("mo 0138 BAL").body()).startsWith("error: '0138' is not an E.164 number");

        List<String> ids = link.submit(SmppAddress.msisdn("+8613800138000"), SmsEncoder.text(chinese, 9, false))
                .get(5, TimeUnit.SECONDS);
        List<String> receipted = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            DeliveryReceipt r = receipts.poll(5, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.state()).isEqualTo(MessageState.DELIVERED);
            receipted.add(r.messageId());
        }
        assertThat(receipted).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(lines).anyMatch(l -> l.contains("(2 parts, ids " + String.join(",", ids) + ") UCS-2: " + chinese));
        awaitStats("\"mo\":3", "\"submits\":2", "\"receipts\":2");
    }

    @Test
    void printsAWapPushAsHexAndSaysSo() throws Exception {
        start("--receipts", "off");
        SmscLink link = keep(link(new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>()));
        awaitBinds(link, 1);
        String si = "<si><indication href=\"http://www.xyz.com/email/123/abc.wml\">You have 4 new emails</indication></si>";
        link.submit(SmppAddress.msisdn("+8613800138000"),
                io.tapbus.connector.phone.WapPushSms.parts(si, 1, 3)).get(5, TimeUnit.SECONDS);
        assertThat(lines).anyMatch(l -> l.contains("SMS to +8613800138000") && l.contains("WAP push, ")
                && l.contains(": 01"));
    }
}
