package io.tapbus.runtime.write;

import java.util.concurrent.CompletableFuture;

/** A unit waiting for the writer, with its caller's answer and the time it was queued. */
record Pending<R>(WriteUnit<R> unit, CompletableFuture<R> answer, long queuedNanos) {}
