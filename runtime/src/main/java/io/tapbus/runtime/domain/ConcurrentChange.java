package io.tapbus.runtime.domain;

/** The facts a decision was made on changed before it could be recorded (the card was blocked, spent elsewhere). */
public class ConcurrentChange extends DomainError {
    public ConcurrentChange(String message) {
        super(Code.CONFLICT, message);
    }
}
