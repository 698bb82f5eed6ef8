package io.tapbus.connector.phone.mm7;

/**
 * Takes delivery reports. It returns once the report is stored (the bus: through its write path); if it throws, the
 * receiver answers the MMSC with a server error, so that the MMSC sends the report again and none is lost.
 */
@FunctionalInterface
public interface DeliveryReportListener {
    void onReport(DeliveryReport report) throws Exception;
}
