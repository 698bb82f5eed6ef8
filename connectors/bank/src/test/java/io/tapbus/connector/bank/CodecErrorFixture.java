package io.tapbus.connector.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

/**
 * What the codec error tests share: both standard packagers, a small layout for fields a layout does not define, a
 * good ascii 0200 to break, and the checks that decoding or encoding fails (never showing the PAN).
 */
abstract class CodecErrorFixture {
    static final Iso8583Codec ASCII = Iso8583Codec.named("ascii");
    static final Iso8583Codec BINARY = Iso8583Codec.named("binary");
    static final String PAN = "4761739001010010";
    /** A small layout with fields 2, 3, 11 and 41 only, for fields a layout does not define. */
    static final Iso8583Codec SMALL = small();

    static Iso8583Codec small() {
        String json = "{\"name\":\"small\",\"encoding\":\"ascii\",\"messageTypes\":[\"0200\",\"0800\"],\"fields\":["
                + "{\"field\":2,\"type\":\"n\",\"format\":\"LLVAR\",\"length\":19,\"name\":\"primary account number\"},"
                + "{\"field\":3,\"type\":\"n\",\"format\":\"fixed\",\"length\":6,\"name\":\"processing code\"},"
                + "{\"field\":11,\"type\":\"n\",\"format\":\"fixed\",\"length\":6,\"name\":\"stan\"},"
                + "{\"field\":41,\"type\":\"ans\",\"format\":\"fixed\",\"length\":8,\"name\":\"terminal\"}]}";
        try {
            return new Iso8583Codec(Iso8583Packager.load(new java.io.ByteArrayInputStream(
                    json.getBytes(StandardCharsets.UTF_8))));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An ascii 0200 with fields 2, 3, 11 and 41: bitmap 6020000000800000. */
    static String ascii0200(String bitmap, String field2, String field3, String field11, String field41) {
        return "0200" + bitmap + field2 + field3 + field11 + field41;
    }

    static final String GOOD = ascii0200("6020000000800000", "16" + PAN, "000000", "000123", "TAPBUS01");

    static Iso8583Exception decodeFails(Iso8583Codec codec, byte[] bytes) {
        Iso8583Exception e = catchThrowableOfType(Iso8583Exception.class, () -> codec.decode(bytes));
        assertThat(e).as("decoding should fail").isNotNull();
        assertThat(e.getMessage()).doesNotContain(PAN).doesNotContain(PAN.substring(6));
        return e;
    }

    static Iso8583Exception decodeFails(String asciiText) {
        return decodeFails(ASCII, asciiText.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Iso8583Exception encodeFails(Iso8583Codec codec, Iso8583Message message) {
        Iso8583Exception e = catchThrowableOfType(Iso8583Exception.class, () -> codec.encode(message));
        assertThat(e).as("encoding should fail").isNotNull();
        return e;
    }
}
