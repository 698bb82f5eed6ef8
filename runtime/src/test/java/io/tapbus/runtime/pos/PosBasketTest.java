package io.tapbus.runtime.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.rules.pricing.BasketLine;
import io.tapbus.runtime.payment.CardBaskets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Field 48 of a chained POS purchase with a basket, both ways: the golden pair 0200-purchase-basket /
 * 0210-basket-offers of connectors/bank (golden/ascii, golden/binary) carries exactly these strings.
 */
class PosBasketTest {
    static final String REQUEST_48 = "BV0011BL024COFFEE-250;coffee;2;4500BL020CAKE-1;bakery;3;1200CP016CPN-7K2M9Q4X8B1D";
    static final String ANSWER_48 = "BV0011OA017CMP-COFFEE10;;900OA032CMP-CAKE500;CPN-7K2M9Q4X8B1D;500OR030CMP-GOLD;;AUDIENCE_NOT_MATCHED";

    private static Iso8583Message purchase(String field48, long amount) {
        return Iso8583Message.of("0200", Map.of(4, String.format("%012d", amount), 48, field48));
    }

    @Test
    void theGoldenRequestsField48IsTheBasketAndItsCoupon() throws Exception {
        CardBaskets.CardBasket basket = PosBasket.read(purchase(REQUEST_48, 12600), "demo-shop", "6212340000000001", "CNY", 12600);

        assertThat(basket.lines()).extracting(BasketLine::getSku, BasketLine::getCategory, BasketLine::getQuantity, BasketLine::getUnitPriceMinor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("COFFEE-250", "coffee", 2L, 4500L),
                        org.assertj.core.groups.Tuple.tuple("CAKE-1", "bakery", 3L, 1200L));
        assertThat(basket.couponCodes()).containsExactly("CPN-7K2M9Q4X8B1D");
        assertThat(basket.authorisedMinor()).isEqualTo(12600);
        assertThat(basket.toString()).doesNotContain("6212340000000001");
    }

    @Test
    void theGoldenAnswersField48IsTheOffersAppliedAndRefused() {
        CardBaskets.Priced priced = new CardBaskets.Priced(null, 12600, 1400,
                List.of(new CardBaskets.Offer("CMP-COFFEE10", null, 900L, null), new CardBaskets.Offer("CMP-CAKE500", "CPN-7K2M9Q4X8B1D", 500L, null)),
                List.of(new CardBaskets.Offer("CMP-GOLD", null, null, "AUDIENCE_NOT_MATCHED")));

        assertThat(PosBasket.answer(priced, true)).isEqualTo(ANSWER_48);
        assertThat(PosBasket.answer(priced, false)).as("a declined payment applied nothing").isEqualTo("BV0011OR030CMP-GOLD;;AUDIENCE_NOT_MATCHED");
        assertThat(PosBasket.answer(null, true)).as("no basket, no field 48").isNull();
    }

    @Test
    void aLongListOfRefusalsIsCutToTheFieldsLength() {
        List<CardBaskets.Offer> refused = java.util.stream.IntStream.range(0, 60)
                .mapToObj(i -> new CardBaskets.Offer("CMP-" + i, null, null, "NO_MATCHING_ITEMS")).toList();
        String field = PosBasket.answer(new CardBaskets.Priced(null, 100, 0, List.of(), refused), true);

        assertThat(field).hasSizeLessThanOrEqualTo(999).startsWith("BV0011OR").endsWith("NO_MATCHING_ITEMS");
    }

    @Test
    void field48ThatIsNotABasketIsRefusedWithWhy() throws Exception {
        assertThatThrownBy(() -> PosBasket.parse("BL020CAKE-1;bakery;3;1200")).hasMessageContaining("BV0011");
        assertThatThrownBy(() -> PosBasket.parse("BV0012BL020CAKE-1;bakery;3;1200")).hasMessageContaining("BV0011");
        assertThatThrownBy(() -> PosBasket.parse("BV0011")).hasMessageContaining("1 to 20 BL lines");
        assertThatThrownBy(() -> PosBasket.parse("BV0011BL099CAKE")).hasMessageContaining("longer than the field");
        assertThatThrownBy(() -> PosBasket.parse("BV0011BL021CAKE-1;bakery;-3;1200")).hasMessageContaining("BL line 0");
        assertThatThrownBy(() -> PosBasket.parse("BV0011BL019CAKE-1;bakery;3;12.0")).hasMessageContaining("BL line 0");
        assertThatThrownBy(() -> PosBasket.parse("BV0011XX0011")).hasMessageContaining("unknown element XX");
        assertThatThrownBy(() -> PosBasket.parse("BV0011BL0")).hasMessageContaining("tag of 2 letters");
        assertThatThrownBy(() -> PosBasket.read(purchase(REQUEST_48, 12500), "demo-shop", "6212340000000001", "CNY", 12500))
                .hasMessageContaining("is not field 4 12500");
        assertThat(PosBasket.parse("BV0011BL012TEA-1;;1;800").lines().get(0).getCategory()).as("no category").isNull();
    }
}
