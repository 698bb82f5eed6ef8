package io.tapbus.connector.bank.session;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The time-based fields of ISO 8583:1987: 7 (UTC), 12 and 13 (local to the acceptor), and 37 built from the time. */
public final class TimeFields {

    private static final DateTimeFormatter TRANSMISSION = DateTimeFormatter.ofPattern("MMddHHmmss");
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HHmmss");
    private static final DateTimeFormatter LOCAL_DATE = DateTimeFormatter.ofPattern("MMdd");

    private TimeFields() {
    }

    /** Field 7, transmission date and time, MMDDhhmmss in UTC. */
    public static String transmissionTime(Instant at) {
        return TRANSMISSION.format(at.atOffset(ZoneOffset.UTC));
    }

    /** Field 12, local transaction time, hhmmss. */
    public static String localTime(Instant at, ZoneId zone) {
        return LOCAL_TIME.format(at.atZone(zone));
    }

    /** Field 13, local transaction date, MMDD. */
    public static String localDate(Instant at, ZoneId zone) {
        return LOCAL_DATE.format(at.atZone(zone));
    }

    /**
     * Field 37: last digit of the year, day of the year, hour (local) and the 6-digit STAN, 12 digits. Unique while
     * the STAN does not wrap within an hour (a million messages an hour).
     */
    public static String retrievalReference(Instant at, ZoneId zone, String stan) {
        ZonedDateTime local = at.atZone(zone);
        return String.format("%d%03d%02d%s", local.getYear() % 10, local.getDayOfYear(), local.getHour(), stan);
    }
}
