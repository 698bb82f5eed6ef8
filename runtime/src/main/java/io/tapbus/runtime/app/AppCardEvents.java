package io.tapbus.runtime.app;

import io.tapbus.connector.common.Masking;
import io.tapbus.runtime.events.BusinessEvent;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.WritePath;
import java.util.LinkedHashMap;
import java.util.Map;

/** A card's new status as a business event {@code card.status} (through the event outbox), for the app's stream. */
public final class AppCardEvents {
    private final WritePath writes;
    private final EventOutbox outbox;

    AppCardEvents(WritePath writes, EventOutbox outbox) {
        this.writes = writes;
        this.outbox = outbox;
    }

    public void changed(UserService.Card card, String by) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("card", Masking.lastFour(card.cardUid()));
        data.put("status", card.status());
        data.put("by", by);
        writes.execute(batch -> {
            outbox.add(batch, BusinessEvent.of("card.status", null, card.cardUid(), null, data));
            return null;
        });
    }
}
