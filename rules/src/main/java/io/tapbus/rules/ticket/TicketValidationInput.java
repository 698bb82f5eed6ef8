package io.tapbus.rules.ticket;

/**
 * Facts about one presentation of an e-ticket at a gate (docs/tickets.md), as the platform or the gate knows them after
 * checking the ticket's ECDSA signature with the issuer key the ticket names. Times are epoch seconds. A plain
 * JavaBean so that DRL constraints and Jackson can read it.
 */
public class TicketValidationInput {
    private String ticketId;
    private String kind;
    private String product;
    private boolean keyKnown = true;
    private boolean signatureValid;
    private boolean ticketKnown = true;
    private String status = "ISSUED";
    private String zones;
    private String gateZone;
    private String gateLine;
    private long now;
    private long validFrom;
    private long validUntil;
    private int usesLeft = -1;
    private String lastLine;
    private long secondsSinceLastUse = -1;
    private boolean offline;

    public String getTicketId() { return ticketId; }
    public void setTicketId(String ticketId) { this.ticketId = ticketId; }

    /** EVENT, RIDE or PASS. */
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }

    public String getProduct() { return product; }
    public void setProduct(String product) { this.product = product; }

    /** False when the gate holds no public key for the ticket's key id. */
    public boolean isKeyKnown() { return keyKnown; }
    public void setKeyKnown(boolean keyKnown) { this.keyKnown = keyKnown; }

    /** True when the ECDSA P-256 signature verifies over the ticket's bytes. */
    public boolean isSignatureValid() { return signatureValid; }
    public void setSignatureValid(boolean signatureValid) { this.signatureValid = signatureValid; }

    /** False when the platform issued no ticket with this id (only the platform can tell; an offline gate says true). */
    public boolean isTicketKnown() { return ticketKnown; }
    public void setTicketKnown(boolean ticketKnown) { this.ticketKnown = ticketKnown; }

    /** ISSUED, REFUNDED or REVOKED. */
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }

    /** The zones the ticket is good for, comma separated ("1,2"); "*" for all. */
    public String getZones() { return zones; }
    public void setZones(String zones) { this.zones = zones; }

    public String getGateZone() { return gateZone; }
    public void setGateZone(String gateZone) { this.gateZone = gateZone; }

    /** The gate line (a row of gates at one entrance); anti-passback counts per line. */
    public String getGateLine() { return gateLine; }
    public void setGateLine(String gateLine) { this.gateLine = gateLine; }

    public long getNow() { return now; }
    public void setNow(long now) { this.now = now; }

    public long getValidFrom() { return validFrom; }
    public void setValidFrom(long validFrom) { this.validFrom = validFrom; }

    public long getValidUntil() { return validUntil; }
    public void setValidUntil(long validUntil) { this.validUntil = validUntil; }

    /** Uses left before this one; -1 when the ticket has no use limit (a pass). */
    public int getUsesLeft() { return usesLeft; }
    public void setUsesLeft(int usesLeft) { this.usesLeft = usesLeft; }

    /** The gate line of the ticket's last accepted use, or null. */
    public String getLastLine() { return lastLine; }
    public void setLastLine(String lastLine) { this.lastLine = lastLine; }

    /** Seconds since the ticket's last accepted use; -1 when it was never used. */
    public long getSecondsSinceLastUse() { return secondsSinceLastUse; }
    public void setSecondsSinceLastUse(long secondsSinceLastUse) { this.secondsSinceLastUse = secondsSinceLastUse; }

    /** True for a validation a gate made while offline and uploads now. */
    public boolean isOffline() { return offline; }
    public void setOffline(boolean offline) { this.offline = offline; }

    /** Whether the ticket covers the gate's zone ("*" covers every zone). */
    public boolean coversZone() {
        if (zones == null || gateZone == null) {
            return false;
        }
        for (String z : zones.split(",")) {
            if (z.strip().equals("*") || z.strip().equals(gateZone)) {
                return true;
            }
        }
        return false;
    }
}
