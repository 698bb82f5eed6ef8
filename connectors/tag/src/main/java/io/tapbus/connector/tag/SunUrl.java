package io.tapbus.connector.tag;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SUN parameters of a tapped URL. The accepted query parameter names are those of AN12196's example URLs:
 *
 * <pre>
 *   picc_data or e    encrypted PICCData       (?picc_data=..&amp;enc=..&amp;cmac=..   and   ?e=..&amp;c=..)
 *   enc               SDMENCFileData
 *   cmac or c         SDMMAC
 *   uid, ctr          plain mirroring          (?uid=..&amp;ctr=..&amp;c=..)
 * </pre>
 *
 * Other parameters (a product id, a campaign) are ignored; the same parameter given twice, under either of its
 * names, is refused.
 *
 * @param macParameter the name the URL gives the MAC ({@code cmac} or {@code c}), which the tag's MAC input ends with
 */
public record SunUrl(String piccData, String enc, String cmac, String uid, String ctr, String macParameter) {

    private static final Map<String, String> NAMES = Map.of(
            "picc_data", "picc_data", "e", "picc_data",
            "enc", "enc",
            "cmac", "cmac", "c", "cmac",
            "uid", "uid",
            "ctr", "ctr");

    public static SunUrl parse(String url) throws SunException {
        if (url == null || url.isBlank()) {
            throw new SunException("the URL is empty");
        }
        int query = url.indexOf('?');
        if (query < 0) {
            throw new SunException("the URL has no query string; expected ?picc_data=..&cmac=.. or ?uid=..&ctr=..&cmac=..");
        }
        int fragment = url.indexOf('#', query);
        String text = fragment < 0 ? url.substring(query + 1) : url.substring(query + 1, fragment);

        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> givenAs = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            String canonical = NAMES.get(name);
            if (canonical == null) {
                continue;
            }
            if (values.containsKey(canonical)) {
                throw new SunException("the URL gives " + canonical + " twice (as " + givenAs.get(canonical)
                        + " and as " + name + ")");
            }
            values.put(canonical, value);
            givenAs.put(canonical, name);
        }
        if (values.isEmpty()) {
            throw new SunException("the URL has none of the SUN parameters picc_data (or e), enc, cmac (or c), uid, ctr");
        }
        String macParameter = givenAs.getOrDefault("cmac", SunVerifier.DEFAULT_MAC_PARAMETER);
        return new SunUrl(values.get("picc_data"), values.get("enc"), values.get("cmac"), values.get("uid"),
                values.get("ctr"), macParameter);
    }

    private static String decode(String text) throws SunException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SunException("the URL query is not valid percent-encoding");
        }
    }
}
