package io.tapbus.runtime.jpos;

import io.tapbus.connector.bank.Iso8583Message;
import java.util.HexFormat;
import java.util.TreeMap;
import org.jpos.iso.ISOComponent;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/** jPOS messages in TapBus's form: the same MTI and values, binary fields as upper-case hex. */
public final class JposMessages {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private JposMessages() {
    }

    public static Iso8583Message ours(ISOMsg m) throws ISOException {
        TreeMap<Integer, String> fields = new TreeMap<>();
        for (int i = 2; i <= m.getMaxField(); i++) {
            ISOComponent c = m.getComponent(i);
            if (c != null) {
                fields.put(i, c.getValue() instanceof byte[] b ? HEX.formatHex(b) : (String) c.getValue());
            }
        }
        return new Iso8583Message(m.getMTI(), fields);
    }
}
