package io.tapbus.runtime.pos;

import io.tapbus.connector.bank.FormatErrorResponse;
import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583Exception;
import io.tapbus.connector.bank.Iso8583Matching;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.RejectedMessage;
import io.tapbus.connector.bank.ResponseCodes;
import io.tapbus.connector.common.Masking;
import io.tapbus.connector.reader.ReasonCode;
import io.tapbus.rules.Reason;
import io.tapbus.runtime.payment.CardBasketPayments;
import io.tapbus.runtime.payment.CardBaskets;
import io.tapbus.runtime.payment.PaymentCommand;
import io.tapbus.runtime.domain.DomainError;
import io.tapbus.runtime.payment.PaymentOutcome;
import io.tapbus.runtime.payment.PaymentReversals;
import io.tapbus.runtime.payment.PaymentService;
import io.tapbus.runtime.platform.ReaderRegistry;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.component.netty.NettyConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus side of a chained POS terminal (route pos-ingress): an existing terminal speaking ISO 8583:1987 sends its
 * requests to TapBus instead of the acquirer and gets answers in its own terms. Purchases (0100/0200) become payments
 * of the terminal's merchant through {@link PaymentService} (rules, stored value, bank-funded cards to the bank);
 * reversals (0400/0401) go to {@link PaymentReversals}; network management (0800) is answered here. Every request
 * gets exactly one answer, negative ones included; only input without a usable request MTI closes the connection. A
 * purchase may carry a basket in field 48 ({@link PosBasket}): priced by the basket-pricing rules, field 4 stays what the
 * card authorised, field 54 says the discount and field 48 of the answer the offers applied and refused.
 *
 * <p>Logs show the PAN masked (first 6, last 4) and never the ICC data.
 */
public final class PosGateway {
    /** Header: the request's MTI, for the route's dispatch. */
    public static final String MTI = "TapBusPosMti";
    /** Exchange property: the decoded request, for {@link #failure}. */
    public static final String REQUEST = "TapBusPosRequest";
    public static final String CHANNEL = "POS";

