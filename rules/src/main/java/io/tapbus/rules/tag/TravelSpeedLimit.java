package io.tapbus.rules.tag;

/**
 * Fastest an item can plausibly travel between two scans, in km/h, and the distance below which positions are
 * treated as the same place (phone positions are rough). Inserted by the scan limits decision table.
 */
public final class TravelSpeedLimit {
    private final double maxKmPerHour;
    private final double samePlaceKm;

    public TravelSpeedLimit(double maxKmPerHour, double samePlaceKm) {
        this.maxKmPerHour = maxKmPerHour;
        this.samePlaceKm = samePlaceKm;
    }

    public double getMaxKmPerHour() {
        return maxKmPerHour;
    }

    public double getSamePlaceKm() {
        return samePlaceKm;
    }

    /** True when covering {@code km} in {@code seconds} is faster than the limit (and further than the same place). */
    public boolean impossible(double km, long seconds) {
        if (km <= samePlaceKm) {
            return false;
        }
        return seconds <= 0 || km / (seconds / 3600.0) > maxKmPerHour;
    }

    @Override
    public String toString() {
        return "TravelSpeedLimit[" + maxKmPerHour + " km/h, same place within " + samePlaceKm + " km]";
    }
}
