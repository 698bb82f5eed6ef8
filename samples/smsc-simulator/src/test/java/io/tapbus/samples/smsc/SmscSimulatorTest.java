package io.tapbus.samples.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.phone.SmscLink;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.NegativeResponseException;
import org.junit.jupiter.api.Test;

/**
 * The simulator over real loopback sockets, driven by jSMPP's session: binds, submits and their receipts, throttling
 * and a full queue, an outage. The bus's own SmscLink against it: SmscBusLinkTest.
 */
class SmscSimulatorTest extends SmscSimulatorFixture {
    @Test
    void refusesAWrongPasswordAndAnUnknownSystemIdAndAcceptsEveryBindType() throws Exception {
        start("--system-id", "operator1", "--password", "s3cret");
        assertThatThrownBy(() -> Esme.bind(smsc.port(), BindType.BIND_TRX, "operator1", "wrong"))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(Esme.refusal(e)).isEqualTo(0x0E));
        assertThatThrownBy(() -> Esme.bind(smsc.port(), BindType.BIND_TX, "nobody", "s3cret"))
                .isInstanceOfSatisfying(IOException.class, e -> assertThat(Esme.refusal(e)).isEqualTo(0x0D));
        Esme transmitter = keep(Esme.bind(smsc.port(), BindType.BIND_TX, "operator1", "s3cret"));
        Esme receiver = keep(Esme.bind(smsc.port(), BindType.BIND_RX, "operator1", "s3cret"));
        keep(Esme.bind(smsc.port(), BindType.BIND_TRX, "operator1", "s3cret"));
        awaitStats("\"binds\":3", "\"bindsRefused\":2", "\"bound\":3");
        // a transmitter's receipt goes to a session that receives
        control("receipts delay 0");
        String id = transmitter.submit("+8613800138000", "via TX", -1);
        DeliverSm receipt = receiver.delivered.poll(5, TimeUnit.SECONDS); // the first session bound to receive
        assertThat(receipt).isNotNull();
        assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII)).startsWith("id:" + id + " ");
        assertThat(transmitter.delivered).isEmpty();
        assertThat(lines).anyMatch(l -> l.contains("wrong password") && l.contains("0x0E"))
                .noneMatch(l -> l.contains("wrong\"") || l.contains("s3cret"));
    }

    @Test
    void answersASubmitAndSendsAReceiptWithItsIdAndTheUserMessageReference() throws Exception {
        start("--receipt-delay", "100ms");
        Esme esme = keep(Esme.transceiver(smsc.port()));
        String id = esme.submit("+8613800138000", "Your TapBus code is 482913", 4242);
        assertThat(id).isNotBlank();

        DeliverSm receipt = esme.delivered.poll(5, TimeUnit.SECONDS);
        assertThat(receipt).isNotNull();
        assertThat(receipt.getEsmClass()).isEqualTo((byte) 0x04);
        assertThat(receipt.getSourceAddr()).isEqualTo("+8613800138000");
        assertThat(receipt.getDestAddress()).isEqualTo("10690000");
        assertThat(((OptionalParameter.COctetString) receipt.getOptionalParameter(
                OptionalParameter.Tag.RECEIPTED_MESSAGE_ID)).getValueAsString()).isEqualTo(id);
        assertThat(((OptionalParameter.Byte) receipt.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE))
                .getValue()).isEqualTo((byte) 2);
        assertThat(((OptionalParameter.Short) receipt.getOptionalParameter(
                OptionalParameter.Tag.USER_MESSAGE_REFERENCE)).getValue()).isEqualTo((short) 4242);
        assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII))
                .matches("id:" + id + " sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:");

        // the one-time code is printed where the user sees it
        assertThat(lines).anyMatch(l -> l.contains("SMS to +8613800138000 from 10690000")
                && l.contains("GSM 7-bit: Your TapBus code is 482913") && l.contains(">>> one-time code 482913"));

        // no reference in the submit, none in the receipt; every receipt fails when told so
        assertThat(control("receipts fail 1").statusCode()).isEqualTo(200);
        String second = esme.submit("+8613800138001", "hello", -1);
        DeliverSm failed = esme.delivered.poll(5, TimeUnit.SECONDS);
        assertThat(failed).isNotNull();
        assertThat(failed.getOptionalParameter(OptionalParameter.Tag.USER_MESSAGE_REFERENCE)).isNull();
        assertThat(new String(failed.getShortMessage(), StandardCharsets.US_ASCII))
                .startsWith("id:" + second + " sub:001 dlvrd:000").contains("stat:UNDELIV err:001");
        assertThat(((OptionalParameter.Byte) failed.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE))
                .getValue()).isEqualTo((byte) 5);
        awaitStats("\"submits\":2", "\"receipts\":2");
    }

    @Test
    void throttlesAShareOrAboveARateAndAnswersQueueFull() throws Exception {
        start("--receipts", "off");
        Esme esme = keep(Esme.transceiver(smsc.port()));
        assertThat(control("throttle 1").body()).startsWith("ok throttle 1.0");
        assertThatThrownBy(() -> esme.submit("+8613800138000", "a", -1))
                .isInstanceOfSatisfying(NegativeResponseException.class, e -> assertThat(e.getCommandStatus()).isEqualTo(0x58));
        assertThat(control("throttle off").statusCode()).isEqualTo(200);
        assertThat(control("qfull 1").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> esme.submit("+8613800138000", "a", -1))
                .isInstanceOfSatisfying(NegativeResponseException.class, e -> assertThat(e.getCommandStatus()).isEqualTo(0x14));
        control("qfull off");
        assertThat(esme.submit("+8613800138000", "a", -1)).isNotBlank();

        control("throttle rate 5");
        int accepted = 0;
        int throttled = 0;
        for (int i = 0; i < 30; i++) {
            try {
                esme.submit("+8613800138000", "b", -1);
                accepted++;
            } catch (NegativeResponseException e) {
                assertThat(e.getCommandStatus()).isEqualTo(0x58);
                throttled++;
            }
        }
        assertThat(throttled).isPositive();
        assertThat(accepted).isBetween(1, 15); // 5 a second; 30 fast submits span at most a couple of seconds
        assertThat(stats()).contains("\"throttled\":" + (throttled + 1), "\"queueFull\":1",
                "\"submits\":" + (accepted + 1));
        assertThat(control("throttle 2").body()).startsWith("error: throttle must be a share from 0 to 1");
        assertThat(control("launch rockets").statusCode()).isEqualTo(400);
    }

    @Test
    void goesDownRefusingConnectionsThenComesBackAndDeliversTheReceiptsThatWaited() throws Exception {
        start("--receipt-delay", "300ms");
        Esme esme = Esme.transceiver(smsc.port());
        String id = esme.submit("+8613800138000", "before the outage", 7);
        assertThat(control("down 2").body()).startsWith("ok down for 2 s");
        int port = smsc.port();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        long closedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (esme.session.getSessionState().isBound() && System.nanoTime() < closedBy) {
            Thread.sleep(20);
        }
        assertThat(esme.session.getSessionState().isBound()).as("the ESME's session was closed").isFalse();
        esme.session.close();

        Esme again = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (again == null && System.nanoTime() < deadline) {
            try {
                again = Esme.transceiver(port);
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        assertThat(again).as("bound again after the outage").isNotNull();
        keep(again);
        DeliverSm receipt = again.delivered.poll(10, TimeUnit.SECONDS);
        assertThat(receipt).as("the receipt that was due during the outage").isNotNull();
        assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII)).startsWith("id:" + id + " ");
        assertThat(again.submit("+8613800138000", "after the outage", -1)).isNotBlank();
        assertThat(lines).anyMatch(l -> l.startsWith("up: SMPP on 127.0.0.1:" + port));
    }
}
