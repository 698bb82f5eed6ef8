package io.tapbus.runtime.api;

import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.tags.TagScanService;
import io.tapbus.runtime.tags.TagScanService.ScanOutcome;
import io.tapbus.runtime.tags.TagScanService.ScanRequest;
import java.io.IOException;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * REST: {@code POST /tag-scans/person}, a phone app's backend (an issuer) sends the tag URL its user scanned. The scan
 * is checked like the public scan URL; a coupon offer naming a campaign then gives that person one coupon of it, shown
 * with its code in the answer (JSON, or the scan page for {@code Accept: text/html}). docs/pricing.md.
 */
public final class PersonScanApi {
    private final TagScanService scans;
    private final UserService users;
    private final Json json;

    public PersonScanApi(TagScanService scans, UserService users, Json json) {
        this.scans = scans;
        this.users = users;
        this.json = json;
    }

    /** The app user's phone number and the tag URL as scanned (it may carry lat, lon and store as the phone adds them). */
    public record PersonScan(String msisdn, String url) {}

    public void scan(Exchange exchange) throws IOException {
        ApiSecurity.require(exchange, Principal.ISSUER);
        PersonScan req = json.read(exchange, PersonScan.class);
        if (req.msisdn() == null || req.url() == null) {
            throw ApiProblem.badRequest("msisdn and url are required");
        }
        String personId = users.findUserByMsisdn(UserService.normalizeMsisdn(req.msisdn())).map(UserService.User::userId)
                .orElseThrow(() -> ApiProblem.notFound("user with this msisdn"));
        String url = req.url();
        int marker = url.indexOf("/scan/");
        int query = url.indexOf('?');
        if (marker < 0 || query < marker) {
            throw ApiProblem.badRequest("url must be a TapBus tag URL: .../scan/{batchId}?picc_data=..&cmac=..");
        }
        String batchId = ScanApi.batchId(url.substring(marker + "/scan/".length(), query));
        String rawQuery = url.substring(query + 1);
        Map<String, String> params = ScanApi.parameters(rawQuery);
        Double lat = ScanApi.coordinate(params.get("lat"), "lat", 90);
        Double lon = ScanApi.coordinate(params.get("lon"), "lon", 180);
        if ((lat == null) != (lon == null)) {
            throw ApiProblem.badRequest("give lat and lon together");
        }
        String store = params.get("store");
        if (store != null && !ScanApi.STORE_ID.matcher(store).matches()) {
            throw ApiProblem.badRequest("store must be 1-64 letters, digits, '_' or '-'");
        }
        ScanOutcome outcome = scans.scan(new ScanRequest(batchId, ScanApi.sun(rawQuery), lat, lon, store, null), personId);
        if (ScanApi.wantsHtml(exchange.getMessage().getHeader("Accept", String.class))) {
            exchange.getMessage().removeHeaders("*", "breadcrumbId");
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
            exchange.getMessage().setBody(ScanPage.render(outcome));
        } else {
            json.reply(exchange, 200, outcome);
        }
    }
}
