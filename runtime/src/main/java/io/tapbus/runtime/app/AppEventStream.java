package io.tapbus.runtime.app;

import io.tapbus.runtime.api.ApiProblem;
import io.tapbus.runtime.api.ApiStreams;
import io.tapbus.runtime.api.ProblemResponder;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/app/events} with {@code Accept: text/event-stream}: the user's events as server-sent events, on the
 * HTTP server's event loop (no thread waits per stream). First the kept events after {@code Last-Event-ID}, then each
 * new one as it comes ({@code id:} the bus's event id, {@code event:} its type, {@code data:} its JSON), and a comment
 * line every {@code heartbeatMs} that also checks the token again: a revoked or expired token ends the stream. A client
 * that reads too slowly is disconnected (it reconnects with Last-Event-ID). Requests that do not ask for a stream go on
 * to the REST route of the same path (the kept events as JSON).
 */
final class AppEventStream implements ApiStreams {
    private static final Logger LOG = LoggerFactory.getLogger(AppEventStream.class);

    private final AppDevices devices;
    private final AppEvents events;
    private final ProblemResponder problems;
    private final long heartbeatMs;

    AppEventStream(AppDevices devices, AppEvents events, ProblemResponder problems, long heartbeatMs) {
        this.devices = devices;
        this.events = events;
        this.problems = problems;
        this.heartbeatMs = heartbeatMs;
    }

    @Override
    public void install(Router top, String restContextPath) {
        top.get(restContextPath + "/app/events").handler(this::handle);
    }

    private void handle(RoutingContext rc) {
        String accept = rc.request().getHeader("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            rc.next();
            return;
        }
        String auth = rc.request().getHeader("Authorization");
        Optional<AppDevices.Device> device = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                ? devices.authenticate(auth.substring(7).strip()) : Optional.empty();
        if (device.isEmpty()) {
            LOG.warn("app event stream refused: no, unknown, revoked or expired device token");
            refuse(rc, ApiProblem.unauthorized("send 'Authorization: Bearer <device token>' from POST"
                    + " /api/app/registrations/{registrationId}/verify"));
            return;
        }
        stream(rc, device.get());
    }

    private void stream(RoutingContext rc, AppDevices.Device device) {
        HttpServerResponse response = rc.response();
        response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
        Vertx vertx = rc.vertx();
        Context context = vertx.getOrCreateContext();
        AtomicBoolean open = new AtomicBoolean(true);
        response.write("retry: 3000\n: connected\n\n");
        // listen first, then replay: an event that comes in between is in both, and written once (the listener's
        // writes run on this event loop after this handler, when every replayed id is known)
        Set<String> replayed = new HashSet<>();
        Runnable stop = events.listen(device.userId(), e -> context.runOnContext(v -> {
            if (!open.get() || replayed.contains(e.id())) {
                return;
            }
            if (response.writeQueueFull()) {
                LOG.info("app event stream of device {} too slow: closed (it resumes with Last-Event-ID)",
                        device.tokenId());
                response.close();
                return;
            }
            response.write(frame(e));
        }));
        for (AppEvents.Event e : events.since(device.userId(), rc.request().getHeader("Last-Event-ID"))) {
            replayed.add(e.id());
            response.write(frame(e));
        }
        long timer = vertx.setPeriodic(heartbeatMs, t -> vertx.<Boolean>executeBlocking(
                () -> devices.stillValid(device.tokenId()), false)
                .onComplete(valid -> {
                    if (!open.get()) {
                        return;
                    }
                    if (valid.succeeded() && Boolean.FALSE.equals(valid.result())) {
                        LOG.info("app event stream of device {} ended: the token was revoked or expired", device.tokenId());
                        response.end();
                    } else {
                        response.write(": keep-alive\n\n");
                    }
                }));
        Runnable close = () -> {
            if (open.compareAndSet(true, false)) {
                stop.run();
                vertx.cancelTimer(timer);
            }
        };
        response.closeHandler(v -> close.run());
        response.endHandler(v -> close.run());
        LOG.info("app event stream opened for device {}", device.tokenId());
    }

    private static String frame(AppEvents.Event e) {
        return "id: " + e.id() + "\nevent: " + e.type() + "\ndata: " + e.json().replace("\n", "\ndata: ") + "\n\n";
    }

    private void refuse(RoutingContext rc, ApiProblem problem) {
        try {
            rc.response().setStatusCode(problem.status()).putHeader("Content-Type", ProblemResponder.CONTENT_TYPE)
                    .end(problems.render(problem, rc.request().path()));
        } catch (Exception e) {
            rc.response().setStatusCode(problem.status()).end();
        }
    }
}
