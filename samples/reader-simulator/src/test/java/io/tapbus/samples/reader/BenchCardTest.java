package io.tapbus.samples.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.card.ArqcInput;
import io.tapbus.connector.card.ArqcVerification;
import io.tapbus.connector.card.AtcReplayGuard;
import io.tapbus.connector.card.CardCryptogramService;
import io.tapbus.connector.card.CardId;
import io.tapbus.connector.card.InMemoryIssuerKeys;
import io.tapbus.connector.card.TransactionData;
import io.tapbus.connector.common.Hex;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** A bench card's cryptograms verify at an issuer holding the same IMK-AC, and its ATC only rises. */
class BenchCardTest {

    private static final byte[] IMK = Hex.parse(SimulatedCardOptions.DEMO_ISSUER_KEY);
    private static final String PAN = PaymentBenchPlan.benchPan(3, false);
    private static final CardId CARD = new CardId(PAN, "00");

    private final CardCryptogramService issuer =
            new CardCryptogramService(InMemoryIssuerKeys.of("tapbus-demo", IMK), "tapbus-demo", new AtcReplayGuard());

    @Test
    void everyArqcVerifiesAndTheAtcRisesByOneEachPayment() throws Exception {
        BenchCard card = new BenchCard(IMK, PAN, "00", "3012", 0x0100);
        assertThat(card.firstAtc()).isEqualTo(0x0101);
        for (int i = 1; i <= 5; i++) {
            BenchCard.Arqc arqc = card.generateArqc(purchase(100, i));
            assertThat(arqc.atc()).isEqualTo(0x0100 + i);
            assertThat(arqc.cid()).isEqualTo(0x80);
            assertThat(arqc.cdol1()).hasSize(TransactionData.CDOL1_LENGTH);
            assertThat(verify(arqc).verdict()).as("payment %d", i).isEqualTo(ArqcVerification.Verdict.VALID);
        }
        assertThat(card.atc()).isEqualTo(0x0105);
    }

    @Test
    void theIssuersArpcIsAcceptedAndAllowsTheBalanceWrite() throws Exception {
        BenchCard card = new BenchCard(IMK, PAN, "00", "3012", 0x0010);
        BenchCard.Arqc arqc = card.generateArqc(purchase(100, 1));
        byte[] csu = Hex.parse("00800000");
        byte[] arpc = issuer.arpcMethod2(CARD, arqc.atc(), arqc.cryptogram(), csu, new byte[0]);

        assertThat(card.externalAuthenticate(arpc, csu)).isEqualTo(0x9000);
        assertThat(card.writeBalance(9_900)).isEqualTo(0x9000);

        BenchCard.Arqc next = card.generateArqc(purchase(100, 2));
        byte[] forged = issuer.arpcMethod2(CARD, next.atc(), next.cryptogram(), csu, new byte[0]);
        forged[0] ^= 1;
        assertThat(card.externalAuthenticate(forged, csu)).isEqualTo(0x6300);
        assertThat(card.writeBalance(9_800)).isEqualTo(0x6985);
    }

    @Test
    void aResyncJumpsAhead256Then512Then1024AndTheCryptogramsStillVerify() throws Exception {
        BenchCard card = new BenchCard(IMK, PAN, "00", "3012", 0x0100);
        assertThat(verify(card.generateArqc(purchase(1, 1))).valid()).isTrue();

        assertThat(card.resync()).isTrue();
        assertThat(card.atc()).isEqualTo(0x0101 + 256);
        assertThat(card.firstAtc()).isEqualTo(0x0102 + 256);
        BenchCard.Arqc afterFirst = card.generateArqc(purchase(1, 2));
        assertThat(afterFirst.atc()).isEqualTo(0x0102 + 256);
        assertThat(verify(afterFirst).valid()).isTrue();

        assertThat(card.resync()).isTrue();
        assertThat(card.atc()).isEqualTo(afterFirst.atc() + 512);
        int before = card.atc();
        assertThat(card.resync()).isTrue();
        assertThat(card.resync()).isTrue();
        assertThat(card.atc()).as("at most 1024 at a time").isEqualTo(before + 1024 + 1024);
        assertThat(card.resyncs()).isEqualTo(4);
    }

    @Test
    void aCardStopsAtAtcFfff() throws Exception {
        BenchCard card = new BenchCard(IMK, PAN, "00", "3012", 0xFFFE);
        assertThat(card.generateArqc(purchase(1, 1)).atc()).isEqualTo(0xFFFF);
        assertThatThrownBy(() -> card.generateArqc(purchase(1, 2))).isInstanceOf(BenchCard.CardRefused.class)
                .hasMessageContaining("GENERATE AC refused with 6985");
        assertThat(card.resync()).isFalse();
    }

    private ArqcVerification verify(BenchCard.Arqc arqc) {
        return issuer.verify(CARD, new ArqcInput(arqc.cdol1(), arqc.aip(), arqc.atc(), arqc.iad()), arqc.cryptogram());
    }

    private static TransactionData purchase(long amount, int un) {
        return TransactionData.purchase(amount, 156, 156, LocalDate.now(), new byte[] {0, 0, 0, (byte) un});
    }
}
