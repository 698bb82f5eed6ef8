package io.tapbus.runtime.phone;

/** Phone numbers as log lines and events may show them. */
public final class Msisdns {
    private Msisdns() {
    }

    /** {@code +8613800138000} as {@code +86138****8000}: the country, the operator prefix and the last four digits. */
    public static String mask(String msisdn) {
        if (msisdn == null || msisdn.length() < 9) {
            return "****";
        }
        return msisdn.substring(0, 6) + "****" + msisdn.substring(msisdn.length() - 4);
    }
}
