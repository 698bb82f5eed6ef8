package io.tapbus.connector.reader.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signed ticket encoding, its ECDSA P-256 signature as a gate checks it, and the Base45 text of the QR code. */
class TicketCodecTest {
    private static final Path DEMO = Path.of("../../config/demo-keys");

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static SignedTicket unsigned(String keyId) {
        return new SignedTicket(keyId, "TK-0001", SignedTicket.Kind.RIDE, "METRO-SINGLE", "1,2", 1_796_122_800L, 1_796_209_200L, 1, null);
    }

    @Test
    void demoKeysSignAndTheGateKeysCheck() throws Exception {
        TicketKeys issuer = TicketKeys.issuer(DEMO.resolve("ticket-signing-demo.txt"), DEMO.resolve("ticket-gate-keys.txt"));
        TicketKeys gate = TicketKeys.gate(DEMO.resolve("ticket-gate-keys.txt"));
        assertThat(issuer.signingKeyId()).contains("demo-tickets-1");
        SignedTicket signed = issuer.sign(unsigned("demo-tickets-1"));
        byte[] bytes = signed.encode();
        SignedTicket read = SignedTicket.decode(bytes);
        assertThat(read).isEqualTo(signed);
        assertThat(read.ticketId()).isEqualTo("TK-0001");
        assertThat(read.uses()).isEqualTo(1);
        assertThat(gate.check(read)).isEqualTo(TicketKeys.Check.VALID);
        assertThat(bytes.length).isLessThan(140); // fits a card record and a small QR code
    }

    @Test
    void aSignatureByAnotherKeyUnderTheSameKeyIdIsRefused() throws Exception {
        KeyPair real = p256();
        KeyPair forger = p256();
        TicketKeys gate = new TicketKeys(Map.of("k1", real.getPublic()), Map.of());
        TicketKeys forged = new TicketKeys(Map.of(), Map.of("k1", forger.getPrivate()));
        SignedTicket ticket = SignedTicket.decode(forged.sign(unsigned("k1")).encode());
        assertThat(gate.check(ticket)).isEqualTo(TicketKeys.Check.BAD_SIGNATURE);
    }

    @Test
    void anyTamperedByteBreaksTheSignature() throws Exception {
        KeyPair k = p256();
        TicketKeys keys = new TicketKeys(Map.of("k1", k.getPublic()), Map.of("k1", k.getPrivate()));
        byte[] good = keys.sign(unsigned("k1")).encode();
        int checked = 0;
        for (int i = 3; i < good.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x01;
            SignedTicket t;
            try {
                t = SignedTicket.decode(bad);
            } catch (IllegalArgumentException e) {
                continue; // a length or kind byte: not even a ticket
            }
            assertThat(keys.check(t)).as("byte %d flipped", i).isNotEqualTo(TicketKeys.Check.VALID);
            checked++;
        }
        assertThat(checked).isGreaterThan(good.length * 8 / 10); // the rest (lengths, kind, characters) do not decode
    }

    @Test
    void moreUsesOrALongerWindowIsATamperedTicket() throws Exception {
        KeyPair k = p256();
        TicketKeys keys = new TicketKeys(Map.of("k1", k.getPublic()), Map.of("k1", k.getPrivate()));
        SignedTicket good = keys.sign(unsigned("k1"));
        SignedTicket moreUses = new SignedTicket("k1", good.ticketId(), good.kind(), good.product(), good.zones(), good.validFrom(),
                good.validUntil(), 50, good.signature());
        SignedTicket longer = new SignedTicket("k1", good.ticketId(), good.kind(), good.product(), "*", good.validFrom(),
                good.validUntil() + 86_400, 1, good.signature());
        assertThat(keys.check(moreUses)).isEqualTo(TicketKeys.Check.BAD_SIGNATURE);
        assertThat(keys.check(longer)).isEqualTo(TicketKeys.Check.BAD_SIGNATURE);
    }

