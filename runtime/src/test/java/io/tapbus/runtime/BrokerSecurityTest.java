package io.tapbus.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Partners log in to the embedded broker with their own credentials and reach only their own destinations. */
class BrokerSecurityTest {
    private static RunningBus bus;
    private static String[] shop;
    private static String[] other;

    @BeforeAll
    static void start() throws Exception {
        bus = new RunningBus();
        shop = credential("jms-shop", "merchant");
        other = credential("jms-other", "merchant");
    }

    @AfterAll
    static void stop() throws Exception {
        bus.close();
    }

    private static String[] credential(String partner, String role) throws Exception {
        String admin = RunningBus.adminToken();
        assertThat(bus.post("/partners", admin, "{\"partnerId\":\"" + partner + "\",\"name\":\"P\",\"kind\":\"MERCHANT\"}").statusCode()).isEqualTo(201);
        String token = bus.partnerToken(partner, role);
        int dot = token.indexOf('.');
        return new String[] {token.substring(0, dot), token.substring(dot + 1)};
    }

    private static Connection connect(String user, String password) throws JMSException {
        return new ActiveMQConnectionFactory("tcp://127.0.0.1:" + bus.brokerPort).createConnection(user, password);
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> connect(shop[0], "wrong").close()).isInstanceOf(JMSSecurityException.class);
        assertThatThrownBy(() -> connect("tapbus-internal", "guess").close()).isInstanceOf(JMSSecurityException.class);
    }

    @Test
    void aPartnerUsesItsOwnQueueButNotAnotherPartnersQueue() throws Exception {
        try (Connection c = connect(shop[0], shop[1])) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            s.createProducer(s.createQueue("tapbus.partner.jms-shop.inbox")).send(s.createTextMessage("hello"));
            c.start();
            TextMessage m = (TextMessage) s.createConsumer(s.createQueue("tapbus.partner.jms-shop.inbox")).receive(5000);
            assertThat(m.getText()).isEqualTo("hello");
            assertThatThrownBy(() -> s.createConsumer(s.createQueue("tapbus.partner.jms-other.inbox")))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }

    @Test
    void theEventTopicNeedsTheEventsRoleAndCannotBeWrittenByPartners() throws Exception {
        try (Connection c = connect(other[0], other[1])) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThatThrownBy(() -> s.createConsumer(s.createTopic("tapbus.events"))).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> s.createProducer(s.createTopic("tapbus.events")).send(s.createTextMessage("fake event")))
                    .isInstanceOf(JMSSecurityException.class);
        }
    }
}
