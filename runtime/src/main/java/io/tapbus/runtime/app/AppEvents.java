package io.tapbus.runtime.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.runtime.phone.PhoneChannel;
import io.tapbus.runtime.platform.UserService;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business events a phone app user sees, taken from the events topic (route {@code app-events-feed}): payments of
 * the user's cards ({@code payment.*}), the states of SMS sent to the user's number ({@code sms.state}) and changes of
 * the user's cards ({@code card.status}). Each user's newest {@link #KEEP} events are kept in memory (for the
 * {@link #USERS} users with the newest events), so that a stream that reconnects with {@code Last-Event-ID} gets what it
 * missed (not across a restart of the bus).
 */
public final class AppEvents {
    static final int KEEP = 100;
    static final int USERS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(AppEvents.class);
    private static final Set<String> TYPES_PREFIXES = Set.of("payment.", "sms.state", "card.status");

    /** One event as the app gets it: the bus's event id, its type and the event's JSON. */
    public record Event(String id, String type, String json) {}

    private final ObjectMapper json;
    private final UserService users;
    private final PhoneChannel phone;
    /** The kept events of the most recently active {@link #USERS} users. */
    private final Map<String, Deque<Event>> recent = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Deque<Event>> eldest) {
                    return size() > USERS;
                }
            });
    private final Map<String, List<Consumer<Event>>> listeners = new ConcurrentHashMap<>();
    /**
     * The app user (or none) of recent SMS, by message id: a text has three or more {@code sms.state} events and its
     * recipient does not change, so its user is looked up once, not once per event.
     */
    private final Map<String, Optional<String>> smsUsers = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<String>> eldest) {
                    return size() > SMS_USERS;
                }
            });
    static final int SMS_USERS = 50_000;

    AppEvents(ObjectMapper json, UserService users, PhoneChannel phone) {
        this.json = json;
        this.users = users;
        this.phone = phone;
    }

    /** An event from the topic (as JSON): kept for its user and given to the user's open streams. */
    public void onEvent(String eventJson) {
        try {
            JsonNode e = json.readTree(eventJson);
            String type = e.path("type").asText();
            if (TYPES_PREFIXES.stream().noneMatch(type::startsWith)) {
                return;
            }
            Optional<String> user = userOf(type, e);
            if (user.isEmpty()) {
                return;
            }
            Event event = new Event(e.path("eventId").asText(), type, eventJson);
            Deque<Event> mine = recent.computeIfAbsent(user.get(), u -> new ArrayDeque<>());
            synchronized (mine) {
                mine.addLast(event);
                while (mine.size() > KEEP) {
                    mine.removeFirst();
                }
            }
            listeners.getOrDefault(user.get(), List.of()).forEach(l -> l.accept(event));
        } catch (Exception ex) {
            LOG.warn("an event for the app streams was not understood: {}", ex.getMessage());
        }
    }

    /** The user's kept events after {@code lastEventId} (all kept ones when it is null or no longer kept). */
    public List<Event> since(String userId, String lastEventId) {
        Deque<Event> mine = recent.get(userId);
        if (mine == null) {
            return List.of();
        }
        List<Event> out = new ArrayList<>();
        synchronized (mine) {
            boolean found = false;
            for (Event e : mine) {
                if (found) {
                    out.add(e);
                }
                found |= e.id().equals(lastEventId);
            }
            return found ? out : new ArrayList<>(mine);
        }
    }

    /** Gives the user's next events to {@code listener} until the returned action is run. */
    public Runnable listen(String userId, Consumer<Event> listener) {
        listeners.computeIfAbsent(userId, u -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.getOrDefault(userId, List.of()).remove(listener);
    }

    private Optional<String> userOf(String type, JsonNode e) {
        if (type.equals("sms.state")) {
            // the event and the API show the number masked: the user is found by the message's own number
            String messageId = e.path("data").path("messageId").asText();
            Optional<String> known = smsUsers.get(messageId);
            if (known == null) {
                known = phone.recipient(messageId).flatMap(users::findUserByMsisdn).map(UserService.User::userId);
                smsUsers.put(messageId, known);
            }
            return known;
        }
        String card = e.path("partitionKey").asText("");
        if (!card.matches("[0-9A-F]{8,32}")) {
            return Optional.empty(); // a payment by a payment card alone (no universal card) or a merchant's event
        }
        return users.findCard(card).map(UserService.Card::userId);
    }
}
