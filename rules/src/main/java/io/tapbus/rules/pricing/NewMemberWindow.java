package io.tapbus.rules.pricing;

/**
 * How many days after joining a person counts as a new member, for campaigns that say {@code newMembersOnly} without
 * their own {@code newMemberDays}: a row of decision table new-members.csv, per currency (the market).
 */
public final class NewMemberWindow {
    private final String currency;
    private final int days;

    public NewMemberWindow(String currency, int days) {
        this.currency = currency;
        this.days = days;
    }

    public String getCurrency() { return currency; }
    public int getDays() { return days; }

    @Override
    public String toString() {
        return "NewMemberWindow[" + currency + " " + days + " days]";
    }
}
