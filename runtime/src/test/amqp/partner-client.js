#!/usr/bin/env node
// A TapBus partner's AMQP 1.0 client in Node.js, with rhea (docs/partner-guide.md, "AMQP 1.0").
// AmqpPartnerTest runs this very file against a running bus, so the example in the guide is tested.
//
//   npm ci
//   export TAPBUS_KEY_ID=k1a2b3c4d5e6 TAPBUS_SECRET=...          # the credential: key id and secret
//   node partner-client.js events tapbus.partner.shop-42.events 1  # print the next event(s)
//   node partner-client.js bulk demo-maker bulk-1 '{"operation":"registerTags",...}'
//   node partner-client.js access receive:tapbus.partner.other.events receive:tapbus.partner.shop-42.events
//
// Settings from the environment: TAPBUS_AMQP_HOST (127.0.0.1), TAPBUS_AMQP_PORT (5672), TAPBUS_KEY_ID and
// TAPBUS_SECRET (SASL PLAIN user name and password; never on the command line, where `ps` shows them),
// TAPBUS_AMQP_CA (a PEM file: connect with TLS and trust this CA), TAPBUS_TIMEOUT_MS (15000).
// Every result is one JSON line on standard output. Exit codes: 0 done, 2 usage, 3 connection refused
// (bad or missing credentials), 4 timed out.
'use strict';
const fs = require('fs');
const net = require('net');
const rhea = require('rhea');

const env = process.env;
const timeoutMs = Number(env.TAPBUS_TIMEOUT_MS || 15000);
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n');

function connect() {
    const options = {
        host: env.TAPBUS_AMQP_HOST || '127.0.0.1',
        port: Number(env.TAPBUS_AMQP_PORT || 5672),
        reconnect: false, // a refused login is final: do not retry it
    };
    if (env.TAPBUS_KEY_ID !== undefined) {
        options.username = env.TAPBUS_KEY_ID;
        options.password = env.TAPBUS_SECRET;
    }
    if (env.TAPBUS_AMQP_CA) {
        options.transport = 'tls';
        options.ca = [fs.readFileSync(env.TAPBUS_AMQP_CA)];
        if (!net.isIP(options.host)) options.servername = options.host;
    }
    const connection = rhea.create_container().connect(options);
    // a refused login: SASL outcome "auth" (amqp:unauthorized-access), or no SASL at all, which the broker requires
    connection.on('connection_error', (context) => finish(3, refusal('connection', context.error)));
    connection.on('disconnected', (context) => finish(3, refusal('connection', context.error)));
    return connection;
}

function refusal(scope, error) {
    return {
        event: 'refused',
        scope,
        condition: error && error.condition ? String(error.condition) : null,
        description: error && error.description ? String(error.description) : (error ? String(error.message || error) : null),
    };
}

let finished = false;
function finish(code, line) {
    if (finished) return;
    finished = true;
    if (line) print(line);
    process.exitCode = code;
    setImmediate(() => process.exit(code));
}

setTimeout(() => finish(4, { event: 'timeout', afterMs: timeoutMs }), timeoutMs).unref();

// A message as JSON: its body (parsed when it is JSON text), correlation id and application properties.
function describe(message) {
    let body = message.body;
    if (body && body.typecode !== undefined) body = body.content; // an AMQP data section
    if (Buffer.isBuffer(body)) body = body.toString('utf8');
    try {
        body = typeof body === 'string' ? JSON.parse(body) : body;
    } catch (notJson) {
        // keep the text as it is
    }
    return {
        event: 'message',
        correlationId: message.correlation_id === undefined ? null : String(message.correlation_id),
        properties: Object.fromEntries(Object.entries(message.application_properties || {}).filter(([, value]) => value !== null)),
        body,
    };
}

// events ADDRESS [COUNT]: subscribe to a topic (a partner's own tapbus.partner.<id>.events) and print COUNT messages.
function events(address, count) {
    let left = Number(count || 1);
    const connection = connect();
    const receiver = connection.open_receiver({ source: { address } });
    receiver.on('receiver_open', () => print({ event: 'listening', address }));
    receiver.on('receiver_error', (context) => finish(1, refusal('link', context.receiver.error)));
    receiver.on('message', (context) => {
        print(describe(context.message));
        if (--left === 0) {
            connection.close();
            finish(0, { event: 'done' });
        }
    });
}

// bulk PARTNER_ID CORRELATION_ID JSON: send a bulk tag request to the queue tapbus.tag-requests and print the
// answer the bus puts on the sender's own queue tapbus.partner.<id>.tag-replies (matched by correlation id).
function bulk(partnerId, correlationId, request) {
    const connection = connect();
    const replies = connection.open_receiver({ source: { address: `tapbus.partner.${partnerId}.tag-replies` } });
    replies.on('receiver_error', (context) => finish(1, refusal('link', context.receiver.error)));
    replies.on('receiver_open', () => {
        const sender = connection.open_sender({ target: { address: 'tapbus.tag-requests' } });
        sender.on('sender_error', (context) => finish(1, refusal('link', context.sender.error)));
        sender.once('sendable', () => sender.send({ body: request, correlation_id: correlationId, content_type: 'application/json' }));
    });
    replies.on('message', (context) => {
        const answer = describe(context.message);
        if (answer.correlationId !== correlationId) return; // an answer to an earlier request
        print(answer);
        connection.close();
        finish(0, { event: 'done' });
    });
}

// access receive:ADDRESS|send:ADDRESS ...: try each on one connection, in order, and print whether the broker
// let the link attach. A refusal closes only that link, so the next one shows that the connection lives on.
function access(checks) {
    const connection = connect();
    const next = (i) => {
        if (i === checks.length) {
            print({ event: 'done', connectionOpen: connection.is_open() });
            connection.close();
            return finish(0);
        }
        const [direction, address] = checks[i].split(/:(.*)/s);
        const link = direction === 'send' ? connection.open_sender({ target: { address } })
            : connection.open_receiver({ source: { address } });
        const kind = direction === 'send' ? 'sender' : 'receiver';
        // The broker refuses a link with an attach that has no terminus, then a detach with the error: only a
        // link still open a moment after its attach is taken as allowed.
        let settled = false;
        link.on(`${kind}_error`, (context) => {
            settled = true;
            print({ check: checks[i], allowed: false, ...refusal('link', context[kind].error) });
            next(i + 1);
        });
        link.on(`${kind}_open`, () => setTimeout(() => {
            if (settled) return;
            settled = true;
            print({ check: checks[i], allowed: true });
            link.close();
            next(i + 1);
        }, 300));
    };
    connection.on('connection_open', () => next(0));
}

const [command, ...args] = process.argv.slice(2);
if (command === 'events' && args.length >= 1) {
    events(args[0], args[1]);
} else if (command === 'bulk' && args.length === 3) {
    bulk(args[0], args[1], args[2]);
} else if (command === 'access' && args.length >= 1 && args.every((a) => /^(receive|send):./.test(a))) {
    access(args);
} else {
    process.stderr.write('usage: partner-client.js events ADDRESS [COUNT] | bulk PARTNER_ID CORRELATION_ID JSON'
        + ' | access receive:ADDRESS|send:ADDRESS ...\n');
    finish(2);
}
