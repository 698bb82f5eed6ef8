package io.tapbus.connector.bank;

import io.tapbus.connector.common.Hex;
import java.util.Map;
import java.util.TreeMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.packager.ISO87APackager;
import org.jpos.iso.packager.ISO87BPackager;

/**
 * jPOS (test scope only, AGPL) as the reference packer: our messages as jPOS {@link ISOMsg}s and back. Values of b
 * fields are bytes in jPOS and hex in {@link Iso8583Message}; everything else is the same string.
 */
final class Jpos {

    private Jpos() {
    }

    /** jPOS's packager for one of our layouts: ascii/iso87a, binary/iso87b. */
    static ISOPackager packager(String layout) {
        return switch (layout) {
            case "ascii", "iso87a" -> new ISO87APackager();
            case "binary", "iso87b" -> new ISO87BPackager();
            default -> throw new IllegalArgumentException("no jPOS packager for " + layout);
        };
    }

    static ISOMsg toJpos(Iso8583Message message, Iso8583Packager layout) throws ISOException {
        ISOMsg m = new ISOMsg(message.mti());
        for (Map.Entry<Integer, String> field : message.fields().entrySet()) {
            if (layout.field(field.getKey()).type() == FieldType.B) {
                m.set(field.getKey(), Hex.parse(field.getValue()));
            } else {
                m.set(field.getKey(), field.getValue());
            }
        }
        return m;
    }

    static byte[] pack(Iso8583Message message, String layout) throws ISOException {
        ISOMsg m = toJpos(message, Iso8583Packager.named(layout));
        m.setPackager(packager(layout));
        return m.pack();
    }

    static ISOMsg unpack(byte[] bytes, String layout) throws ISOException {
        ISOMsg m = new ISOMsg();
        m.setPackager(packager(layout));
        m.unpack(bytes);
        return m;
    }

    /** What jPOS unpacked, in our form: b fields as upper-case hex. */
    static Iso8583Message fromJpos(ISOMsg m) throws ISOException {
        TreeMap<Integer, String> fields = new TreeMap<>();
        for (int i = 2; i <= m.getMaxField(); i++) {
            ISOComponent c = m.getComponent(i);
            if (c != null) {
                fields.put(i, c.getValue() instanceof byte[] bytes ? Hex.of(bytes) : (String) c.getValue());
            }
        }
        return new Iso8583Message(m.getMTI(), fields);
    }
}
