package io.tapbus.rules;

import io.tapbus.rules.tag.TagOffer;
import io.tapbus.rules.tag.TagScanInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped tag-authenticity decision, called the way the bus calls it (a TagScanInput bean). */
class TagAuthenticityDecisionTest {
    private static RuleEngine engine;

    @BeforeAll
    static void load() {
        engine = new RuleEngine(TestDecisions.SHIPPED, DecisionCatalog.standard());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private static TagScanInput genuine() {
        TagScanInput scan = new TagScanInput();
        scan.setBatchId("B-1");
        scan.setBatchKnown(true);
        scan.setManufacturerId("maker");
        scan.setTagRegistered(true);
        scan.setMacValid(true);
        scan.setReadCounter(10);
        scan.setLastCounter(9);
        scan.setTagStatus("SHIPPED");
        return scan;
    }

    @Test
    void aValidNextScanIsGenuineWithItsOffers() {
        TagScanInput scan = genuine();
        scan.setStoreId("shop-a");
        scan.setOffers(List.of(new TagOffer("O-ALL", "ad", "CONTENT", null), new TagOffer("O-A", "ad", "COUPON", "shop-a"),
                new TagOffer("O-B", "ad", "COUPON", "shop-b")));

        Decision decision = engine.decide(DecisionCatalog.TAG_AUTHENTICITY, scan);

        assertThat(decision.getVerdict()).isEqualTo("GENUINE");
        assertThat(decision.getReasons()).isEmpty();
        assertThat(decision.getOutputs().get("offerIds")).isEqualTo(List.of("O-ALL", "O-A"));
        assertThat(decision.getOutputs()).doesNotContainKey("warning");
    }

    @Test
    void theGravestFindingDecidesAndEveryFindingIsAReason() {
        TagScanInput scan = genuine();
        scan.setReadCounter(9);
        scan.setTamperStatus("OPEN");
        scan.setTagStatus("SOLD");
        scan.setSoldAtStoreId("shop-a");
        scan.setStoreId("shop-b");

        Decision decision = engine.decide(DecisionCatalog.TAG_AUTHENTICITY, scan);

        assertThat(decision.getVerdict()).isEqualTo("SUSPECT");
        assertThat(decision.reasonCodes()).containsExactlyInAnyOrder("COUNTER_REPLAYED", "TAMPER_OPEN", "SOLD_ELSEWHERE");
        assertThat(decision.getRulesFired()).filteredOn("ReasonPerFinding"::equals).hasSize(3);
        assertThat(decision.getOutputs()).containsKey("warning").doesNotContainKey("offerIds");
    }

    @Test
    void aTagNotBoundToAProductIsUnknownEvenWhenItsCounterLooksReplayed() {
        TagScanInput scan = genuine();
        scan.setTagRegistered(false);
        scan.setReadCounter(1);

        Decision decision = engine.decide(DecisionCatalog.TAG_AUTHENTICITY, scan);

        assertThat(decision.getVerdict()).isEqualTo("UNKNOWN");
        assertThat(decision.reasonCodes()).containsExactly("TAG_NOT_REGISTERED");
    }

    @Test
    void travelIsJudgedOnSpeedNotDistance() {
        TagScanInput slow = genuine();
        slow.setDistanceKmFromLastScan(1070);
        slow.setSecondsSinceLastScan(6 * 3600);
        TagScanInput fast = genuine();
        fast.setDistanceKmFromLastScan(1070);
        fast.setSecondsSinceLastScan(3600);

        assertThat(engine.decide(DecisionCatalog.TAG_AUTHENTICITY, slow).getVerdict()).isEqualTo("GENUINE");
        assertThat(engine.decide(DecisionCatalog.TAG_AUTHENTICITY, fast).reasonCodes()).containsExactly("IMPOSSIBLE_TRAVEL");
    }
}
