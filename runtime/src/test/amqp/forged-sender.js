#!/usr/bin/env node
// Test only (AmqpPartnerTest): a manufacturer that sends a bulk tag request claiming to be another partner's key.
// Mode "properties": in application properties named like the broker's own stamp (_AMQ_VALIDATED_USER) and its
// JMS name (JMSXUserID); the bus must answer the real sender on its own queue. Mode "user-id": in the AMQP
// user-id property; the broker must reject the message. Connection settings as in partner-client.js.
//
//   node forged-sender.js properties|user-id OWN_PARTNER_ID CLAIMED_KEY_ID CORRELATION_ID JSON
'use strict';
const rhea = require('rhea');

const env = process.env;
const [mode, partnerId, claimedKeyId, correlationId, request] = process.argv.slice(2);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');
setTimeout(() => { print({ event: 'timeout' }); process.exit(4); }, Number(env.TAPBUS_TIMEOUT_MS || 15000)).unref();

const connection = rhea.create_container().connect({
    host: env.TAPBUS_AMQP_HOST || '127.0.0.1',
    port: Number(env.TAPBUS_AMQP_PORT || 5672),
    username: env.TAPBUS_KEY_ID,
    password: env.TAPBUS_SECRET,
    reconnect: false,
});
const replies = connection.open_receiver({ source: { address: `tapbus.partner.${partnerId}.tag-replies` } });
replies.on('receiver_open', () => {
    const sender = connection.open_sender({ target: { address: 'tapbus.tag-requests' } });
    const message = { body: request, correlation_id: correlationId };
    if (mode === 'user-id') {
        message.user_id = Buffer.from(claimedKeyId, 'utf8');
    } else {
        message.application_properties = { _AMQ_VALIDATED_USER: claimedKeyId, JMSXUserID: claimedKeyId };
    }
    sender.once('sendable', () => sender.send(message));
    sender.on('sender_error', (context) => {
        print({ event: 'link-refused', condition: String(context.sender.error.condition), description: String(context.sender.error.description) });
        process.exit(0);
    });
    sender.on('rejected', (context) => {
        const error = context.delivery.remote_state && context.delivery.remote_state.error;
        print({ event: 'rejected', condition: error ? String(error.condition) : null, description: error ? String(error.description) : null,
            linkOpen: sender.is_open(), connectionOpen: connection.is_open() });
        connection.close();
        process.exit(0);
    });
});
replies.on('message', (context) => {
    if (String(context.message.correlation_id) !== correlationId) return;
    print({ event: 'message', correlationId, body: JSON.parse(context.message.body) });
    connection.close();
    process.exit(0);
});
