package io.tapbus.runtime.api;

import io.vertx.ext.web.Router;

/**
 * Operations that answer with a stream (server-sent events), which Camel's REST routes cannot do: they get the HTTP
 * server's router before the REST routes, and pass a request on ({@code next()}) when it does not ask for a stream.
 * Bound in the registry; {@link ApiHttpServer} installs every one.
 */
public interface ApiStreams {
    void install(Router top, String restContextPath);
}
