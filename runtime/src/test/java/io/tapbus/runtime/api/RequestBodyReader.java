package io.tapbus.runtime.api;

import java.nio.charset.StandardCharsets;

/** Reads back the body a JDK {@link java.net.http.HttpRequest} publishes, so {@link ApiContract} can check it. */
final class RequestBodyReader {
    private RequestBodyReader() {
    }

    /** The bytes a request publishes (the JDK's publishers can be read again). */
    static String bodyOf(java.net.http.HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) {
            return "";
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        request.bodyPublisher().get().subscribe(new java.util.concurrent.Flow.Subscriber<java.nio.ByteBuffer>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(java.nio.ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        try {
            done.get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not read the request body back: " + e, e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
