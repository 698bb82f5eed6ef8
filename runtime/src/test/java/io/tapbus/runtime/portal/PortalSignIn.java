package io.tapbus.runtime.portal;

import io.tapbus.runtime.phone.AppPhones;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signs in through the portal's own sign-in page in the browser: a phone user with the SMS code, a partner with a token. */
final class PortalSignIn {
    private static final Pattern CODE = Pattern.compile("code (\\d{6})");

    private PortalSignIn() {
    }

    /** Asks for a code on the page, reads it from the loopback SMSC, signs in and waits for the user's cards. */
    static void phone(Browser browser, AppPhones phones, String msisdn) {
        int before = phones.messagesTo(msisdn);
        browser.open("#signin");
        browser.type("#msisdn", msisdn);
        browser.click("#send-code");
        try {
            PortalClient.await(() -> phones.messagesTo(msisdn) > before);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        Matcher m = CODE.matcher(phones.textTo(msisdn, before));
        if (!m.find()) {
            throw new AssertionError("no code in the SMS");
        }
        browser.type("#code", m.group(1));
        browser.click("#sign-in-phone");
        browser.find("#cards");
    }

    /** Signs in with a partner credential and waits until the page says who it is. */
    static void partner(Browser browser, String token) {
        browser.open("#signin");
        browser.type("#credential", token);
        browser.click("#sign-in-partner");
        browser.find("#partner-me");
    }

    static void signOut(Browser browser) {
        browser.click("#signout");
        browser.find("#partner-form");
    }
}
