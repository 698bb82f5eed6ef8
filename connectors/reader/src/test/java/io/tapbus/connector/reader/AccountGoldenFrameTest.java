package io.tapbus.connector.reader;

import static io.tapbus.connector.reader.TestFrames.golden;
import static io.tapbus.connector.reader.TestFrames.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The golden frames of the account query (docs/reader-protocol.md §15) were produced by an independent implementation
 * (src/test/resources/golden/account-golden.py, Python's cryptography CMAC). GoldenFrameTest checks them both ways;
 * here each body must parse into the documented Java value and serialise back to the same bytes.
 */
class AccountGoldenFrameTest {
    static final AccountQuery QUERY = new AccountQuery("04A1B2C3D4E5F6", "2026-11-25T18:00:00Z", "bal-0001");
    static final AccountAnswer ANSWER = new AccountAnswer("ACTIVE", 98750, "CNY",
            new AccountAnswer.Summary<>(2, List.of(new AccountAnswer.PointsLine("Demo Cafe Card", 40),
                    new AccountAnswer.PointsLine("Demo Shop Club", 120))),
            new AccountAnswer.Summary<>(1, List.of(new AccountAnswer.CouponLine("CPN-7K2M9QXA4B3C", "2026-12-31"))),
            new AccountAnswer.Summary<>(4, List.of(new AccountAnswer.TicketLine("RIDE", "Metro single", 1, "2026-11-26"),
                    new AccountAnswer.TicketLine("PASS", "Zones 1-2 weekly", -1, "2026-12-01"),
                    new AccountAnswer.TicketLine("EVENT", AccountAnswer.displayName("Harbour Jazz Night"), 1, "2026-12-05"))),
            "bal-0001");

    @Test
    void theQueryIsTheDocumentedValueAndSerialisesBackIdentically() throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(golden("account-query-v1"));
        assertThat(AccountQuery.parse(frame)).isEqualTo(QUERY);
        assertThat(new String(QUERY.toJson(), StandardCharsets.UTF_8)).isEqualTo(frame.bodyText());
        assertThat(FrameType.ACCOUNT_QUERY.code()).isEqualTo((byte) 0x14);
        assertThat(FrameType.ACCOUNT_QUERY.replyType()).contains(FrameType.ACCOUNT_ANSWER);
        assertThat(FrameType.ACCOUNT_ANSWER.code()).isEqualTo((byte) 0x94);
    }

    @Test
    void theAnswerIsTheDocumentedValueAndSerialisesBackIdentically() throws FrameException {
        ReaderFrame frame = ReaderFrameCodec.decode(golden("account-answer-v1"));
        assertThat(AccountAnswer.parse(frame.body())).isEqualTo(ANSWER);
        assertThat(new String(ANSWER.toJson(), StandardCharsets.UTF_8)).isEqualTo(frame.bodyText());
    }

    @Test
    void badQueriesAreBadBodyNamingTheField() {
        assertThatThrownBy(() -> AccountQuery.parse(query("{\"cardUid\":\"XYZ\",\"readerTime\":\"2026-11-25T18:00:00Z\"}")))
                .isInstanceOfSatisfying(FrameException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_BODY);
                    assertThat(e.reason()).contains("cardUid");
                });
        assertThatThrownBy(() -> AccountQuery.parse(query("{\"cardUid\":\"04A1B2C3D4E5F6\",\"readerTime\":\"yesterday\"}")))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.reason()).contains("readerTime"));
        assertThatThrownBy(() -> AccountAnswer.parse("{\"balanceMinor\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_BODY));
    }

    @Test
    void summariesKeepTheCountAndTheFirstThreeAndNamesAreCutForTheDisplay() {
        AccountAnswer.Summary<String> s = AccountAnswer.Summary.of(List.of("a", "b", "c", "d", "e"));
        assertThat(s.count()).isEqualTo(5);
        assertThat(s.first()).containsExactly("a", "b", "c");
        assertThat(AccountAnswer.displayName("Harbour Jazz Night")).isEqualTo("Harbour Jazz Nig");
        assertThat(AccountAnswer.displayName("Short")).isEqualTo("Short");
    }

    @Test
    void theWorkedExampleOfTheSpecIsTheGoldenFrames() throws java.io.IOException {
        String spec = java.nio.file.Files.readString(java.nio.file.Path.of("../../docs/reader-protocol.md"), StandardCharsets.UTF_8);
        String section = spec.substring(spec.indexOf("### 15.3 Worked example"));
        String[] blocks = section.split("```");
        // blocks[1]: the annotated query (hex before the comments), blocks[5]: the answer's bytes
        StringBuilder query = new StringBuilder();
        for (String line : blocks[1].split("\n")) {
            String first = line.strip().split("\\s+")[0];
            if (first.matches("[0-9a-f]+")) {
                query.append(first);
            }
        }
        assertThat(query.toString()).isEqualTo(hex(golden("account-query-v1")));
        assertThat(blocks[5].replaceAll("\\s", "")).isEqualTo(hex(golden("account-answer-v1")));
    }

    private static ReaderFrame query(String body) throws FrameException {
        return ReaderFrameCodec.decode(ReaderFrameCodec.encode(FrameType.ACCOUNT_QUERY, 7, TestFrames.READER,
                body.getBytes(StandardCharsets.UTF_8), TestFrames.KEY));
    }
}
