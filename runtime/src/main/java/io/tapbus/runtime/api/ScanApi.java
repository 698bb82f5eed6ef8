package io.tapbus.runtime.api;

import io.tapbus.connector.tag.SunException;
import io.tapbus.connector.tag.SunUrl;
import io.tapbus.runtime.platform.ReaderRegistry;
import io.tapbus.runtime.tags.TagScanService;
import io.tapbus.runtime.tags.TagScanService.ScanOutcome;
import io.tapbus.runtime.tags.TagScanService.ScanRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * REST: tag scans. {@code GET /scan/{batchId}?picc_data=..&enc=..&cmac=..} is the URL a tag points to; anyone may
 * open it (route id {@code public-*}). A phone app gets JSON; a plain browser (Accept: text/html) a small page.
 * Readers forward tag reads with {@code POST /tag-scans} under their merchant's credential, which places the scan
 * in that merchant's store.
 */
public final class ScanApi {
    /** The SUN parameters (AN12196 names) and the place a phone app may add. Anything else is refused. */
    static final Set<String> PARAMETERS = Set.of("picc_data", "e", "enc", "cmac", "c", "uid", "ctr", "lat", "lon", "store");
    private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final TagScanService scans;
    private final ReaderRegistry readers;
    private final Json json;

    private ScanLimits limits = new ScanLimits(0, 0, java.util.Set.of());

    /** Rate limits of the public scan URL (off until set). */
    public ScanApi limitedBy(ScanLimits limits) {
        this.limits = limits;
        return this;
    }

    public ScanApi(TagScanService scans, ReaderRegistry readers, Json json) {
        this.scans = scans;
        this.readers = readers;
        this.json = json;
    }

    public record ForwardedScan(String readerId, String url) {}

    /** The public scan URL. */
    public void scan(Exchange exchange) throws IOException {
        String batchId = batchId(exchange.getMessage().getHeader("batchId", String.class));
        limits.take(clientAddress(exchange), batchId);
        String query = exchange.getMessage().getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        if (query == null) {
            query = exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class);
        }
        Map<String, String> params = parameters(query);
        Double lat = coordinate(params.get("lat"), "lat", 90);
        Double lon = coordinate(params.get("lon"), "lon", 180);
        if ((lat == null) != (lon == null)) {
            throw ApiProblem.badRequest("give lat and lon together");
        }
        String store = params.get("store");
        if (store != null && !STORE_ID.matcher(store).matches()) {
            throw ApiProblem.badRequest("store must be 1-64 letters, digits, '_' or '-'");
        }
        ScanOutcome outcome = scans.scan(new ScanRequest(batchId, sun(query), lat, lon, store, null));
        if (wantsHtml(exchange.getMessage().getHeader("Accept", String.class))) {
            exchange.getMessage().removeHeaders("*", "breadcrumbId");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
            exchange.getMessage().setBody(ScanPage.render(outcome));
        } else {
            json.reply(exchange, 200, outcome);
        }
    }

    /** The caller's IP address as the HTTP server saw it (no port), or null when unknown. */
    static String clientAddress(Exchange exchange) {
        Object remote = exchange.getMessage().getHeader("CamelVertxPlatformHttpRemoteAddress");
        if (remote instanceof io.vertx.core.net.SocketAddress address) {
            return address.hostAddress();
        }
        return remote == null ? null : remote.toString();
    }

    /** A reader forwards the URL it read from a tag. */
    public void forward(Exchange exchange) throws IOException {
        Principal p = ApiSecurity.require(exchange, Principal.MERCHANT);
        ForwardedScan req = json.read(exchange, ForwardedScan.class);
        if (req.readerId() == null || req.url() == null) {
            throw ApiProblem.badRequest("readerId and url are required");
        }
        ReaderRegistry.Reader reader = readers.find(req.readerId()).filter(r -> r.merchantId().equals(p.partnerId()))
                .orElseThrow(() -> ApiProblem.notFound("reader " + req.readerId()));
        if (!"ACTIVE".equals(reader.status())) {
            throw ApiProblem.conflict("reader " + reader.readerId() + " is " + reader.status());
        }
        String url = req.url();
        int marker = url.indexOf("/scan/");
        int query = url.indexOf('?');
        if (marker < 0 || query < marker) {
            throw ApiProblem.badRequest("url must be a TapBus tag URL: .../scan/{batchId}?picc_data=..&cmac=..");
        }
        String batchId = batchId(url.substring(marker + "/scan/".length(), query));
        String rawQuery = url.substring(query + 1);
        Map<String, String> params = parameters(rawQuery);
        if (params.containsKey("lat") || params.containsKey("lon") || params.containsKey("store")) {
            throw ApiProblem.badRequest("a forwarded scan takes its place from the reader; lat, lon and store are not accepted");
        }
        json.reply(exchange, 200, scans.scan(new ScanRequest(batchId, sun(rawQuery), null, null, p.partnerId(), reader.readerId())));
    }

    static String batchId(String id) {
        if (id == null || !BATCH_ID.matcher(id).matches()) {
            throw ApiProblem.badRequest("the batch id in the path must be 1-64 letters, digits, '_' or '-'");
        }
        return id;
    }

    /** The query's parameters by name; unknown names are refused with the list of known ones. */
    static Map<String, String> parameters(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            throw ApiProblem.badRequest("no query: expected ?picc_data=..&cmac=.. (encrypted) or ?uid=..&ctr=..&cmac=.. (plain)");
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name;
            String value;
            try {
                name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("the query is not valid percent-encoding");
            }
            if (!PARAMETERS.contains(name)) {
                throw ApiProblem.badRequest("unknown parameter '" + (name.length() > 32 ? name.substring(0, 32) + "..." : name)
                        + "'; a scan takes picc_data (or e), enc, cmac (or c), uid, ctr, and optionally lat, lon, store");
            }
            if (params.put(name, value) != null) {
                throw ApiProblem.badRequest("parameter '" + name + "' is given twice");
            }
        }
        return params;
    }

    static SunUrl sun(String query) {
        try {
            return SunUrl.parse("?" + query);
        } catch (SunException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    static Double coordinate(String text, String name, double max) {
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text);
            if (Double.isNaN(value) || value < -max || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest(name + " must be a number between -" + (int) max + " and " + (int) max);
        }
    }

    /** A browser asks for HTML first; an app asks for JSON or for anything. */
    static boolean wantsHtml(String accept) {
        if (accept == null) {
            return false;
        }
        int html = accept.indexOf("text/html");
        int jsonAt = accept.indexOf("application/json");
        return html >= 0 && (jsonAt < 0 || html < jsonAt);
    }
}
