package io.tapbus.runtime.platform;

import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.write.Batch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The business event {@code card.status}: a card was blocked, unblocked or replaced, written through the event outbox
 * in the write unit of the change itself (so it is published if and only if the change happened). Partition key: the
 * card's UID (its events stay in order); the data shows the card only masked. {@code by} is the channel that asked:
 * {@code sms} (the card holder's BLOCK text), {@code app} (the phone app), {@code partner} (the issuer or an
 * administrator over REST, named in {@code partnerId}) or {@code system}.
 */
public final class CardStatusEvents {
    private final EventOutbox outbox;

    public CardStatusEvents(EventOutbox outbox) {
        this.outbox = outbox;
    }

    void changed(Batch batch, String cardUid, String from, String to, String actor, String replacedBy) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("card", Masking.lastFour(cardUid));
        data.put("status", to);
        data.put("previousStatus", from);
        String channel = channel(actor);
        data.put("by", channel);
        if (channel.equals("partner")) {
            data.put("partnerId", actor);
        }
        if (replacedBy != null) {
            data.put("replacedBy", Masking.lastFour(replacedBy));
        }
        outbox.add(batch, BusinessEvent.of("card.status", null, cardUid, null, data));
    }

    private static String channel(String actor) {
        if (actor == null || actor.equals("demo-seed")) {
            return "system";
        }
        if (actor.startsWith("sms:")) {
            return "sms";
        }
        return actor.startsWith("app:") ? "app" : "partner";
    }
}
