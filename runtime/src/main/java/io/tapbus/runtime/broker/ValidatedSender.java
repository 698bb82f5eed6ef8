package io.tapbus.runtime.broker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;
import org.apache.activemq.artemis.protocol.amqp.broker.AMQPMessage;
import org.apache.qpid.proton.amqp.Binary;
import org.apache.qpid.proton.amqp.messaging.Properties;

/**
 * Every message carries the user name the broker authenticated for its sender (the partner's key id) in
 * {@code _AMQ_VALIDATED_USER}, which JMS consumers read as {@code JMSXUserID}: the bus knows who sent a bulk
 * request, and no sender can claim another's key. Artemis stamps CORE messages itself (populate-validated-user)
 * but not AMQP ones, so this does it for every protocol. An AMQP message may also name its sender in its
 * {@code user-id} property, which JMS consumers see as {@code JMSXUserID} too: one that names anyone but the
 * authenticated sender is refused (as RabbitMQ and Qpid brokers do).
 */
final class ValidatedSender implements ActiveMQServerMessagePlugin {
    private static final SimpleString JMSX_USER_ID = SimpleString.of("JMSXUserID");

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue)
            throws ActiveMQSecurityException {
        String user = session.getValidatedUser();
        if (message instanceof AMQPMessage amqp) {
            refuseAnotherUserId(amqp, user);
        }
        // a property of this name would be read as JMSXUserID before the stamp (seen with AMQP application properties)
        message.removeProperty(JMSX_USER_ID);
        if (user == null) {
            message.removeProperty(Message.HDR_VALIDATED_USER);
        } else {
            message.putStringProperty(Message.HDR_VALIDATED_USER, SimpleString.of(user));
        }
    }

    private static void refuseAnotherUserId(AMQPMessage message, String user) throws ActiveMQSecurityException {
        Properties properties = message.getProperties();
        Binary claimed = properties == null ? null : properties.getUserId();
        if (claimed == null) {
            return;
        }
        byte[] own = user == null ? new byte[0] : user.getBytes(StandardCharsets.UTF_8);
        byte[] named = Arrays.copyOfRange(claimed.getArray(), claimed.getArrayOffset(), claimed.getArrayOffset() + claimed.getLength());
        if (!Arrays.equals(named, own)) {
            throw new ActiveMQSecurityException("the message's user-id is not the user name this connection logged in with");
        }
    }
}
