package io.tapbus.runtime.portal;

import io.tapbus.runtime.api.ApiStreams;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the portal's static files (plain HTML, CSS and JavaScript modules in {@code portal/} on the classpath) on the
 * REST API's own HTTP server: {@code /} is the portal's page, {@code /portal/<file>} its assets. Every answer carries a
 * strict Content-Security-Policy (scripts, styles and calls from this origin only, no inline script or style, no
 * framing). Anything else passes on, so {@code /api} is untouched and an unknown file is the API's 404.
 */
public final class PortalPages implements ApiStreams {
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
            + " frame-ancestors 'none'";
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)*\\.(html|css|js|json|svg|png)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css",
            "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8", "json", "application/json",
            "svg", "image/svg+xml", "png", "image/png");
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    @Override
    public void install(Router top, String restContextPath) {
        top.route(HttpMethod.GET, "/").handler(ctx -> serve(ctx, "index.html"));
        top.route(HttpMethod.HEAD, "/").handler(ctx -> serve(ctx, "index.html"));
        top.routeWithRegex("/portal/.*").handler(this::asset);
    }

    private void asset(RoutingContext ctx) {
        String name = ctx.normalizedPath().substring("/portal/".length());
        HttpMethod method = ctx.request().method();
        if ((method != HttpMethod.GET && method != HttpMethod.HEAD) || !FILE.matcher(name).matches()) {
            ctx.next();
            return;
        }
        serve(ctx, name);
    }

    private void serve(RoutingContext ctx, String name) {
        Optional<byte[]> bytes = cache.computeIfAbsent(name, PortalPages::load);
        if (bytes.isEmpty()) {
            ctx.next(); // the API's problem+json 404
            return;
        }
        ctx.response().putHeader("Content-Type", TYPES.get(name.substring(name.lastIndexOf('.') + 1)))
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("Cache-Control", "no-cache");
        if (ctx.request().method() == HttpMethod.HEAD) {
            ctx.response().putHeader("Content-Length", String.valueOf(bytes.get().length)).end();
        } else {
            ctx.response().end(Buffer.buffer(bytes.get()));
        }
    }

    private static Optional<byte[]> load(String name) {
        try (InputStream in = PortalPages.class.getClassLoader().getResourceAsStream("portal/" + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
