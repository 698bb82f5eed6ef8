package io.tapbus.connector.tag;

/**
 * What TapBus answers a tag scan with ({@code verdict} of the public scan URL's answer and of a scan's event), as the
 * {@code tag-authenticity} rules decide it. Tools name verdicts from here, so that their help says what the bus sends;
 * runtime's {@code ReasonCodesTest} keeps this list and the rules in step.
 */
public enum TagVerdict {
    /** The tag's MAC verifies, its counter rose and nothing about the scan is odd. */
    GENUINE,
    /** Authentic, but not scanned as expected (a replayed counter, a jump, impossible travel, sold elsewhere, opened). */
    SUSPECT,
    /** The message does not carry the tag's MAC: not the tag of this batch. */
    COUNTERFEIT,
    /** The batch is not registered, or the tag is not bound to a product: it cannot be checked. */
    UNKNOWN
}
