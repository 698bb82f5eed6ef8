package io.tapbus.runtime.bills;

import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.platform.PartnerService;
import io.tapbus.runtime.write.StateTable;
import io.tapbus.runtime.write.WritePath;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The biller registry, the one writer of {@code biller}: utility companies (electricity, water, gas, telecom) that are
 * partners of the bus (kind MERCHANT, so payments settle to their settlement account) with the URL of their bill
 * inquiry service.
 */
public final class BillerRegistry {
    public static final Set<String> CATEGORIES = Set.of("ELECTRICITY", "WATER", "GAS", "TELECOM");

    /** A registered biller. */
    public record Biller(String billerId, String name, String category, String inquiryUrl) {}

    private final Jdbi jdbi;
    private final WritePath writes;
    private final PartnerService partners;
    private final StateTable<String, Biller> billers;

    public BillerRegistry(Jdbi jdbi, WritePath writes, PartnerService partners) {
        this.jdbi = jdbi;
        this.writes = writes;
        this.partners = partners;
        this.billers = new StateTable<>("billers", jdbi,
                (h, id) -> h.createQuery("SELECT b.biller_id, p.name, b.category, b.inquiry_url FROM biller b JOIN partner p ON p.partner_id = b.biller_id "
                                + "WHERE b.biller_id = ?").bind(0, id)
                        .map((rs, ctx) -> new Biller(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).findOne().orElse(null),
                (batch, id, b, exists) -> {
                    if (exists) {
                        batch.stage("UPDATE biller SET category = ?, inquiry_url = ?, updated_at = ? WHERE biller_id = ?", b.category(),
                                b.inquiryUrl(), Instant.now(), id);
                    } else {
                        batch.stage("INSERT INTO biller(biller_id, category, inquiry_url, updated_at) VALUES (?, ?, ?, ?)", id, b.category(),
                                b.inquiryUrl(), Instant.now());
                    }
                });
    }

    /** Registers (or changes) a biller; it must be a partner of kind MERCHANT. */
    public Biller register(String billerId, String category, String inquiryUrl) {
        if (category == null || !CATEGORIES.contains(category)) {
            throw DomainError.invalid("category must be one of ELECTRICITY, WATER, GAS, TELECOM");
        }
        if (inquiryUrl == null || inquiryUrl.length() > 512) {
            throw DomainError.invalid("inquiryUrl (http or https, at most 512 characters) is required");
        }
        URI uri;
        try {
            uri = URI.create(inquiryUrl.strip());
        } catch (IllegalArgumentException e) {
            throw DomainError.invalid("inquiryUrl is not a valid URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw DomainError.invalid("inquiryUrl must be an absolute http or https URL");
        }
        PartnerService.Partner partner = partners.find(billerId).orElseThrow(() -> DomainError.notFound("partner " + billerId));
        if (!"MERCHANT".equals(partner.kind())) {
            throw DomainError.conflict("a biller must be a partner of kind MERCHANT (payments settle to its settlement account)");
        }
        Biller b = new Biller(billerId, partner.name(), category, uri.toString().replaceAll("/+$", ""));
        writes.execute(batch -> {
            batch.put(billers, billerId, b);
            return null;
        });
        return b;
    }

    public Biller find(String billerId) {
        return billers.read(billerId);
    }

    public List<Biller> list() {
        writes.catchUp();
        return jdbi.withHandle(h -> h.createQuery("SELECT b.biller_id, p.name, b.category, b.inquiry_url FROM biller b "
                        + "JOIN partner p ON p.partner_id = b.biller_id ORDER BY b.biller_id")
                .map((rs, ctx) -> new Biller(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list());
    }
}
