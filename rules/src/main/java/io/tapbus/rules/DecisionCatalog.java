package io.tapbus.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.tapbus.rules.membership.MembershipMergeInput;
import io.tapbus.rules.payment.PaymentAuthorizationInput;
import io.tapbus.rules.tag.TagScanInput;
import io.tapbus.rules.tap.TapAuthorizationInput;
import io.tapbus.rules.ticket.TicketValidationInput;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which decisions the bus knows and the input fact each one takes. Immutable; {@link #with} returns a
 * new catalog.
 */
public final class DecisionCatalog {
    public static final String TAP_AUTHORIZE = "tap-authorize";
    public static final String TAG_AUTHENTICITY = "tag-authenticity";
    public static final String PAYMENT_AUTHORIZE = "payment-authorize";
    public static final String MEMBERSHIP_MERGE = "membership-merge";
    public static final String BASKET_PRICING = "basket-pricing";
    public static final String TICKET_VALIDATION = "ticket-validation";

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private final Map<String, Class<?>> inputTypes;

    private DecisionCatalog(Map<String, Class<?>> inputTypes) {
        this.inputTypes = Collections.unmodifiableMap(new TreeMap<>(inputTypes));
    }

    /** The decisions TapBus ships with. */
    public static DecisionCatalog standard() {
        return new DecisionCatalog(Map.of(TAP_AUTHORIZE, TapAuthorizationInput.class,
                TAG_AUTHENTICITY, TagScanInput.class, PAYMENT_AUTHORIZE, PaymentAuthorizationInput.class,
                MEMBERSHIP_MERGE, MembershipMergeInput.class,
                BASKET_PRICING, io.tapbus.rules.pricing.BasketPricingInput.class,
                TICKET_VALIDATION, TicketValidationInput.class));
    }

    public DecisionCatalog with(String decision, Class<?> inputType) {
        Map<String, Class<?>> copy = new TreeMap<>(inputTypes);
        copy.put(Objects.requireNonNull(decision, "decision"), Objects.requireNonNull(inputType, "inputType"));
        return new DecisionCatalog(copy);
    }

    /** This catalog cut down to the given decisions (those it does not know are left out). */
    public DecisionCatalog only(Set<String> decisions) {
        Map<String, Class<?>> copy = new TreeMap<>(inputTypes);
        copy.keySet().retainAll(decisions);
        return new DecisionCatalog(copy);
    }

    public Set<String> names() {
        return inputTypes.keySet();
    }

    public boolean contains(String decision) {
        return inputTypes.containsKey(decision);
    }

    /** @throws IllegalArgumentException when the catalog has no such decision */
    public Class<?> inputType(String decision) {
        Class<?> type = inputTypes.get(decision);
        if (type == null) {
            throw new IllegalArgumentException("decision '" + decision + "' is not in the catalog " + names());
        }
        return type;
    }

    /**
     * The input as the decision's fact type: returned as is when it already has that type, otherwise
     * converted with Jackson (a Map, a JsonNode, another bean). Unknown properties are rejected, so a
     * misspelt field is an error and not a silently missing fact.
     *
     * @throws IllegalArgumentException when the decision is unknown or the input does not convert
     */
    public Object toInput(String decision, Object raw) {
        Class<?> type = inputType(decision);
        if (type.isInstance(raw)) {
            return raw;
        }
        if (raw == null) {
            throw new IllegalArgumentException("no input for decision '" + decision + "'");
        }
        try {
            return JSON.convertValue(raw, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input for decision '" + decision + "' is not a "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The JSON mapper used for inputs (Java time support, unknown properties rejected). */
    public static ObjectMapper json() {
        return JSON;
    }

    @Override
    public String toString() {
        return "DecisionCatalog" + inputTypes;
    }
}
