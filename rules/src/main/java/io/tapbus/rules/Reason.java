package io.tapbus.rules;

import java.util.Objects;

/** Why a decision came out the way it did: a stable UPPER_SNAKE code and a message for people. */
public record Reason(String code, String message) {
    public Reason {
        Objects.requireNonNull(code, "code");
        message = message == null ? "" : message;
    }
}
