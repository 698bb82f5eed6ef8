package io.tapbus.samples.bank;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.tapbus.connector.bank.Iso8583Message;
import io.tapbus.connector.bank.RejectedMessage;
import io.tapbus.connector.bank.ResponseCodes;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Answers each decoded request as {@link BankHost} decides, in the current {@link Behaviour}: at once, after a delay,
 * never, or by closing the connection. A message that does not decode is answered with response code 30 when its MTI
 * was readable as a request, else the connection is closed (the stream can no longer be trusted).
 */
final class BankServerHandler extends SimpleChannelInboundHandler<Object> {

    private final BankHost host;
    private final Behaviour behaviour;
    private final Journal journal;
    private final Consumer<String> log;

    BankServerHandler(BankHost host, Behaviour behaviour, Journal journal, Consumer<String> log) {
        this.host = host;
        this.behaviour = behaviour;
        this.journal = journal;
        this.log = log;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Iso8583Message request) {
            log.accept("<- " + request);
            Optional<Iso8583Message> answer = host.answer(request);
            if (answer.isEmpty()) {
                log.accept("   (not a request: no answer)");
                return;
            }
            send(ctx, answer.get());
        } else if (msg instanceof RejectedMessage rejected) {
            rejected(ctx, rejected);
        }
    }

    private void send(ChannelHandlerContext ctx, Iso8583Message answer) {
        Mode mode = behaviour.mode();
        if (mode == Mode.TIMEOUT) {
            log.accept("   (timeout mode: " + answer.mti() + " not sent)");
            return;
        }
        if (mode == Mode.DISCONNECT) {
            log.accept("   (disconnect mode: closing instead of sending " + answer.mti() + ")");
            ctx.close();
            return;
        }
        long delay = behaviour.delayMillis();
        if (delay <= 0) {
            write(ctx, answer);
        } else {
            ctx.executor().schedule(() -> write(ctx, answer), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void write(ChannelHandlerContext ctx, Iso8583Message answer) {
        log.accept("-> " + answer);
        ctx.writeAndFlush(answer).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    private void rejected(ChannelHandlerContext ctx, RejectedMessage rejected) {
        log.accept("<- unreadable message: " + rejected.reason());
        Optional<Iso8583Message> formatError = rejected.formatErrorResponse();
        journal.add(new JournalEntry(JournalEntry.Kind.FORMAT_ERROR,
                rejected.error().partial().map(Iso8583Message::mti).orElse(null), null, null, null, null,
                formatError.isPresent() ? ResponseCodes.FORMAT_ERROR : null, Instant.now()));
        if (formatError.isPresent()) {
            write(ctx, formatError.get());
        } else {
            log.accept("   (no request MTI to answer: closing the connection)");
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.accept("   connection error: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
        ctx.close();
    }
}
