package io.tapbus.connector.phone.mm7;

import io.tapbus.connector.phone.mm7.Mm7Exception.Problem;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends MM7 SubmitReqs to one MMSC over HTTP with Basic authentication (the JDK's HttpClient). Every way a submit
 * can fail ends in an {@link Mm7Exception} whose problem tells the caller what to do: {@code UNREACHABLE} and a
 * temporary MM7 status may be sent again; {@code NO_ANSWER} may have been accepted; the rest need a change. Log lines
 * name the transaction id, the number of recipients and the status, never a number, a subject or the content.
 */
public final class Mm7Client {

    private static final Logger LOG = LoggerFactory.getLogger(Mm7Client.class);
    private static final int MAX_ANSWER = 256 * 1024;

    private final Mm7Account account;
    private final HttpClient http;
    private final String authorization;

    public Mm7Client(Mm7Account account) {
        this.account = account;
        this.http = HttpClient.newBuilder().connectTimeout(account.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (account.username() + ":" + account.password()).getBytes(StandardCharsets.UTF_8));
    }

    public Mm7Account account() {
        return account;
    }

    /** Submits one MMS and returns the MMSC's message id; blocks up to the account's request timeout. */
    public SubmitResult submit(SubmitRequest request) throws Mm7Exception {
        SubmitMessage message = SubmitMessage.compose(account, request);
        HttpRequest post = HttpRequest.newBuilder(account.url()).timeout(account.requestTimeout())
                .header("Content-Type", message.contentType()).header("SOAPAction", "\"\"")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.body())).build();
        try {
            SubmitResult result = answer(request, exchange(post, request.transactionId()));
            LOG.info("MM7 submit {} to {} recipient(s): accepted, message id {}", request.transactionId(),
                    request.recipients().size(), result.messageId());
            return result;
        } catch (Mm7Exception e) {
            LOG.warn("MM7 submit {} to {} recipient(s): {} {}", request.transactionId(), request.recipients().size(),
                    e.problem(), e.getMessage());
            throw e;
        }
    }

    private HttpResponse<byte[]> exchange(HttpRequest post, String transactionId) throws Mm7Exception {
        try {
            return http.send(post, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new Mm7Exception(Problem.UNREACHABLE, "the MMSC at " + account.url().getHost() + ":"
                    + account.url().getPort() + " could not be reached (" + e.getClass().getSimpleName() + ")", e);
        } catch (HttpTimeoutException e) {
            throw new Mm7Exception(Problem.NO_ANSWER, "no answer within " + account.requestTimeout().toMillis()
                    + " ms to transaction " + transactionId, e);
        } catch (IOException e) {
            throw new Mm7Exception(Problem.NO_ANSWER, "the connection ended before the answer to transaction "
                    + transactionId + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Mm7Exception(Problem.NO_ANSWER, "interrupted while waiting for transaction " + transactionId, e);
        }
    }

    private SubmitResult answer(SubmitRequest request, HttpResponse<byte[]> response) throws Mm7Exception {
        int code = response.statusCode();
        if (code == 401 || code == 403) {
            throw new Mm7Exception(Problem.UNAUTHORIZED, "the MMSC refused the credentials of user "
                    + account.username() + " (HTTP " + code + ")");
        }
        byte[] body = response.body();
        if (body.length > MAX_ANSWER) {
            throw new Mm7Exception(Problem.MALFORMED_ANSWER, "an answer of " + body.length + " bytes, more than "
                    + MAX_ANSWER);
        }
        byte[] xml;
        try {
            xml = soapPart(response.headers().firstValue("Content-Type").orElse("text/xml"), body);
        } catch (Mm7Exception e) {
            throw unusable(code, e);
        }
        SubmitResult result;
        try {
            result = Mm7Reader.submitResponse(xml);
        } catch (Mm7Exception e) {
            throw e.problem() == Problem.MALFORMED_ANSWER ? unusable(code, e) : e;
        }
        if (code != 200) {
            throw new Mm7Exception(Problem.HTTP_ERROR, "HTTP " + code + " with a successful SubmitRsp");
        }
        if (result.transactionId() != null && !result.transactionId().equals(request.transactionId())) {
            throw new Mm7Exception(Problem.MALFORMED_ANSWER, "the SubmitRsp names transaction "
                    + result.transactionId() + ", not " + request.transactionId());
        }
        return result;
    }

    private static Mm7Exception unusable(int httpStatus, Mm7Exception e) {
        if (httpStatus == 200) {
            return new Mm7Exception(Problem.MALFORMED_ANSWER, e.getMessage(), e);
        }
        return new Mm7Exception(Problem.HTTP_ERROR, "HTTP " + httpStatus + " without an MM7 answer: "
                + e.getMessage(), e);
    }

    /** The SOAP envelope of an answer: the body itself, or the root part of a multipart answer. */
    static byte[] soapPart(String contentType, byte[] body) throws Mm7Exception {
        if (!MimeType.base(contentType).startsWith("multipart/")) {
            return body;
        }
        try {
            List<MimePart> parts = Multipart.parse(contentType, body);
            return Multipart.root(contentType, parts).content();
        } catch (Mm7Exception e) {
            throw new Mm7Exception(Problem.MALFORMED_ANSWER, e.getMessage());
        }
    }
}
