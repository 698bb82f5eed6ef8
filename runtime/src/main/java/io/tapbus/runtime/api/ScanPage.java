package io.tapbus.runtime.api;

import io.tapbus.connector.tag.TagVerdict;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.tags.TagScanService.OfferView;
import io.tapbus.runtime.tags.TagScanService.ScanOutcome;

/** The small page a plain browser gets for a tag scan. Every value is HTML-escaped. */
final class ScanPage {
    private ScanPage() {
    }

    static String render(ScanOutcome scan) {
        boolean genuine = TagVerdict.GENUINE.name().equals(scan.verdict());
        StringBuilder html = new StringBuilder(1024);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title(scan.verdict()))).append("</title>")
                .append("<style>body{font-family:sans-serif;max-width:36em;margin:1em auto;padding:0 1em}")
                .append(".v{font-size:1.6em;font-weight:bold}.GENUINE{color:#176b2c}.SUSPECT{color:#9a6700}")
                .append(".COUNTERFEIT,.UNKNOWN{color:#b3261e}li{margin:.3em 0}</style></head><body>");
        html.append("<p class=\"v ").append(esc(scan.verdict())).append("\" id=\"verdict\">").append(esc(title(scan.verdict())))
                .append("</p>");
        if (scan.product() != null) {
            html.append("<h1>").append(esc(scan.product().name())).append("</h1>");
            if (scan.product().description() != null) {
                html.append("<p>").append(esc(scan.product().description())).append("</p>");
            }
            if (genuine && scan.serialNumber() != null) {
                html.append("<p>Serial number <b>").append(esc(scan.serialNumber())).append("</b></p>");
            }
            if (scan.product().infoUrl() != null) {
                html.append("<p><a href=\"").append(esc(scan.product().infoUrl())).append("\">More about this product</a></p>");
            }
        }
        if (scan.storeName() != null) {
            html.append("<p>At ").append(esc(scan.storeName())).append("</p>");
        }
        if (scan.warning() != null) {
            html.append("<p><b>").append(esc(scan.warning())).append("</b></p>");
        }
        if (!scan.reasons().isEmpty()) {
            html.append("<ul id=\"reasons\">");
            for (Reason r : scan.reasons()) {
                html.append("<li>").append(esc(r.message())).append("</li>");
            }
            html.append("</ul>");
        }
        if (!scan.offers().isEmpty()) {
            html.append("<h2>For you</h2><ul id=\"offers\">");
            for (OfferView o : scan.offers()) {
                html.append("<li><b>").append(esc(o.title())).append("</b>");
                if (o.body() != null) {
                    html.append(" ").append(esc(o.body()));
                }
                if (o.claimId() != null) {
                    html.append(" (coupon ").append(esc(o.claimId())).append(")");
                }
                if (o.couponCode() != null) {
                    html.append(" Your coupon: <b class=\"coupon\">").append(esc(o.couponCode())).append("</b>");
                }
                if (o.url() != null) {
                    html.append(" <a href=\"").append(esc(o.url())).append("\">open</a>");
                }
                html.append("</li>");
            }
            html.append("</ul>");
        }
        if (scan.scanId() != null) {
            html.append("<p><small>Scan ").append(esc(scan.scanId())).append("</small></p>");
        }
        html.append("</body></html>");
        return html.toString();
    }

    private static String title(String verdict) {
        return switch (verdict) {
            case "GENUINE" -> "Genuine product";
            case "SUSPECT" -> "Warning: this tag was not scanned as expected";
            case "COUNTERFEIT" -> "Counterfeit: the tag is not authentic";
            default -> "Unknown product";
        };
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
