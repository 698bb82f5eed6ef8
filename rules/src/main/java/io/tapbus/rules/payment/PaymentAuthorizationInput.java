package io.tapbus.rules.payment;

/**
 * Facts about one payment (card on a reader, a chained POS terminal, or the phone app) as the platform knows them
 * when the request arrives: the card, the account, the cryptogram check, the amount and the merchant.
 *
 * <p>A plain JavaBean so that DRL constraints and Jackson can read it. Money in minor units (fen for CNY).
 */
public class PaymentAuthorizationInput {
    private String channel;
    private String readerId;
    private String merchantId;
    private String merchantCategory;
    private boolean merchantBlocked;
    private boolean cardKnown;
    private String cardStatus;
    private String accountStatus;
    private String funding;
    private long balanceMinor;
    private long amountMinor;
    private String currency;
    private long dailySpentMinor;
    private int recentPayments;
    private String cryptogram;
    private boolean offline;
    private boolean stepUpConfirmed;
    private Long simSwapAgeHours;
    private String simSwapCheck = "NOT_CHECKED";

    /** READER (card on a reader), POS (an existing terminal chained through TapBus) or PHONE (the phone app). */
    public String getChannel() {
        return channel;
    }

    public void setChannel(String channel) {
        this.channel = channel;
    }

    /** The reader, for READER payments. */
    public String getReaderId() {
        return readerId;
    }

    public void setReaderId(String readerId) {
        this.readerId = readerId;
    }

    /** The merchant paid. */
    public String getMerchantId() {
        return merchantId;
    }

    public void setMerchantId(String merchantId) {
        this.merchantId = merchantId;
    }

    /** ISO 18245 merchant category code, e.g. "5411". */
    public String getMerchantCategory() {
        return merchantCategory;
    }

    public void setMerchantCategory(String merchantCategory) {
        this.merchantCategory = merchantCategory;
    }

    /** True when the merchant is on the platform's blocked list. */
    public boolean isMerchantBlocked() {
        return merchantBlocked;
    }

    public void setMerchantBlocked(boolean merchantBlocked) {
        this.merchantBlocked = merchantBlocked;
    }

    /** True when the card (PAN) is registered on the platform. */
    public boolean isCardKnown() {
        return cardKnown;
    }

    public void setCardKnown(boolean cardKnown) {
        this.cardKnown = cardKnown;
    }

    /** ISSUED, ACTIVE, BLOCKED, REPLACED; null when unknown. */
    public String getCardStatus() {
        return cardStatus;
    }

    public void setCardStatus(String cardStatus) {
        this.cardStatus = cardStatus;
    }

    /** OPEN, FROZEN, CLOSED; null when none. */
    public String getAccountStatus() {
        return accountStatus;
    }

    public void setAccountStatus(String accountStatus) {
        this.accountStatus = accountStatus;
    }

    /** STORED_VALUE (settled on the platform) or BANK (authorised by the issuing bank). */
    public String getFunding() {
        return funding;
    }

    public void setFunding(String funding) {
        this.funding = funding;
    }

    /** Stored-value balance before this payment. */
    public long getBalanceMinor() {
        return balanceMinor;
    }

    public void setBalanceMinor(long balanceMinor) {
        this.balanceMinor = balanceMinor;
    }

    /** The amount, minor units. */
    public long getAmountMinor() {
        return amountMinor;
    }

    public void setAmountMinor(long amountMinor) {
        this.amountMinor = amountMinor;
    }

    /** ISO 4217 alpha code. */
    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    /** Already paid with this card today (UTC). */
    public long getDailySpentMinor() {
        return dailySpentMinor;
    }

    public void setDailySpentMinor(long dailySpentMinor) {
        this.dailySpentMinor = dailySpentMinor;
    }

    /** Payments with this card in the last 10 minutes. */
    public int getRecentPayments() {
        return recentPayments;
    }

    public void setRecentPayments(int recentPayments) {
        this.recentPayments = recentPayments;
    }

    /** VALID, INVALID, REPLAYED (ATC not above the last seen), MALFORMED or NOT_PRESENT (phone payments). */
    public String getCryptogram() {
        return cryptogram;
    }

    public void setCryptogram(String cryptogram) {
        this.cryptogram = cryptogram;
    }

    /** True when a reader approved offline under its floor limit and uploads the payment now. */
    public boolean isOffline() {
        return offline;
    }

    public void setOffline(boolean offline) {
        this.offline = offline;
    }

    /** True when the card holder confirmed this payment on the phone. */
    public boolean isStepUpConfirmed() {
        return stepUpConfirmed;
    }

    public void setStepUpConfirmed(boolean stepUpConfirmed) {
        this.stepUpConfirmed = stepUpConfirmed;
    }

    /**
     * Whole hours since the paying phone number's SIM last changed (the operator's SIM Swap API), or a lower bound
     * when the operator only tells that there was none within a period; null when unknown (see {@link #getSimSwapCheck()}).
     */
    public Long getSimSwapAgeHours() {
        return simSwapAgeHours;
    }

    public void setSimSwapAgeHours(Long simSwapAgeHours) {
        this.simSwapAgeHours = simSwapAgeHours;
    }

    /**
     * How simSwapAgeHours was found: CHECKED (the operator answered), UNAVAILABLE (the operator API failed or timed
     * out), NOT_CONFIGURED (no operator API set up), NOT_CHECKED (not a phone payment).
     */
    public String getSimSwapCheck() {
        return simSwapCheck;
    }

    public void setSimSwapCheck(String simSwapCheck) {
        this.simSwapCheck = simSwapCheck;
    }

    /** Without the card number: inputs end up in logs. */
    @Override
    public String toString() {
        return "PaymentAuthorizationInput[" + channel + " merchant=" + merchantId + " mcc=" + merchantCategory + " card=" + cardStatus
                + " account=" + accountStatus + " funding=" + funding + " amount=" + amountMinor + " " + currency + " balance="
                + balanceMinor + " dailySpent=" + dailySpentMinor + " recent=" + recentPayments + " cryptogram=" + cryptogram
                + (offline ? " offline" : "") + (stepUpConfirmed ? " confirmed" : "") + " simSwap=" + simSwapCheck
                + (simSwapAgeHours == null ? "" : "/" + simSwapAgeHours + "h") + "]";
    }
}
