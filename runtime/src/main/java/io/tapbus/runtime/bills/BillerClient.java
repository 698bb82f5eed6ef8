package io.tapbus.runtime.bills;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.domain.DomainError;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Bill inquiry at the biller's own system: {@code GET <inquiryUrl>/bills/<billRef>} answers the bill as JSON
 * ({@code billRef, amountMinor, currency, dueDate, status UNPAID|PAID}) or 404. The biller's answer is the amount that is
 * paid; the bus never takes an amount from the payer. docs/bills.md "The biller's inquiry service".
 */
final class BillerClient {
    /** A bill as the biller states it. */
    record Bill(String billerId, String billRef, long amountMinor, String currency, String dueDate, String status) {}

    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;

    BillerClient(ObjectMapper json, Duration timeout) {
        this.json = json;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Bill inquire(BillerRegistry.Biller biller, String billRef) {
        URI uri = URI.create(biller.inquiryUrl() + "/bills/" + URLEncoder.encode(billRef, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(biller, "did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(biller, "did not answer");
        }
        if (response.statusCode() == 404) {
            throw new BillRefusal(DomainError.Code.NOT_FOUND, "bill-not-found", "biller " + biller.billerId() + " has no bill " + billRef);
        }
        if (response.statusCode() != 200) {
            throw unavailable(biller, "answered HTTP " + response.statusCode());
        }
        try {
            JsonNode b = json.readTree(response.body());
            JsonNode amount = b.path("amountMinor");
            if (!amount.isIntegralNumber() || amount.asLong() < 0 || !billRef.equals(b.path("billRef").asText())) {
                throw unavailable(biller, "answered a bill the bus cannot use");
            }
            String status = b.path("status").asText("UNPAID");
            return new Bill(biller.billerId(), billRef, amount.asLong(), b.path("currency").asText("CNY"), b.path("dueDate").asText(null),
                    status.equals("PAID") ? "PAID" : "UNPAID");
        } catch (IOException e) {
            throw unavailable(biller, "answered something that is not JSON");
        }
    }

    private static BillRefusal unavailable(BillerRegistry.Biller biller, String what) {
        return new BillRefusal(DomainError.Code.SYSTEM_UNAVAILABLE, "biller-unavailable", "biller " + biller.billerId() + " " + what
                + "; try again later");
    }
}
