package io.tapbus.runtime.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.phone.AppPhones;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The portal in a real browser (Debian's headless chromium) against a real bus and a loopback SMSC: an administrator
 * creates a partner whose name is a script (shown as text, never run), issues it a credential (shown once), the
 * merchant signs in with it and sees only its own page, the administrator revokes it; a phone user signs in with the
 * code of the SMS, sees their cards and not another user's, blocks a card, records a consent whose purpose is a script;
 * a forged CSRF token is refused; the language switches to Chinese and stays after a reload. Screenshots go to
 * target/portal-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest {
    private static final String SCRIPT = "<img src=x onerror=\"window.xssRan=1\"><script>window.xssRan=2</script>";
    private AppPhones phones;
    private RunningBus bus;
    private Browser browser;
    private String merchantToken;
    private String merchantKeyId;
    private String adminToken;

    @BeforeAll
    void start() throws Exception {
        adminToken = RunningBus.adminToken();
        phones = new AppPhones();
        bus = new RunningBus(phones.busSettings());
        phones.awaitBound();
        browser = new Browser("http://127.0.0.1:" + bus.httpPort, 1280, 1000);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        bus.close();
        phones.close();
    }

    private void signInAsAdmin() {
        browser.open("#signin");
        browser.type("#credential", adminToken);
        browser.click("#sign-in-partner");
        browser.waitForText("#partners", "demo-shop");
    }

    private void signOut() {
        browser.click("#signout");
        browser.find("#partner-form");
    }

    private boolean scriptRan() {
        return browser.script("return window.xssRan !== undefined") == Boolean.TRUE;
    }

    @Test
    @Order(1)
    void anAdministratorCreatesAPartnerWhoseNameIsAScriptAndItStaysText() throws Exception {
        signInAsAdmin();
        browser.waitForText("#rules", "payment-authorize");
        browser.waitForText("#health", "smsc.local");
        String kcv = io.tapbus.connector.reader.ReaderKeys.checkValue(
                io.tapbus.connector.reader.ReaderKeys.diversify(RunningBus.readerMasterKey(), "R-DEMO-1"));
        assertThat(browser.waitForText("#reader-keys", "R-DEMO-1").getText()).as("the check value, never the key").contains(kcv);
        browser.screenshot("admin");
        browser.type("#new-partner-id", "script-shop");
        browser.type("#new-partner-name", SCRIPT);
        browser.click("#create-partner");
        browser.waitForText("#partners", "script-shop");
        assertThat(browser.driver.findElement(By.id("partners")).getText()).contains(SCRIPT);
        assertThat(browser.driver.findElements(By.cssSelector("#partners img, #partners script"))).isEmpty();
        assertThat(scriptRan()).isFalse();
        browser.screenshot("admin-script-as-text");
    }

    @Test
    @Order(2)
    void theAdministratorIssuesACredentialShownOnceAndTheMerchantSeesOnlyItsOwnPage() throws Exception {
        new org.openqa.selenium.support.ui.Select(browser.find("#credential-partner")).selectByValue("script-shop");
        browser.click("#role-merchant");
        browser.click("#issue-credential");
        merchantToken = browser.find("#new-secret").getText().strip();
        assertThat(merchantToken).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        merchantKeyId = merchantToken.substring(0, merchantToken.indexOf('.'));
        browser.screenshot("admin-credential-once");
        signOut();

        browser.type("#credential", merchantToken);
        browser.click("#sign-in-partner");
        browser.waitForText("#partner-me", "merchant");
        assertThat(browser.find("#view h2").getText()).isEqualTo("script-shop");
        assertThat(browser.driver.findElements(By.id("nav-admin"))).as("no administration for a merchant").isEmpty();
        browser.find("#per-day");
        browser.screenshot("merchant");
        browser.open("#admin");
        browser.waitForText("#view", "needs another role");
        signOut();
    }

    @Test
    @Order(3)
    void theAdministratorRevokesTheCredential() throws Exception {
        signInAsAdmin();
        browser.type("#credential-key-id", merchantKeyId);
        browser.click("#revoke-credential");
        browser.waitForText("#status", merchantKeyId);
        assertThat(bus.get("/partners/me", merchantToken).statusCode()).isEqualTo(401);
        browser.open("#analyst");
        browser.find("#decision-filters"); // an administrator opens the analyst page too
        signOut();
    }

    private void signInAsPhoneUser(String msisdn) {
        PortalSignIn.phone(browser, phones, msisdn);
    }

    @Test
    @Order(4)
    void aPhoneUserSeesOnlyTheirCardsRecordsAConsentAndBlocksTheirCard() throws Exception {
        signInAsPhoneUser("+8613800000001");
        String cards = browser.find("#cards").getText();
        assertThat(cards).contains(DemoSeeder.ACTIVE_CARD).doesNotContain(DemoSeeder.BANK_CARD);
        browser.screenshot("phone-user");

        browser.type("#consent-purpose", "<script>window.xssRan=3</script>");
        browser.click("#consent-grant");
        browser.waitForText("#consents", "<script>window.xssRan=3</script>");
        assertThat(scriptRan()).isFalse();

        Object forged = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/app/consents', {method: 'POST', headers: {'Content-Type': 'application/json',"
                + " 'X-CSRF-Token': 'forged'}, body: JSON.stringify({purpose: 'forged', granted: true})})"
                + ".then(r => done(r.status), e => done(String(e)));");
        assertThat(forged).isEqualTo(403L);
        Object noToken = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/app/cards/" + DemoSeeder.ACTIVE_CARD + "/block', {method: 'POST'})"
                + ".then(r => done(r.status), e => done(String(e)));");
        assertThat(noToken).isEqualTo(403L);
        assertThat(browser.find("#cards").getText()).doesNotContain("BLOCKED");

        browser.click("#block-" + DemoSeeder.ACTIVE_CARD);
        browser.click("#confirm-block-" + DemoSeeder.ACTIVE_CARD);
        browser.waitForText("#cards", "BLOCKED");
        browser.waitForText("#status", DemoSeeder.ACTIVE_CARD);
        browser.screenshot("phone-user-card-blocked");
        signOut();
    }

    @Test
    @Order(5)
    void anotherPhoneUserSeesTheirOwnCardOnly() throws Exception {
        signInAsPhoneUser("+8613800000003");
        assertThat(browser.find("#cards").getText()).contains(DemoSeeder.BANK_CARD).doesNotContain(DemoSeeder.ACTIVE_CARD);
        Object other = browser.asyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/api/app/cards/" + DemoSeeder.ACTIVE_CARD + "/history').then(r => done(r.status));");
        assertThat(other).as("another user's card").isEqualTo(404L);
    }

    @Test
    @Order(6)
    void theLanguageSwitchesToChineseAndIsRemembered() throws Exception {
        browser.click("#lang");
        browser.waitForText("#view h1", "我的卡");
        assertThat(browser.find("#signout").getText()).isEqualTo("退出");
        browser.driver.navigate().refresh();
        browser.waitForText("#view h1", "我的卡");
        assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-CN");
        browser.screenshot("phone-user-zh");
        browser.click("#lang");
        browser.waitForText("#view h1", "My cards");
    }

    @Test
    @Order(7)
    void thePortalIsReadableOnAPhoneScreen() throws Exception {
        try (Browser phone = new Browser("http://127.0.0.1:" + bus.httpPort, 390, 844)) {
            phone.open("#signin");
            phone.find("#phone-form");
            Object overflow = phone.script("return document.documentElement.scrollWidth > window.innerWidth");
            assertThat(overflow).as("no sideways scrolling").isEqualTo(Boolean.FALSE);
            phone.screenshot("sign-in-phone-screen");
        }
    }
}
