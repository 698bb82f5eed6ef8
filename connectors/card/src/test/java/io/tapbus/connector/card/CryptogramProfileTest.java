package io.tapbus.connector.card;

import static io.tapbus.connector.card.TestBytes.flipBit;
import static io.tapbus.connector.card.TestBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tapbus.connector.card.ArqcVerification.Verdict;
import io.tapbus.connector.card.SchemeVectors.Vector;
import io.tapbus.connector.common.Hex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every cryptogram method and padding against jPOS's and pyemv's published values, both ways ({@link SchemeVectors}). */
class CryptogramProfileTest {

    static List<Vector> vectors() {
        return SchemeVectors.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void ourArqcIsThePublishedOne(Vector v) {
        byte[] iccMasterKey = EmvKeyDerivation.iccMasterKeyOptionA(hex(v.imk()), v.card());
        assertThat(Hex.of(v.profile().arqc(iccMasterKey, v.atc(), hex(v.data())))).isEqualTo(v.arqc());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theIssuerAcceptsThePublishedArqcAndRefusesAnyFlippedBit(Vector v) {
        assertThat(verify(v, hex(v.data()), hex(v.arqc()))).isEqualTo(Verdict.VALID);
        assertThat(verify(v, hex(v.data()), flipBit(hex(v.arqc()), 3))).isEqualTo(Verdict.INVALID_CRYPTOGRAM);
        assertThat(verify(v, flipBit(hex(v.data()), 5), hex(v.arqc()))).isEqualTo(Verdict.INVALID_CRYPTOGRAM);
        // the unpredictable number: mchip's session key depends on it, every method's MAC covers it
        assertThat(verify(v, flipBit(hex(v.data()), TransactionData.UN_OFFSET), hex(v.arqc())))
                .isEqualTo(Verdict.INVALID_CRYPTOGRAM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theIssuerRefusesThePublishedArqcUnderAnotherProfile(Vector v) {
        for (CryptogramMethod method : CryptogramMethod.values()) {
            for (Padding padding : Padding.values()) {
                CryptogramProfile other = new CryptogramProfile(method, padding);
                if (!other.equals(v.profile())) {
                    IssuerCryptogramKeys keys = InMemoryIssuerKeys.of("imk", hex(v.imk()), other);
                    assertThat(keys.verifyArqc("imk", v.card(), v.atc(), hex(v.data()), hex(v.arqc())))
                            .as("%s under %s", v, other).isFalse();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void ourArpcMethod1IsThePublishedOne(Vector v) {
        assumeTrue(v.arpcMethod1() != null, "no ARPC method 1 published");
        byte[] arpc = service(v).arpcMethod1(v.card(), v.atc(), hex(v.arqc()), hex(v.arc()));
        assertThat(Hex.of(arpc)).isEqualTo(v.arpcMethod1());
        assertThat(service(v).arpcMethod1(v.card(), v.atc(), hex(v.arqc()), flipBit(hex(v.arc()), 1)))
                .isNotEqualTo(arpc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void ourArpcMethod2IsThePublishedOneAndOnlyCskCardsTakeIt(Vector v) {
        if (!v.profile().method().allowsArpcMethod2()) {
            assertThatThrownBy(() -> service(v).arpcMethod2(v.card(), v.atc(), hex(v.arqc()), new byte[4], new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARPC method 1");
            return;
        }
        assumeTrue(v.arpcMethod2() != null, "no ARPC method 2 published");
        byte[] arpc = service(v).arpcMethod2(v.card(), v.atc(), hex(v.arqc()), hex(v.csu()), new byte[0]);
        assertThat(Hex.of(arpc)).isEqualTo(v.arpcMethod2());
    }

    @Test
    void keyCheckDigitsArePyemvs() {
        // pyemv test_cvn.py: ICC MK BAB0 for every CVN; M/Chip session key (CVN 16, 133) 2FD5; common (18, 20) 22C8
        byte[] iccMasterKey = EmvKeyDerivation.iccMasterKeyOptionA(hex(SchemeVectors.PYEMV_IMK),
                new CardId(SchemeVectors.PAN, "00"));
        assertThat(TripleDes.checkValue(iccMasterKey)).startsWith("BAB0");
        assertThat(TripleDes.checkValue(EmvKeyDerivation.mastercardSessionKey(iccMasterKey, 0x001C, hex("ABCDEF12"))))
                .startsWith("2FD5");
        assertThat(TripleDes.checkValue(CryptogramMethod.MCHIP.cryptogramKey(iccMasterKey, 0x001C, hex("ABCDEF12"))))
                .startsWith("2FD5");
        assertThat(TripleDes.checkValue(CryptogramMethod.CSK.cryptogramKey(iccMasterKey, 0x001C, null)))
                .startsWith("22C8");
        assertThat(TripleDes.checkValue(CryptogramMethod.VISA_CVN10.cryptogramKey(iccMasterKey, 0x001C, null)))
                .startsWith("BAB0");
        // jPOS JCESecurityModuleTest: the clear IMK-AC "4 times 12345678" has check value 6FB1C8
        assertThat(TripleDes.checkValue(hex(SchemeVectors.JPOS_IMK))).isEqualTo("6FB1C8");
    }

    @Test
    void zeroPaddingMatchesPyemv() {
        // pyemv tests/test_mac.py test_mac_iso9797_3: K1 AA.., K2 BB.., "hello world"; padding 1 and 2
        byte[] key = hex("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB");
        byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
        assertThat(Hex.of(RetailMac.mac(key, data, Padding.P00, 8))).isEqualTo("78DA3D3DEB48FD4D");
        assertThat(Hex.of(RetailMac.mac(key, data, Padding.P80, 8))).isEqualTo("2BC2D9EDE0CF31F6");
        // pyemv test_pad_iso9797_1: nothing added to whole blocks, one zero block for no data
        assertThat(Padding.P00.pad(new byte[8])).hasSize(8);
        assertThat(Padding.P00.pad(new byte[9])).hasSize(16);
        assertThat(Padding.P00.pad(new byte[0])).hasSize(8);
        assertThat(Padding.P80.pad(new byte[0])).containsExactly(0x80, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void profilesParseFromTheirCodes() {
        assertThat(CryptogramProfile.parse("csk", null)).isEqualTo(CryptogramProfile.DEFAULT);
        assertThat(CryptogramProfile.parse("visa-cvn10", null).padding()).isEqualTo(Padding.P00);
        assertThat(CryptogramProfile.parse("visa-cvn10", "80").padding()).isEqualTo(Padding.P80);
        assertThat(CryptogramProfile.parse("mchip", null)).hasToString("mchip/80");
        assertThatThrownBy(() -> CryptogramProfile.parse("cvn18", null)).hasMessageContaining("csk, visa-cvn10, mchip");
        assertThatThrownBy(() -> CryptogramProfile.parse("csk", "0")).hasMessageContaining("00, 80");
    }

    @Test
    void mchipNeedsTheUnpredictableNumberInTheInput() {
        Vector v = SchemeVectors.ALL.get(2);
        ArqcInput tooShort = new ArqcInput(hex("0000000099990000"), hex("1800"), v.atc(), new byte[0]);
        assertThat(service(v).verify(v.card(), tooShort, hex(v.arqc())).verdict()).isEqualTo(Verdict.MALFORMED);
    }

    private static Verdict verify(Vector v, byte[] data, byte[] arqc) {
        // the published data is CDOL1 (29 bytes) || AIP || ATC || the card's part
        ArqcInput input = new ArqcInput(java.util.Arrays.copyOf(data, 29), java.util.Arrays.copyOfRange(data, 29, 31),
                v.atc(), java.util.Arrays.copyOfRange(data, 33, data.length));
        assertThat(input.bytes()).isEqualTo(data);
        return service(v).verify(v.card(), input, arqc).verdict();
    }

    private static CardCryptogramService service(Vector v) {
        return new CardCryptogramService(InMemoryIssuerKeys.of("imk-ac", hex(v.imk()), v.profile()), "imk-ac",
                new AtcReplayGuard());
    }
}