    @Test
    void aKeyIdTheGateDoesNotHoldIsUnknownNotValid() throws Exception {
        KeyPair k = p256();
        TicketKeys issuer = new TicketKeys(Map.of(), Map.of("other-issuer", k.getPrivate()));
        TicketKeys gate = TicketKeys.gate(DEMO.resolve("ticket-gate-keys.txt"));
        SignedTicket t = SignedTicket.decode(issuer.sign(unsigned("other-issuer")).encode());
        assertThat(gate.check(t)).isEqualTo(TicketKeys.Check.UNKNOWN_KEY);
    }

    @Test
    void brokenEncodingsAreRefusedWithAReason() throws Exception {
        KeyPair k = p256();
        byte[] good = new TicketKeys(Map.of(), Map.of("k1", k.getPrivate())).sign(unsigned("k1")).encode();
        assertThatThrownBy(() -> SignedTicket.decode(java.util.Arrays.copyOf(good, good.length - 1))).hasMessageContaining("end early");
        assertThatThrownBy(() -> SignedTicket.decode(java.util.Arrays.copyOf(good, good.length + 1))).hasMessageContaining("after the signature");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> SignedTicket.decode(magic)).hasMessageContaining("magic");
        assertThatThrownBy(() -> new SignedTicket("k1", "id with space", SignedTicket.Kind.RIDE, "P", "1", 1, 2, 1, null))
                .hasMessageContaining("ticketId");
        assertThatThrownBy(() -> new SignedTicket("k1", "T", SignedTicket.Kind.RIDE, "P", "1", 5, 5, 1, null))
                .hasMessageContaining("validUntil");
    }

    @Test
    void base45MatchesRfc9285AndRoundTripsTickets() throws Exception {
        assertThat(Base45.encode("AB".getBytes(StandardCharsets.US_ASCII))).isEqualTo("BB8");
        assertThat(Base45.encode("Hello!!".getBytes(StandardCharsets.US_ASCII))).isEqualTo("%69 VD92EX0");
        assertThat(Base45.encode("base-45".getBytes(StandardCharsets.US_ASCII))).isEqualTo("UJCLQE7W581");
        assertThat(new String(Base45.decode("QED8WEX0"), StandardCharsets.US_ASCII)).isEqualTo("ietf!");
        assertThatThrownBy(() -> Base45.decode("GGW")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Base45.decode("a12")).hasMessageContaining("not a Base45");
        KeyPair k = p256();
        byte[] ticket = new TicketKeys(Map.of(), Map.of("k1", k.getPrivate())).sign(unsigned("k1")).encode();
        assertThat(Base45.decode(Base45.encode(ticket))).isEqualTo(ticket);
    }

    @Test
    void gateBodiesParseAndRefuseWhatBreaksTheirRules() {
        String body = "{\"validationId\":\"G1-1\",\"ticket\":\"VEsB\",\"gateLine\":\"L1\",\"zone\":\"1\",\"readerTime\":\"2026-12-07T08:00:00Z\"}";
        GateValidation v = GateValidation.parseValidate(body.getBytes(StandardCharsets.UTF_8));
        assertThat(v.ticket()).containsExactly('T', 'K', 1);
        assertThat(GateValidation.parseValidate(v.validateBody()).validationId()).isEqualTo("G1-1");
        assertThatThrownBy(() -> GateValidation.parseValidate(body.replace("\"G1-1\"", "\"\"").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("validationId");
        assertThatThrownBy(() -> GateValidation.parseValidate(body.replace("2026-12-07T08:00:00Z", "yesterday").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("readerTime");
        assertThatThrownBy(() -> GateValidation.parseSync("{\"validations\":[]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("1 to 20");
        assertThatThrownBy(() -> GateValidation.parseSync("{\"validations\":[{\"validationId\":\"x\"}]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("validations[0].gateLine");
    }
}