    private static final Logger LOG = LoggerFactory.getLogger(PosGateway.class);
    /** Fields an answer repeats from its request (never the PAN, track data or ICC data). */
    private static final List<Integer> ECHOED = List.of(3, 4, 7, 11, 12, 13, 25, 32, 37, 41, 42, 49, 90);
    private static final Map<String, Currency> BY_NUMERIC = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getNumericCode() > 0)
            .collect(Collectors.toMap(Currency::getNumericCodeAsString, Function.identity(), (a, b) -> a));

    private final Iso8583Codec codec;
    private final CardBasketPayments payments;
    private final PaymentReversals reversals;
    private final ReaderRegistry terminals;

    public PosGateway(Iso8583Codec codec, PaymentService payments, PaymentReversals reversals, ReaderRegistry terminals) {
        this.codec = codec;
        this.payments = new CardBasketPayments(payments);
        this.reversals = reversals;
        this.terminals = terminals;
    }

    /** Baskets are priced by the pricing module once it is wired (PricingWiring). */
    public void useBaskets(CardBaskets baskets) {
        payments.useBaskets(baskets);
    }

    /** A request that is a whole message: remembered for {@link #failure}, its MTI put in a header for dispatch. */
    public void receive(Iso8583Message request, Exchange exchange) {
        exchange.setProperty(REQUEST, request);
        exchange.getMessage().setHeader(MTI, request.mti());
        String stan = request.field(11);
        exchange.getMessage().setHeader(Exchange.BREADCRUMB_ID, "pos:" + terminal(request).orElse("-") + ":" + (stan == null ? "-" : stan));
    }

    /** 0800 sign-on (70=001), sign-off (002) and echo (301): 0810 39=00; another or no field 70: 39=12. */
    public Iso8583Message network(Iso8583Message request) {
        String code = request.field(70);
        boolean known = "001".equals(code) || "002".equals(code) || "301".equals(code);
        Iso8583Message answer = answer(request, known ? ResponseCodes.APPROVED : ResponseCodes.INVALID_TRANSACTION);
        if (code != null) {
            answer = answer.with(70, code);
        }
        LOG.info("POS {} network management {}: {}", terminal(request).orElse("-"), code, answer.field(39));
        return checked(answer, request);
    }

    /** 0100/0200 purchase: a payment of the terminal's merchant, answered 0110/0210. */
    public Iso8583Message pay(Iso8583Message request) {
        Optional<String> terminalId = terminal(request);
        if (terminalId.isEmpty() || !has(request, 2, 35) || !has(request, 4) || !has(request, 7) || !has(request, 11) || !has(request, 49)) {
            return refused(request, ResponseCodes.FORMAT_ERROR, "a purchase needs fields 2 (or 35), 4, 7, 11, 41 and 49");
        }
        Optional<ReaderRegistry.Reader> terminal = terminals.find(terminalId.get()).filter(t -> "ACTIVE".equals(t.status()));
        if (terminal.isEmpty()) {
            return refused(request, ResponseCodes.NOT_PERMITTED_TO_TERMINAL, "terminal not registered or not active");
        }
        String processing = request.field(3);
        if (processing != null && !processing.startsWith("00")) {
            return refused(request, ResponseCodes.INVALID_TRANSACTION, "processing code " + processing + " is not a purchase");
        }
        String pan = pan(request);
        if (pan == null || !pan.matches("[0-9]{12,19}")) {
            return refused(request, ResponseCodes.INVALID_CARD_NUMBER, "no PAN of 12 to 19 digits");
        }
        Currency currency = currency(request.field(49));
        if (currency == null) {
            return refused(request, ResponseCodes.FORMAT_ERROR, "field 49 is not an ISO 4217 currency");
        }
        IccData icc = null;
        if (request.has(55)) {
            try {
                icc = IccData.parse(request.field(55));
            } catch (IccData.Malformed e) {
                return refused(request, ResponseCodes.FORMAT_ERROR, e.getMessage());
            }
        }
        String psn = request.has(23) ? request.field(23).substring(1) : "00";
        long amount = Long.parseLong(request.field(4));
        CardBaskets.CardBasket basket;
        try {
            basket = PosBasket.read(request, terminal.get().merchantId(), pan, currency.getCurrencyCode(), amount);
        } catch (PosBasket.Malformed e) {
            return refused(request, ResponseCodes.FORMAT_ERROR, e.getMessage());
        }
        PaymentCommand command = new PaymentCommand(CHANNEL, idempotencyKey(terminalId.get(), request.field(11), request.field(7)),
                terminal.get().merchantId(), terminalId.get(), null, pan, psn, icc == null ? null : icc.atc(),
                icc == null ? null : icc.arqc(), icc == null ? null : icc.arqcInput(), null, amount, currency.getCurrencyCode(), false);
        CardBasketPayments.Paid paid = payments.pay(command, basket);
        PaymentOutcome outcome = paid.outcome();
        Iso8583Message answer = PosAnswers.payment(answer(request, PosResponseCodes.of(outcome)), request, outcome,
                currency.getNumericCodeAsString());
        String offers = PosBasket.answer(paid.priced(), outcome.approved());
        answer = offers == null ? answer : answer.with(PosBasket.FIELD, offers);
        LOG.info("POS {} {} stan={} card={} amountMinor={} {}: payment {} {} {} reasons={}", terminalId.get(), request.mti(),
                request.field(11), Masking.pan(pan), amount, currency.getCurrencyCode(), outcome.paymentId(), outcome.status(),
                answer.field(39), outcome.reasons().stream().map(Reason::code).toList());
        return checked(answer, request);
    }

    /** 0400/0401 reversal of an earlier purchase of this terminal, found by field 90 (else its own 11 and 7): 0410. */
    public Iso8583Message reverse(Iso8583Message request) {
        Optional<String> terminalId = terminal(request);
        Optional<String[]> original = original(request);
        if (terminalId.isEmpty() || original.isEmpty()) {
            return refused(request, ResponseCodes.FORMAT_ERROR, "a reversal needs field 41 and field 90 (or 11 and 7)");
        }
        if (!terminals.exists(terminalId.get())) {
            return refused(request, ResponseCodes.NOT_PERMITTED_TO_TERMINAL, "terminal not registered");
        }
        String key = idempotencyKey(terminalId.get(), original.get()[0], original.get()[1]);
        PaymentReversals.Reversal reversal = reversals.reverse(key, new Reason(ReasonCode.REVERSED_BY_TERMINAL.name(),
                "terminal " + terminalId.get() + " reversed the payment (" + request.mti() + ")"));
        String code = switch (reversal.result()) {
            case REVERSED, ALREADY_REVERSED, NOTHING_TO_REVERSE -> ResponseCodes.APPROVED;
            case UNKNOWN -> ResponseCodes.NO_ORIGINAL;
            case BANK_LINK_DOWN -> ResponseCodes.ISSUER_UNAVAILABLE;
        };
        LOG.info("POS {} {} of stan={}: {} payment {} {}", terminalId.get(), request.mti(), original.get()[0], reversal.result(),
                reversal.paymentId(), code);
        return checked(answer(request, code), request);
    }

    /** A response MTI (0110, 0410, ...): nothing to answer, and a terminal that sends one is out of step: close. */
    public Iso8583Message unsupported(Iso8583Message request, Exchange exchange) {
        LOG.warn("POS {} sent {}, which is not a request TapBus answers; closing the connection", terminal(request).orElse("-"),
                request.mti());
        return close(exchange);
    }

    /** A frame that does not decode: 39=30 when its request MTI was readable, else the connection is closed. */
    public Iso8583Message rejected(RejectedMessage rejected, Exchange exchange) {
        Optional<Iso8583Message> answer = rejected.formatErrorResponse();
        LOG.warn("POS frame of {} bytes rejected: {}{}", rejected.frameLength(), rejected.reason(),
                answer.isPresent() ? "" : " (no request MTI: closing the connection)");
        return answer.orElseGet(() -> close(exchange));
    }

    /** Any failure while answering a decoded request: 39=96 (system malfunction); the connection stays up. */
    public Iso8583Message failure(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Iso8583Message request = exchange.getProperty(REQUEST, Iso8583Message.class);
        if (cause instanceof DomainError de && request != null && Iso8583Matching.isRequest(request.mti())) {
            String code = PosResponseCodes.of(de);
            LOG.warn("POS request {} stan={} refused: {} ({}), 39={}", request.mti(), request.field(11), de.code(), de.getMessage(), code);
            return checked(answer(request, code), request);
        }
        // exception messages can carry bound values: the classes only, the whole exception at DEBUG
        LOG.error("POS request {} failed: {}", request == null ? "-" : request.mti(), describe(cause));
        LOG.debug("POS request failed", cause);
        if (request == null || !Iso8583Matching.isRequest(request.mti())) {
            return close(exchange);
        }
        return checked(answer(request, ResponseCodes.SYSTEM_MALFUNCTION), request);
    }

    // ---- helpers ----

    static String idempotencyKey(String terminal, String stan, String transmissionTime) {
        return "pos:" + terminal + ":" + stan + ":" + transmissionTime;
    }

    /** The response MTI with the echoed fields and field 39. */
    private static Iso8583Message answer(Iso8583Message request, String code) {
        Iso8583Message answer = Iso8583Message.of(Iso8583Matching.responseMti(request.mti()).orElseThrow());
        for (int field : ECHOED) {
            if (request.has(field)) {
                answer = answer.with(field, request.field(field));
            }
        }
        return answer.with(FormatErrorResponse.RESPONSE_CODE, code);
    }

    private Iso8583Message refused(Iso8583Message request, String code, String why) {
        LOG.warn("POS {} {} stan={} refused {}: {}", terminal(request).orElse("-"), request.mti(), request.field(11), code, why);
        return checked(answer(request, code), request);
    }

    /** An answer that will encode: one that does not (a bug) becomes a bare 39=96. */
    private Iso8583Message checked(Iso8583Message answer, Iso8583Message request) {
        try {
            codec.encode(answer);
            return answer;
        } catch (Iso8583Exception e) {
            LOG.error("POS answer {} does not encode ({}); answering 96", answer.mti(), e.getMessage());
            Iso8583Message bare = Iso8583Message.of(answer.mti()).with(39, ResponseCodes.SYSTEM_MALFUNCTION);
            return request.has(11) ? bare.with(11, request.field(11)) : bare;
        }
    }

    private static Iso8583Message close(Exchange exchange) {
        exchange.getMessage().setHeader(NettyConstants.NETTY_CLOSE_CHANNEL_WHEN_COMPLETE, true);
        return null;
    }

    private static Optional<String> terminal(Iso8583Message request) {
        String id = request.field(41);
        return id == null || id.isBlank() ? Optional.empty() : Optional.of(id.strip());
    }

    private static boolean has(Iso8583Message request, int... anyOf) {
        for (int field : anyOf) {
            if (request.has(field)) {
                return true;
            }
        }
        return false;
    }

    /** Field 2, else the PAN of the track 2 data (field 35, up to the separator). */
    private static String pan(Iso8583Message request) {
        if (request.has(2)) {
            return request.field(2);
        }
        String track2 = request.field(35);
        int separator = track2.replace('D', '=').indexOf('=');
        return separator < 0 ? null : track2.substring(0, separator);
    }

    private static Currency currency(String field49) {
        if (field49.matches("[0-9]{3}")) {
            return BY_NUMERIC.get(field49);
        }
        try {
            return Currency.getInstance(field49);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {original STAN, original transmission time} from field 90 (MTI 4, STAN 6, time 10, ...), else fields 11 and 7. */
    private static Optional<String[]> original(Iso8583Message reversal) {
        String data = reversal.field(Iso8583Matching.ORIGINAL_DATA);
        if (data != null) {
            return Optional.of(new String[] {data.substring(4, 10), data.substring(10, 20)});
        }
        if (reversal.has(11) && reversal.has(7)) {
            return Optional.of(new String[] {reversal.field(11), reversal.field(7)});
        }
        return Optional.empty();
    }

    private static String describe(Throwable cause) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = cause; t != null && sb.length() < 300; t = t.getCause()) {
            sb.append(sb.length() > 0 ? " <- " : "").append(t.getClass().getName());
        }
        return sb.length() == 0 ? "unknown" : sb.toString();
    }
}
