package io.tapbus.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/**
 * A body that is not JSON gets the parser's reason and where, without Jackson's source block or feature names
 * (RestBodyFuzzTest found "[Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled) ...]").
 */
class JsonSyntaxProblemTest {
    private static final Json JSON = new Json(Json.newMapper());

    @Test
    void aMismatchedCloseMarkerIsNamedWithItsPlace() {
        ApiProblem problem = problem("{\"tags\":[{\"uid\":\"04DE5F1EACC040\",\"serialNumber\":\"S-1\"}]]",
                TagApi.NewTags.class);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage())
                .isEqualTo("malformed JSON body: Unexpected close marker ']': expected '}' (line 1, column 56)");
    }

    @Test
    void noSyntaxDetailShowsJacksonNames() {
        for (String body : new String[] {"{\"amountMinor\": NaN}", "{\"amountMinor\": 01}", "{\"a\" 1}", "[1,", "{'a':1}",
                "\u0000"}) {
            ApiProblem problem = problem(body, AccountApi.TopUp.class);
            assertThat(problem.status()).as(body).isEqualTo(400);
            assertThat(problem.getMessage()).as(body).isNotBlank()
                    .doesNotContain("`", "Source", "Feature", "com.fasterxml", "io.tapbus");
        }
    }

    private static ApiProblem problem(String body, Class<?> type) {
        return ProblemResponder.toProblem(catchThrowable(() -> JSON.read(body, type)));
    }
}
