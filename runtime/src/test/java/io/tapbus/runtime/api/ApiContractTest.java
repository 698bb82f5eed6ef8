package io.tapbus.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker the REST tests rely on finds each kind of drift, and passes what the document describes. */
class ApiContractTest {
    private static final ApiContract CONTRACT = ApiContract.of(Path.of("..").toAbsolutePath().normalize().resolve(ApiDocument.FILE));
    private static final String ACCOUNT = "{\"accountId\":\"A-1\",\"ownerType\":\"CARD\",\"ownerId\":\"04A1B2C3D4E5F6\","
            + "\"kind\":\"STORED_VALUE\",\"currency\":\"CNY\",\"status\":\"OPEN\",\"balanceMinor\":1250}";

    private static List<String> get(String path, int status, String contentType, String body) {
        return CONTRACT.violations(new ApiContract.Exchange("GET", URI.create("http://127.0.0.1/api" + path), Map.of(), "",
                status, contentType, body));
    }

    private static List<String> topUp(String body, Map<String, List<String>> headers, int status) {
        return CONTRACT.violations(new ApiContract.Exchange("POST", URI.create("http://127.0.0.1/api/accounts/A-1/topups"), headers, body,
                status, "application/json", "{\"transactionId\":\"T-1\",\"balanceMinor\":2500}"));
    }

    @Test
    void aResponseAsDocumentedPasses() {
        assertThat(get("/accounts/A-1", 200, "application/json", ACCOUNT)).isEmpty();
    }

    @Test
    void aMissingOrExtraOrMistypedResponseFieldIsFound() {
        assertThat(get("/accounts/A-1", 200, "application/json", ACCOUNT.replace(",\"balanceMinor\":1250", "")))
                .singleElement().asString().contains("balanceMinor");
        assertThat(get("/accounts/A-1", 200, "application/json", ACCOUNT.replace("}", ",\"secret\":1}")))
                .singleElement().asString().contains("secret");
        assertThat(get("/accounts/A-1", 200, "application/json", ACCOUNT.replace("1250", "12.5"))).isNotEmpty();
    }

    @Test
    void anUndocumentedStatusMediaTypeOrOperationIsFound() {
        assertThat(get("/accounts/A-1", 418, "application/json", "{}")).singleElement().asString().contains("418");
        assertThat(get("/accounts/A-1", 200, "text/plain", "hello")).singleElement().asString().contains("text/plain");
        assertThat(get("/no-such-thing", 200, "application/json", "{}")).singleElement().asString().contains("no such operation");
        assertThat(get("/no-such-thing", 404, "text/html", "<html>")).singleElement().asString().contains("problem+json");
        assertThat(get("/accounts/A-1", 404, "text/plain", "Not Found")).singleElement().asString().contains("text/plain");
    }

    @Test
    void anAcceptedRequestMustMatchTheDocumentButARefusedOneNeedNot() {
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"), "Idempotency-Key", List.of("k-1"));
        assertThat(topUp("{\"amountMinor\":1250}", headers, 201)).isEmpty();
        assertThat(topUp("{\"amountMinor\":12.5}", headers, 201)).singleElement().asString().contains("amountMinor");
        assertThat(topUp("{\"amountMinor\":1250}", Map.of("Content-Type", List.of("application/json")), 201))
                .singleElement().asString().contains("Idempotency-Key");
        assertThat(CONTRACT.violations(new ApiContract.Exchange("POST", URI.create("http://127.0.0.1/api/accounts/A-1/topups"), headers,
                "{\"amountMinor\":12.5}", 400, "application/problem+json",
                "{\"type\":\"https://tapbus.io/problems/bad-request\",\"title\":\"bad request\",\"status\":400,"
                        + "\"detail\":\"amountMinor must be a whole number\",\"instance\":\"/api/accounts/A-1/topups\"}")))
                .as("refusing a bad request is documented behaviour").isEmpty();
        assertThat(CONTRACT.violations(new ApiContract.Exchange("GET", URI.create("http://127.0.0.1/api/accounts/A-1?verbose=1"), Map.of(), "",
                200, "application/json", ACCOUNT))).singleElement().asString().contains("verbose");
    }
}
