package io.tapbus.samples.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * The frame of every API call: the bearer token checked (401 UNAUTHENTICATED), a forced error or delay applied,
 * then the API's own handling; any {@link Exchange.CamaraError} becomes CAMARA's error body, anything else a 500.
 */
abstract class ApiHandler implements HttpHandler {
    protected final OperatorState state;

    ApiHandler(OperatorState state) {
        this.state = state;
    }

    /** The operation under this handler's base path, e.g. "/check". */
    abstract void handle(Exchange exchange, String operation, String token) throws IOException;

    abstract String basePath();

    @Override
    public final void handle(HttpExchange http) throws IOException {
        Exchange exchange = new Exchange(http);
        try {
            String auth = http.getRequestHeaders().getFirst("Authorization");
            String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
            if (!state.tokenValid(token)) {
                throw new Exchange.CamaraError(401, "UNAUTHENTICATED",
                        "Request not authenticated due to missing, invalid, or expired credentials.");
            }
            Exchange.CamaraError forced = state.takeForcedError();
            pause();
            if (forced != null) {
                throw forced;
            }
            handle(exchange, exchange.path().substring(basePath().length()), token);
        } catch (Exchange.CamaraError e) {
            exchange.error(e);
        } catch (RuntimeException e) {
            exchange.error(new Exchange.CamaraError(500, "INTERNAL", "simulator failure: " + e.getClass().getSimpleName()));
        } finally {
            http.close();
        }
    }

    private void pause() {
        long delay = state.delayMillis();
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Exchange.CamaraError notFound(String what) {
        return new Exchange.CamaraError(404, "NOT_FOUND", "The specified resource is not found: " + what);
    }

    static void requireMethod(Exchange exchange, String method) {
        if (!exchange.method().equals(method)) {
            throw new Exchange.CamaraError(405, "METHOD_NOT_ALLOWED", "use " + method);
        }
    }
}
