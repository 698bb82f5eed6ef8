package io.tapbus.bench.decisions;

import io.tapbus.rules.payment.PaymentAuthorizationInput;
import io.tapbus.rules.tap.AccountStatus;
import io.tapbus.rules.tap.CardStatus;
import io.tapbus.rules.tap.TapAuthorizationInput;

/** The inputs the decision benchmarks feed: the common approval and a decline (insufficient funds) per decision. */
public final class SampleInputs {
    public static final String APPROVED = "approved";
    public static final String DECLINED = "declined";

    private SampleInputs() {
    }

    /** A 3.50 CNY tap of an active card with an open account and money on it: approved. */
    public static TapAuthorizationInput tap() {
        TapAuthorizationInput tap = new TapAuthorizationInput();
        tap.setReaderId("RDR-BENCH-0001");
        tap.setMerchantId("M-BENCH-1");
        tap.setMerchantCategory("4111");
        tap.setCardUid("04A1B2C3D4E5F6");
        tap.setCardStatus(CardStatus.ACTIVE);
        tap.setAccountStatus(AccountStatus.OPEN);
        tap.setBalanceMinor(100_000);
        tap.setAmountMinor(350);
        tap.setCurrency("CNY");
        tap.setDailySpentMinor(1_200);
        return tap;
    }

    /** {@link #APPROVED} or {@link #DECLINED} (the balance is below the amount). */
    public static TapAuthorizationInput tap(String which) {
        TapAuthorizationInput tap = tap();
        if (DECLINED.equals(which)) {
            tap.setBalanceMinor(100);
        } else if (!APPROVED.equals(which)) {
            throw new IllegalArgumentException("no sample tap '" + which + "'");
        }
        return tap;
    }

    /** A 35.00 CNY stored-value payment on a reader at a grocery, valid cryptogram: approved. */
    public static PaymentAuthorizationInput payment() {
        PaymentAuthorizationInput pay = new PaymentAuthorizationInput();
        pay.setChannel("READER");
        pay.setReaderId("RDR-BENCH-0001");
        pay.setMerchantId("M-BENCH-1");
        pay.setMerchantCategory("5411");
        pay.setCardKnown(true);
        pay.setCardStatus("ACTIVE");
        pay.setAccountStatus("OPEN");
        pay.setFunding("STORED_VALUE");
        pay.setBalanceMinor(100_000);
        pay.setAmountMinor(3_500);
        pay.setCurrency("CNY");
        pay.setDailySpentMinor(5_000);
        pay.setRecentPayments(1);
        pay.setCryptogram("VALID");
        return pay;
    }

    /** {@link #APPROVED} or {@link #DECLINED} (the balance is below the amount). */
    public static PaymentAuthorizationInput payment(String which) {
        PaymentAuthorizationInput pay = payment();
        if (DECLINED.equals(which)) {
            pay.setBalanceMinor(100);
        } else if (!APPROVED.equals(which)) {
            throw new IllegalArgumentException("no sample payment '" + which + "'");
        }
        return pay;
    }
}
