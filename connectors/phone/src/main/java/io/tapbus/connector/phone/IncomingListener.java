package io.tapbus.connector.phone;

/** Receives texts from phones over an SMPP link, whole. Called on jSMPP's reader threads: return quickly. */
@FunctionalInterface
public interface IncomingListener {
    void onIncoming(IncomingSms sms);
}
