package io.tapbus.connector.ota;

import java.util.Locale;
import java.util.Optional;

/**
 * Response status codes of a proof of receipt (ETSI TS 102 225 table 5.2, codes 0B and 0C from 3GPP TS 31.115
 * clause 7). {@link #label()} is the snake-case name the pySim SIM toolkit uses, which the command line prints.
 */
public enum PorStatus {
    POR_OK(0x00),
    RC_CC_DS_FAILED(0x01),
    CNTR_LOW(0x02),
    CNTR_HIGH(0x03),
    CNTR_BLOCKED(0x04),
    CIPHERING_ERROR(0x05),
    UNDEFINED_SECURITY_ERROR(0x06),
    INSUFFICIENT_MEMORY(0x07),
    MORE_TIME_NEEDED(0x08),
    TAR_UNKNOWN(0x09),
    INSUFFICIENT_SECURITY_LEVEL(0x0A),
    ACTUAL_RESPONSE_SMS_SUBMIT(0x0B),
    ACTUAL_RESPONSE_USSD(0x0C);

    private final int code;

    PorStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<PorStatus> of(int code) {
        for (PorStatus status : values()) {
            if (status.code == code) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** The label, or {@code reserved_XX} (0D-BF, FF) / {@code proprietary_XX} (C0-FE) for other codes. */
    public static String label(int code) {
        return of(code).map(PorStatus::label).orElseGet(() -> String.format(
                code >= 0xC0 && code <= 0xFE ? "proprietary_%02X" : "reserved_%02X", code));
    }
}
