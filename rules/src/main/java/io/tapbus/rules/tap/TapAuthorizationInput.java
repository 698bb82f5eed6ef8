package io.tapbus.rules.tap;

/**
 * Facts about one tap of a universal card on a reader, as the platform knows them when the tap
 * arrives. Money is in minor units of {@link #getCurrency() currency} (fen for CNY).
 *
 * <p>A plain JavaBean so that DRL constraints ({@code amountMinor > 0}) and Jackson can read it.
 */
public class TapAuthorizationInput {
    private String readerId;
    private String merchantId;
    private String merchantCategory;
    private String cardUid;
    private CardStatus cardStatus;
    private AccountStatus accountStatus;
    private long balanceMinor;
    private long amountMinor;
    private String currency;
    private long dailySpentMinor;

    public String getReaderId() {
        return readerId;
    }

    public void setReaderId(String readerId) {
        this.readerId = readerId;
    }

    public String getMerchantId() {
        return merchantId;
    }

    public void setMerchantId(String merchantId) {
        this.merchantId = merchantId;
    }

    /** ISO 18245 merchant category code, e.g. "4111" for transit. */
    public String getMerchantCategory() {
        return merchantCategory;
    }

    public void setMerchantCategory(String merchantCategory) {
        this.merchantCategory = merchantCategory;
    }

    public String getCardUid() {
        return cardUid;
    }

    public void setCardUid(String cardUid) {
        this.cardUid = cardUid;
    }

    public CardStatus getCardStatus() {
        return cardStatus;
    }

    public void setCardStatus(CardStatus cardStatus) {
        this.cardStatus = cardStatus;
    }

    public AccountStatus getAccountStatus() {
        return accountStatus;
    }

    public void setAccountStatus(AccountStatus accountStatus) {
        this.accountStatus = accountStatus;
    }

    /** Available balance of the account before this tap. */
    public long getBalanceMinor() {
        return balanceMinor;
    }

    public void setBalanceMinor(long balanceMinor) {
        this.balanceMinor = balanceMinor;
    }

    public long getAmountMinor() {
        return amountMinor;
    }

    public void setAmountMinor(long amountMinor) {
        this.amountMinor = amountMinor;
    }

    /** ISO 4217 code, e.g. "CNY". */
    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    /** Already paid by taps today with this card, before this tap. */
    public long getDailySpentMinor() {
        return dailySpentMinor;
    }

    public void setDailySpentMinor(long dailySpentMinor) {
        this.dailySpentMinor = dailySpentMinor;
    }

    /** Without the card UID: inputs end up in logs. */
    @Override
    public String toString() {
        return "TapAuthorizationInput[reader=" + readerId + ", merchant=" + merchantId + ", mcc=" + merchantCategory
                + ", card=" + cardStatus + ", account=" + accountStatus + ", amount=" + amountMinor + " " + currency
                + ", balance=" + balanceMinor + ", dailySpent=" + dailySpentMinor + "]";
    }
}
