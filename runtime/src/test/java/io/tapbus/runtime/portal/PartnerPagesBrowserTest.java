package io.tapbus.runtime.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.partner.PartnerWorld;
import io.tapbus.runtime.phone.AppPhones;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The partner pages in a real browser (Debian's headless chromium) against a running bus: a merchant sees its readers
 * with their health, the taps chart and its campaign with a redemption (not another merchant's); a manufacturer sees
 * a counterfeit scan on the map and in the chart over time (another manufacturer sees none); a phone user sees their
 * coupon and ticket (another user neither). Screenshots go to target/portal-screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PartnerPagesBrowserTest {
    private AppPhones phones;
    private RunningBus bus;
    private Browser browser;
    private PartnerWorld world;

    @BeforeAll
    void start() throws Exception {
        phones = new AppPhones();
        bus = new RunningBus(phones.busSettings());
        phones.awaitBound();
        world = new PartnerWorld(bus);
        world.tap("pp-browser-tap");
        world.campaigns();
        world.ticket();
        world.scans();
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

    /** Scrolls the element's section to the top of the window, for the screenshot. */
    private void show(WebElement element) {
        browser.script("(arguments[0].closest('section') || arguments[0]).scrollIntoView({block: 'start'})", element);
    }

    private int count(String css) {
        return browser.driver.findElements(By.cssSelector(css)).size();
    }

    @Test
    @Order(1)
    void aMerchantSeesItsReadersTheTapChartAndItsCampaignWithARedemption() throws Exception {
        PortalSignIn.partner(browser, world.shop);
        WebElement readers = browser.waitForText("#readers", "R-DEMO-1");
        assertThat(readers.getText()).contains("OK").doesNotContain("R-B-1");
        assertThat(count("#activity-chart rect.bar-taps")).as("the tap in the chart").isGreaterThanOrEqualTo(1);
        assertThat(count("#activity-chart rect.bar-payments")).as("the basket payment").isGreaterThanOrEqualTo(1);
        show(browser.find("#view h2"));
        browser.screenshot("merchant-readers");

        WebElement campaigns = browser.waitForText("#campaigns", "5.00 off cakes");
        assertThat(campaigns.getText()).contains("REDEEMED 1", "ISSUED 1", "9 uses").doesNotContain("Shop B secret sale");
        show(campaigns);
        browser.screenshot("merchant-campaigns");
        PortalSignIn.signOut(browser);

        PortalSignIn.partner(browser, world.shopB);
        browser.waitForText("#readers", "R-B-1");
        assertThat(browser.find("#readers").getText()).contains("NEVER_SEEN").doesNotContain("R-DEMO-1");
        assertThat(browser.waitForText("#campaigns", "Shop B secret sale").getText()).doesNotContain("5.00 off cakes");
        PortalSignIn.signOut(browser);
    }

    @Test
    @Order(2)
    void aManufacturerSeesTheCounterfeitScanOnTheMapAndOverTime() throws Exception {
        PortalSignIn.partner(browser, world.maker);
        browser.waitForText("#batches", PartnerWorld.BATCH);
        WebElement counterfeit = browser.find("#scan-map circle.scan-COUNTERFEIT");
        assertThat(counterfeit.findElement(By.tagName("title")).getAttribute("textContent")).contains("31.23", "121.47");
        assertThat(count("#scan-map circle.scan-point")).as("only suspect and counterfeit scans on the map").isEqualTo(1);
        assertThat(browser.find("#scan-chart rect.bar-COUNTERFEIT").getAttribute("data-count")).isEqualTo("1");
        assertThat(browser.find("#scan-chart rect.bar-GENUINE").getAttribute("data-count")).isEqualTo("1");
        assertThat(browser.find("#scans").getText()).contains("COUNTERFEIT", "GENUINE");
        show(browser.find("#scan-map"));
        browser.screenshot("manufacturer");
        PortalSignIn.signOut(browser);

        PortalSignIn.partner(browser, world.otherMaker);
        browser.waitForText("#view", "No tag batches yet");
        assertThat(count("#scan-map circle.scan-point")).isZero();
        assertThat(browser.find("#view").getText()).doesNotContain(PartnerWorld.BATCH);
        PortalSignIn.signOut(browser);
    }

    @Test
    @Order(3)
    void aPhoneUserSeesTheirCouponAndTicketAndAnotherUserNeither() throws Exception {
        PortalSignIn.phone(browser, phones, PartnerWorld.PHONE);
        WebElement coupons = browser.waitForText("#coupons", world.openCoupon);
        assertThat(coupons.getText()).contains(world.campaign, "ISSUED");
        WebElement tickets = browser.waitForText("#tickets", "METRO-SINGLE");
        assertThat(tickets.getText()).contains("RIDE", "1 / 1", PartnerWorld.CARD);
        show(coupons);
        browser.screenshot("phone-coupons");
        browser.click("#signout");
        browser.find("#partner-form");

        PortalSignIn.phone(browser, phones, PartnerWorld.OTHER_PHONE);
        browser.find("#no-coupons");
        browser.find("#no-tickets");
        assertThat(browser.find("#view").getText()).doesNotContain(world.openCoupon).doesNotContain("METRO-SINGLE");
    }
}
