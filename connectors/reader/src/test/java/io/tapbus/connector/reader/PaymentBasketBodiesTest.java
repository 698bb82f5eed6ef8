package io.tapbus.connector.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The basket extension (version 1) of PAYMENT_REQUEST and PAYMENT_RESPONSE (docs/reader-protocol.md §12.1, §12.2). */
class PaymentBasketBodiesTest {
    /** The documented request of §12.1 (amountMinor 1250) as a JSON tree. */
    private static ObjectNode documented() throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(PaymentGoldenFrameTest.REQUEST.toJson());
    }

    private static ObjectNode withBasket(ObjectNode request, String basketJson) throws Exception {
        request.set("basket", Json.MAPPER.readTree(basketJson));
        return request;
    }

    private static PaymentRequest parse(ObjectNode body) {
        return PaymentRequest.parse(body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOldRequestHasNoBasketAndWritesNone() throws Exception {
        PaymentRequest request = parse(documented());

        assertThat(request.basket()).isNull();
        assertThat(new String(request.toJson(), StandardCharsets.UTF_8)).doesNotContain("basket");
    }

    @Test
    void aBasketAddingUpToTheAmountIsReadAndRoundTrips() throws Exception {
        PaymentRequest request = parse(withBasket(documented(), "{\"version\":1,\"lines\":[{\"sku\":\"TEA-1\",\"category\":\"tea\",\"quantity\":2,"
                + "\"unitPriceMinor\":500},{\"sku\":\"BUN-1\",\"quantity\":1,\"unitPriceMinor\":250}],\"couponCodes\":[\"CPN-ABCDEFGHJKLM\"]}"));

        assertThat(request.basket().lines()).containsExactly(new ReaderBasket.Line("TEA-1", "tea", 2, 500), new ReaderBasket.Line("BUN-1", null, 1, 250));
        assertThat(request.basket().couponCodes()).containsExactly("CPN-ABCDEFGHJKLM");
        assertThat(request.basket().totalMinor()).isEqualTo(1250);
        assertThat(PaymentRequest.parse(request.toJson())).isEqualTo(request);
        assertThat(request.toString()).contains("basketLines=2").doesNotContain("TEA-1");
    }

    @Test
    void aBasketThatDoesNotAddUpOrIsOfAnotherVersionIsRefusedWithTheFieldNamed() throws Exception {
        String line = "{\"sku\":\"TEA-1\",\"quantity\":2,\"unitPriceMinor\":500}";
        assertThatThrownBy(() -> parse(withBasket(documented(), "{\"version\":1,\"lines\":[" + line + "]}")))
                .hasMessageContaining("basket total 1000 is not transaction.amountMinor 1250");
        assertThatThrownBy(() -> parse(withBasket(documented(), "{\"version\":2,\"lines\":[" + line + "]}")))
                .hasMessageContaining("basket.version must be 1");
        assertThatThrownBy(() -> parse(withBasket(documented(), "{\"version\":1,\"lines\":[]}")))
                .hasMessageContaining("basket.lines must be an array of 1 to 40");
        assertThatThrownBy(() -> parse(withBasket(documented(), "{\"version\":1,\"lines\":[{\"sku\":\"TEA-1\",\"quantity\":-1,\"unitPriceMinor\":500}]}")))
                .hasMessageContaining("basket.lines[0].quantity must be 1 to 1000000");
        assertThatThrownBy(() -> parse(withBasket(documented(), "{\"version\":1,\"lines\":[{\"sku\":\"TEA 1\",\"quantity\":1,\"unitPriceMinor\":1250}]}")))
                .hasMessageContaining("basket.lines[0].sku");
        assertThatThrownBy(() -> parse(withBasket(documented(), "{\"version\":1,\"lines\":[" + line.replace("2,", "1,").replace("500", "1250")
                + "],\"couponCodes\":[7]}"))).hasMessageContaining("basket.couponCodes");
    }

    @Test
    void theResponsesBasketIsCompactAndReadBack() throws Exception {
        PaymentResponse response = new PaymentResponse(PaymentResponse.Verdict.APPROVED, List.of(), "PAY-1", "pay-0001", null, null, null, 750L,
                List.of(), new BasketAnswer(1250, 300, 950L, List.of(new BasketAnswer.Offer("CMP-1", "CPN-ABCDEFGHJKLM", 300L, null)),
                        List.of(new BasketAnswer.Offer("CMP-2", null, null, "BUDGET_SPENT"))));
        String json = new String(response.toJson(), StandardCharsets.UTF_8);

        assertThat(json).contains("\"basket\":{\"totalMinor\":1250,\"discountMinor\":300,\"chargedMinor\":950,"
                + "\"applied\":[{\"c\":\"CMP-1\",\"k\":\"CPN-ABCDEFGHJKLM\",\"a\":300}],\"refused\":[{\"c\":\"CMP-2\",\"r\":\"BUDGET_SPENT\"}]}");
        assertThat(PaymentResponse.parse(response.toJson())).isEqualTo(response);
        assertThat(new String(new PaymentResponse(PaymentResponse.Verdict.DECLINED, List.of(), null, "x", null, null, null, null, List.of()).toJson(),
                StandardCharsets.UTF_8)).doesNotContain("basket");
        ObjectNode bad = (ObjectNode) Json.MAPPER.readTree(json);
        ((ObjectNode) bad.get("basket")).put("discountMinor", 2000);
        assertThatThrownBy(() -> PaymentResponse.parse(bad.toString().getBytes(StandardCharsets.UTF_8))).hasMessageContaining("discountMinor");
    }
}
