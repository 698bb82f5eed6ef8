package io.tapbus.runtime.api;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.tapbus.runtime.tags.TagRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the decoding of every REST request body the API accepts: any body either decodes to its request, or is
 * refused with a 400 problem whose detail names the field at fault (when one is) and shows no Java names. Any other
 * exception, status or detail is a finding. The first input byte picks the request type, the rest is the body as
 * the API reads it (UTF-8). The test command replays the committed corpus; {@code JAZZER_FUZZ=1} (or the {@code fuzz}
 * profile) fuzzes.
 */
class RestBodyFuzzTest {
    /** Every type a REST operation reads its body as (Json.read callers). */
    static final List<Class<?>> BODIES = List.of(
            PartnerApi.CreatePartner.class, PartnerApi.IssueCredential.class,
            ReaderApi.RegisterReader.class, ReaderApi.StatusChange.class,
            CardApi.CreateUser.class, CardApi.ConsentChange.class, CardApi.IssueCard.class, CardApi.BindCard.class,
            CardApi.ReplaceCard.class, AccountApi.TopUp.class, ScanApi.ForwardedScan.class,
            TagApi.NewProduct.class, TagRegistry.NewBatch.class, TagApi.NewTags.class, TagApi.StatusChange.class,
            TagRegistry.NewOffer.class, PaymentApi.RegisterPaymentCard.class, PaymentApi.PhonePayment.class,
            PaymentApi.Confirmation.class,
            // pricing (issue 14 part 2)
            io.tapbus.runtime.pricing.CampaignDefinition.class, io.tapbus.runtime.pricing.PricingApi.IssueCoupon.class,
            io.tapbus.runtime.pricing.PricingApi.ClaimCoupon.class, io.tapbus.runtime.pricing.PricingApi.Quote.class,
            PersonScanApi.PersonScan.class, io.tapbus.runtime.segments.SegmentsApi.BulkChange.class);
    /** What must not show in a detail unless the caller sent it: Java and Jackson names. */
    private static final List<String> JAVA_NAMES = List.of("io.tapbus", "java.", "javax.", "com.fasterxml", "$", "`",
            "Exception", "JsonToken", "StreamReadConstraints");
    private static final Json JSON = new Json(Json.newMapper());

    /** Jazzer attaches its agent through a jar it writes to java.io.tmpdir (target/tmp): that folder must exist. */
    @org.junit.jupiter.api.BeforeAll
    static void tmpdir() throws IOException {
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")));
    }

    @FuzzTest(maxExecutions = 1_000_000, maxDuration = "30m")
    void anyBodyDecodesOrIsRefusedWithA400NamingTheField(byte[] input) {
        if (input.length == 0) {
            return;
        }
        Class<?> type = BODIES.get(Math.floorMod(input[0], BODIES.size()));
        String body = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
        try {
            JSON.read(body, type);
        } catch (ApiProblem | JsonProcessingException refused) {
            check(type, body, refused);
        } catch (IOException | RuntimeException other) {
            throw new AssertionError("not a problem answer for " + type.getSimpleName() + ": " + other, other);
        }
    }

    private static void check(Class<?> type, String body, Exception refused) {
        ApiProblem problem = ProblemResponder.toProblem(refused);
        String detail = problem.getMessage();
        String what = type.getSimpleName() + " body " + quoted(body) + " -> " + problem.status() + " \"" + detail + "\" ("
                + refused + ")";
        if (problem.status() != 400 || !"bad-request".equals(problem.type()) || detail == null || detail.isBlank()) {
            throw new AssertionError("not a 400 bad-request: " + what, refused);
        }
        for (String name : JAVA_NAMES) {
            if (detail.contains(name) && !body.contains(name)) {
                throw new AssertionError("a Java name (" + name + ") in the detail: " + what, refused);
            }
        }
        if (refused instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().get(m.getPath().size() - 1).getFieldName();
            if (field != null && !detail.contains(field)) {
                throw new AssertionError("the detail does not name the field " + field + ": " + what, refused);
            }
        }
    }

    private static String quoted(String body) {
        String shown = body.length() > 200 ? body.substring(0, 200) + "..." : body;
        return "'" + shown.replace("\n", "\\n") + "'";
    }
}
