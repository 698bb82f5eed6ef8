package io.tapbus.samples.smsc;

import io.tapbus.connector.phone.Alphabet;
import io.tapbus.connector.phone.PhoneCodecException;
import io.tapbus.connector.phone.SmsDecoder;
import io.tapbus.connector.phone.UserDataHeader;
import java.io.ByteArrayOutputStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;

/**
 * Prints each message the SMSC accepts the way a phone would show it: recipient, sender, alphabet and the decoded
 * text, parts of a concatenated message joined by their UDH reference first. Binary messages are printed as hex, a
 * WAP push (UDH destination port 2948) says so. A one-time code in the text gets a line of its own. Nothing is
 * decoded when printing is off (--quiet, --log-every).
 */
final class MessagePrinter {

    private static final int WAP_PUSH_PORT = 2948;
    private static final int MAX_UNFINISHED = 1000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** "code 123456", "验证码：123456", "OTP 1234": 4 to 8 digits after a word that names a code. */
    private static final Pattern CODE = Pattern.compile(
            "(?i)(?:code|otp|passcode|pin|验证码|校验码|动态码)\\D{0,20}?(\\d{4,8})(?!\\d)");

    private record Key(String destination, String source, int reference, int total) {
    }

    private static final class Unfinished {
        final byte[][] payloads;
        final String[] texts;
        final String[] ids;
        int received;

        Unfinished(int total) {
            payloads = new byte[total][];
            texts = new String[total];
            ids = new String[total];
        }
    }

    private final boolean enabled;
    private final Consumer<String> out;
    private final Map<Key, Unfinished> unfinished = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Unfinished> eldest) {
            return size() > MAX_UNFINISHED;
        }
    };

    MessagePrinter(SmscOptions options, Consumer<String> out) {
        this.enabled = !options.quiet() && options.logEvery() == 0;
        this.out = out;
    }

    boolean enabled() {
        return enabled;
    }

    void submitted(String id, SubmitSm submit) {
        if (!enabled) {
            return;
        }
        String to = address(submit.getDestAddrTon(), submit.getDestAddress());
        String from = address(submit.getSourceAddrTon(), submit.getSourceAddr());
        byte[] sm = submit.getShortMessage() == null ? new byte[0] : submit.getShortMessage();
        if (sm.length == 0) {
            OptionalParameter payload = submit.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            if (payload != null) {
                byte[] wire = payload.serialize();
                sm = java.util.Arrays.copyOfRange(wire, 4, wire.length);
            }
        }
        SmsDecoder.Incoming in;
        try {
            in = SmsDecoder.decode(submit.getEsmClass() & 0xFF, submit.getDataCoding() & 0xFF, sm);
        } catch (PhoneCodecException e) {
            print(to, from, "undecodable (" + e.problem() + ", data_coding 0x"
                    + String.format("%02X", submit.getDataCoding()) + ", " + sm.length + " octets)", id, 1, null);
            return;
        }
        Optional<UserDataHeader.Concatenation> concatenation = in.header().concatenation();
        if (concatenation.isEmpty() || concatenation.get().total() <= 1) {
            whole(to, from, in, in.payload(), in.text(), id, 1);
            return;
        }
        UserDataHeader.Concatenation c = concatenation.get();
        Unfinished done;
        synchronized (unfinished) {
            Key key = new Key(to, from, c.reference(), c.total());
            Unfinished u = unfinished.computeIfAbsent(key, k -> new Unfinished(c.total()));
            int i = c.sequence() - 1;
            if (i < 0 || i >= c.total() || u.ids[i] != null) {
                out.accept(time() + " part " + c.sequence() + "/" + c.total() + " to " + to + " (id " + id
                        + ") out of range or repeated, not joined");
                return;
            }
            u.payloads[i] = in.payload();
            u.texts[i] = in.text();
            u.ids[i] = id;
            if (++u.received < c.total()) {
                return;
            }
            unfinished.remove(key);
            done = u;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < c.total(); i++) {
            bytes.writeBytes(done.payloads[i]);
            text.append(done.texts[i] == null ? "" : done.texts[i]);
        }
        whole(to, from, in, bytes.toByteArray(), in.text() == null ? null : text.toString(),
                String.join(",", done.ids), c.total());
    }

    private void whole(String to, String from, SmsDecoder.Incoming in, byte[] payload, String text, String ids, int parts) {
        boolean wap = in.header().ports().map(p -> p.destination() == WAP_PUSH_PORT).orElse(false);
        if (wap) {
            print(to, from, "WAP push, " + payload.length + " octets: " + HexFormat.of().withUpperCase().formatHex(payload),
                    ids, parts, null);
        } else if (text == null || in.alphabet() == Alphabet.EIGHT_BIT) {
            print(to, from, "binary, " + payload.length + " octets: " + HexFormat.of().withUpperCase().formatHex(payload),
                    ids, parts, null);
        } else {
            print(to, from, label(in.alphabet()) + ": " + text, ids, parts, text);
        }
    }

    private void print(String to, String from, String what, String ids, int parts, String text) {
        StringBuilder line = new StringBuilder(time()).append(" SMS to ").append(to).append(" from ").append(from)
                .append(parts > 1 ? " (" + parts + " parts, ids " + ids + ")" : " (id " + ids + ")")
                .append(' ').append(what);
        if (text != null) {
            Matcher m = CODE.matcher(text);
            if (m.find()) {
                line.append(System.lineSeparator()).append("         >>> one-time code ").append(m.group(1))
                        .append(" for ").append(to).append(" <<<");
            }
        }
        out.accept(line.toString());
    }

    private static String label(Alphabet alphabet) {
        return switch (alphabet) {
            case GSM7 -> "GSM 7-bit";
            case UCS2 -> "UCS-2";
            case IA5 -> "IA5";
            case LATIN1 -> "Latin-1";
            case EIGHT_BIT -> "8-bit";
        };
    }

    private static String time() {
        return LocalTime.now().format(TIME);
    }

    /** An address as a person reads it: + before an international number. */
    static String address(byte ton, String address) {
        return ton == 1 && !address.startsWith("+") ? "+" + address : address;
    }
}
