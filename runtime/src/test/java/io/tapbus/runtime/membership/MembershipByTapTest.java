package io.tapbus.runtime.membership;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.reader.ErrorBody;
import io.tapbus.connector.reader.ErrorCode;
import io.tapbus.connector.reader.FrameType;
import io.tapbus.connector.reader.MemberCardRecord;
import io.tapbus.connector.reader.MembershipAddRequest;
import io.tapbus.connector.reader.MembershipAddResult;
import io.tapbus.connector.reader.ReaderClient;
import io.tapbus.connector.reader.ReaderFrame;
import io.tapbus.connector.reader.TapResponse;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Membership by tap on a running bus, over the real reader socket (docs/reader-protocol.md §15): the demo shop's reader
 * R-DEMO-1 reads the old card of demo-shop-club and asks to merge it onto the universal card. The membership-merge rules
 * decide as for REST: approved with the card's points, a duplicate declined, a second card of the same programme, no
 * consent referred, another person's card refused; what the platform cannot take is the protocol's own ERROR.
 */
class MembershipByTapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static RunningBus bus;
    private static String shop;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        HttpResponse<String> r = bus.post("/partners/demo-shop/credentials", RunningBus.adminToken(), "{\"roles\":[\"merchant\"]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        shop = JSON.readTree(r.body()).path("token").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static MembershipAddRequest add(String cardUid, MemberCardRecord oldCard, boolean consent) {
        return new MembershipAddRequest("MA-" + IDS.incrementAndGet(), cardUid, HexFormat.of().withUpperCase().formatHex(oldCard.encode()),
                consent, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    private static MemberCardRecord shopCard(String number, String tier, long points, String holder) {
        return new MemberCardRecord("demo-shop-club", number, tier, "2020-01-01", points, holder);
    }

    private static MembershipAddResult tap(String readerId, MembershipAddRequest request) throws Exception {
        try (ReaderClient reader = bus.reader(readerId)) {
            ReaderFrame reply = reader.membershipAdd(request);
            assertThat(reply.type()).as(reply.bodyText()).isEqualTo(FrameType.MEMBERSHIP_RESULT);
            assertThat(reply.sequence()).isGreaterThan(0);
            MembershipAddResult result = MembershipAddResult.parse(reply.body());
            assertThat(result.requestId()).isEqualTo(request.requestId());
            return result;
        }
    }

    private static List<String> codes(MembershipAddResult result) {
        return result.reasons().stream().map(TapResponse.Reason::code).toList();
    }

    private static JsonNode merged(String number) throws Exception {
        HttpResponse<String> r = bus.get("/memberships/demo-shop-club/" + number, shop);
        return r.statusCode() == 404 ? null : JSON.readTree(r.body());
    }

    @Test
    void approvedThenADuplicateThenASecondCardOfTheSameProgramme() throws Exception {
        MembershipAddResult approved = tap("R-DEMO-1", add(DemoSeeder.ACTIVE_CARD, shopCard("SC-T1", "GOLD", 500, "Demo User"), true));
        assertThat(approved.verdict()).as(approved.toString()).isEqualTo("APPROVED");
        assertThat(approved.status()).isEqualTo("ACTIVE");
        assertThat(approved.tier()).isEqualTo("GOLD");
        assertThat(approved.pointsCredited()).isEqualTo(500);
        assertThat(approved.decisionId()).isNotBlank();
        JsonNode seen = merged("SC-T1");
        assertThat(seen).isNotNull();
        assertThat(seen.toString()).contains("ACTIVE");

        MembershipAddResult duplicate = tap("R-DEMO-1", add(DemoSeeder.ACTIVE_CARD, shopCard("SC-T1", "GOLD", 500, null), true));
        assertThat(duplicate.verdict()).isEqualTo("DECLINED");
        assertThat(codes(duplicate)).containsExactly("ALREADY_MERGED");
        assertThat(duplicate.status()).isNull();
        assertThat(duplicate.pointsCredited()).as("nothing credited again").isNull();

        MembershipAddResult second = tap("R-DEMO-1", add(DemoSeeder.ACTIVE_CARD, shopCard("SC-T2", "BASIC", 20, null), true));
        assertThat(second.verdict()).isEqualTo("APPROVED");
        assertThat(codes(second)).contains("SAME_PROGRAMME");
        assertThat(second.status()).as("the GOLD card survives").isEqualTo("RETIRED");
        assertThat(second.retiredMemberNumber()).isEqualTo("SC-T2");
    }

    @Test
    void anotherPersonsCardIsRefused() throws Exception {
        // the bank-funded demo card belongs to another person; the shop card SC-T5 goes onto it first
        MembershipAddResult theirs = tap("R-DEMO-1", add(DemoSeeder.BANK_CARD, shopCard("SC-T5", "SILVER", 0, null), true));
        assertThat(theirs.verdict()).as(theirs.toString()).isEqualTo("APPROVED");

        MembershipAddResult elsewhere = tap("R-DEMO-1", add(DemoSeeder.ACTIVE_CARD, shopCard("SC-T5", "SILVER", 0, null), true));
        assertThat(elsewhere.verdict()).isEqualTo("DECLINED");
        assertThat(codes(elsewhere)).containsExactly("MERGED_ELSEWHERE");

        MembershipAddResult named = tap("R-DEMO-1", add(DemoSeeder.ACTIVE_CARD, shopCard("SC-T6", "SILVER", 0, "Zhang Min"), true));
        assertThat(named.verdict()).isEqualTo("DECLINED");
        assertThat(codes(named)).containsExactly("HOLDER_NAME_MISMATCH");
        assertThat(merged("SC-T6")).as("nothing merged").isNull();
    }

    @Test
    void withoutTheHoldersConsentTheMergeIsReferred() throws Exception {
        MembershipAddResult referred = tap("R-DEMO-1", add(DemoSeeder.ACTIVE_CARD, shopCard("SC-T7", "SILVER", 0, null), false));
        assertThat(referred.verdict()).isEqualTo("REFERRED");
        assertThat(codes(referred)).containsExactly("CONSENT_REQUIRED");
        assertThat(merged("SC-T7")).isNull();
    }

    @Test
    void theReaderSimulatorsMemberAddMergesByTapAndSaysWhenItDoesNot() throws Exception {
        String[] common = {"--reader", "R-DEMO-1", "--master-key-file", RunningBus.HOME.resolve("config/demo-keys/reader-master.hex").toString(),
                "--port", String.valueOf(bus.readerPort), "--card", DemoSeeder.ACTIVE_CARD, "--programme", "demo-shop-club"};
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int merged = memberAdd(common, out, "--member-number", "SC-T9", "--tier", "SILVER", "--points", "30", "--holder-name", "Demo user");
        assertThat(merged).as(out.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode answer = JSON.readTree(out.toString(StandardCharsets.UTF_8).strip());
        assertThat(answer.path("verdict").asText()).isEqualTo("APPROVED");
        assertThat(answer.path("pointsCredited").asLong()).isEqualTo(30);
        assertThat(merged("SC-T9")).isNotNull();

        out.reset();
        assertThat(memberAdd(common, out, "--member-number", "SC-T10", "--no-consent")).as("referred").isEqualTo(4);
        assertThat(JSON.readTree(out.toString(StandardCharsets.UTF_8).strip()).path("reasons").get(0).path("code").asText())
                .isEqualTo("CONSENT_REQUIRED");
        assertThat(memberAdd(common, new java.io.ByteArrayOutputStream(), "--member-number", "SC T11")).as("a bad member number").isEqualTo(2);
    }

    private static int memberAdd(String[] common, java.io.ByteArrayOutputStream out, String... more) {
        String[] args = new String[common.length + more.length + 1];
        args[0] = "member-add";
        System.arraycopy(common, 0, args, 1, common.length);
        System.arraycopy(more, 0, args, 1 + common.length, more.length);
        return io.tapbus.samples.reader.MemberAddSimulator.run(args, new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
    }

    @Test
    void whatThePlatformCannotTakeIsTheProtocolsOwnError() throws Exception {
        try (ReaderClient cafe = bus.reader("R-DEMO-2"); ReaderClient till = bus.reader("R-DEMO-1")) {
            // the cafe's reader may not add the shop's cards
            ReaderFrame other = cafe.membershipAdd(add(DemoSeeder.ACTIVE_CARD, shopCard("SC-T8", "SILVER", 0, null), true));
            assertThat(other.type()).isEqualTo(FrameType.ERROR);
            assertThat(ErrorBody.parse(other.body()).code()).isEqualTo(ErrorCode.NOT_PERMITTED.name());

            ReaderFrame unknownCard = till.membershipAdd(add("04FFFFFFFFFFFF", shopCard("SC-T8", "SILVER", 0, null), true));
            assertThat(unknownCard.type()).isEqualTo(FrameType.ERROR);
            assertThat(ErrorBody.parse(unknownCard.body()).code()).isEqualTo(ErrorCode.NOT_FOUND.name());

            String notARecord = new String(add(DemoSeeder.ACTIVE_CARD, shopCard("SC-T8", "SILVER", 0, null), true).toJson(),
                    StandardCharsets.UTF_8).replaceAll("\"memberCard\":\"[0-9A-F]+\"", "\"memberCard\":\"544D01010141\"");
            ReaderFrame bad = till.send(FrameType.MEMBERSHIP_ADD, till.nextSequence(), notARecord.getBytes(StandardCharsets.UTF_8));
            assertThat(bad.type()).isEqualTo(FrameType.ERROR);
            ErrorBody why = ErrorBody.parse(bad.body());
            assertThat(why.code()).isEqualTo(ErrorCode.BAD_BODY.name());
            assertThat(why.reason()).contains("memberCard").contains("member number");

            // the connection stays open: the next request is answered
            assertThat(till.heartbeat().type()).isEqualTo(FrameType.HEARTBEAT_ACK);
        }
        assertThat(merged("SC-T8")).isNull();
    }
}
