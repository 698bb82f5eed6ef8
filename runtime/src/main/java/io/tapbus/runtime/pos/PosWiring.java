package io.tapbus.runtime.pos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandler;
import io.tapbus.connector.bank.Iso8583Codec;
import io.tapbus.connector.bank.Iso8583FrameDecoder;
import io.tapbus.connector.bank.Iso8583FrameEncoder;
import io.tapbus.connector.bank.Iso8583Framing;
import io.tapbus.connector.bank.Iso8583Packager;
import io.tapbus.runtime.bank.BankGateway;
import io.tapbus.runtime.db.Database;
import io.tapbus.runtime.events.EventOutbox;
import io.tapbus.runtime.payment.BankGatewayAuthorizer;
import io.tapbus.runtime.payment.PaymentReversals;
import io.tapbus.runtime.payment.PaymentService;
import io.tapbus.runtime.platform.DailySpend;
import io.tapbus.runtime.platform.LedgerService;
import io.tapbus.runtime.write.WritePath;
import io.tapbus.runtime.platform.ReaderRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.component.netty.ChannelHandlerFactory;
import org.apache.camel.component.netty.DefaultChannelHandlerFactory;
import org.apache.camel.spi.Registry;

/**
 * Binds what route pos-ingress names, for PlatformConfiguration (one call, after the payment service and the bank
 * gateway exist): {@code posFrameDecoder} (a connectors/bank {@link Iso8583FrameDecoder} per connection),
 * {@code posFrameEncoder} (sharable), {@code paymentReversals} and {@code posGateway}. The layout is
 * {@code tapbus.pos.packager} (ascii, binary or a variant), framed as {@code tapbus.pos.length-header} (binary2 or ascii4)
 * with or without {@code tapbus.pos.tpdu}.
 */
public final class PosWiring {
    private PosWiring() {
    }

    /** {@code bank}: the started bank gateway, or null when none is configured (bank-funded payments cannot be reversed). */
    public static PosGateway bind(Registry registry, CamelContext context, Database database, PaymentService payments,
                                  ReaderRegistry readers, WritePath writes, LedgerService ledger, DailySpend dailySpend,
                                  EventOutbox outbox, ObjectMapper json, BankGateway bank) {
        String packager = setting(context, "tapbus.pos.packager", Iso8583Packager.DEFAULT);
        Iso8583Codec codec = Iso8583Codec.named(packager.strip());
        Iso8583Framing framing = Iso8583Framing.of(setting(context, "tapbus.pos.length-header", "binary2"),
                setting(context, "tapbus.pos.tpdu", ""));
        PaymentReversals reversals = new PaymentReversals(payments.book(), writes, ledger, dailySpend, outbox,
                bank == null ? null : new BankGatewayAuthorizer(bank));
        PosGateway gateway = new PosGateway(codec, payments, reversals, readers);
        registry.bind("posFrameDecoder", frameDecoder(codec, framing));
        registry.bind("posFrameEncoder", frameEncoder(codec, framing));
        registry.bind("paymentReversals", reversals);
        registry.bind("posGateway", gateway);
        return gateway;
    }

    private static String setting(CamelContext context, String key, String otherwise) {
        return context.getPropertiesComponent().resolveProperty(key).map(context::resolvePropertyPlaceholders)
                .orElse(otherwise);
    }

    /** A new decoder for every connection (it keeps the partial frame of its connection). */
    static ChannelHandlerFactory frameDecoder(Iso8583Codec codec, Iso8583Framing framing) {
        return new DefaultChannelHandlerFactory() {
            @Override
            public ChannelHandler newChannelHandler() {
                return new Iso8583FrameDecoder(codec, framing);
            }

            @Override
            public String toString() {
                return "pos-iso8583-frame-decoder-" + codec.packager().name();
            }
        };
    }

    static ChannelHandler frameEncoder(Iso8583Codec codec, Iso8583Framing framing) {
        return new Iso8583FrameEncoder(codec, framing);
    }
}
