package io.tapbus.samples.reader.pcsc;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * Command APDUs for comparing two implementations of the TapBus card: mostly the commands of a payment with sensible
 * or slightly wrong parameters, so that whole payments happen (ATC, cryptograms, ARPC checks, writes), and some noise.
 * javax.smartcardio refuses commands under 4 bytes and MANAGE CHANNEL, and rewrites the channel bits of an
 * interindustry CLA, so classes are 00, 80 or a proprietary one (bit 8 set) it leaves alone.
 */
final class CardCommandMix {

    private static final byte[] AID = HexFormat.of().parseHex("F054415042555301");
    private static final int[] CLASSES = {0x00, 0x80, 0x84, 0xA0};

    private CardCommandMix() {
    }

    static byte[] next(Random random) {
        return switch (random.nextInt(12)) {
            case 0, 1 -> apdu(cla(random, 0x00), 0xA4, often(random, 0x04), often(random, 0x00),
                    random.nextInt(6) == 0 ? bytes(random, random.nextInt(9)) : AID, random.nextBoolean());
            case 2, 3 -> apdu(cla(random, 0x80), 0xA8, often(random, 0), often(random, 0),
                    random.nextInt(5) == 0 ? bytes(random, random.nextInt(4)) : new byte[] {(byte) 0x83, 0}, true);
            case 4 -> apdu(cla(random, 0x00), 0xB2, often(random, 1), often(random, random.nextBoolean() ? 0x0C : 0x14),
                    new byte[0], true);
            case 5 -> apdu(cla(random, 0x80), 0xCA, random.nextBoolean() ? 0x9F : 0xDF,
                    random.nextBoolean() ? 0x36 : 0x51, new byte[0], true);
            case 6, 7 -> apdu(cla(random, 0x80), 0xAE, random.nextInt(8) == 0 ? random.nextInt(256)
                    : new int[] {0x00, 0x40, 0x80}[random.nextInt(3)], often(random, 0),
                    bytes(random, random.nextInt(8) == 0 ? random.nextInt(40) : 29), true);
            case 8 -> apdu(cla(random, 0x00), 0x82, often(random, 0), often(random, 0),
                    bytes(random, random.nextInt(6) == 0 ? random.nextInt(20) : 8), false);
            case 9 -> apdu(cla(random, 0x00), 0xDC, often(random, 1), often(random, 0x14),
                    random.nextBoolean() ? HexFormat.of().parseHex("7007DF51040000" + "%04X".formatted(
                            random.nextInt(0x10000))) : bytes(random, random.nextInt(12)), false);
            case 10 -> truncatedOrExtended(random);
            default -> {
                byte[] noise = bytes(random, 4 + random.nextInt(20));
                noise[0] = (byte) CLASSES[random.nextInt(CLASSES.length)];
                noise[1] = noise[1] == 0x70 ? 0x71 : noise[1];
                yield noise;
            }
        };
    }

    private static byte[] truncatedOrExtended(Random random) {
        byte[] select = apdu(0x00, 0xA4, 0x04, 0x00, AID, true);
        if (random.nextBoolean()) {
            return Arrays.copyOf(select, 4 + random.nextInt(select.length - 4));
        }
        byte[] extended = new byte[7 + AID.length];
        extended[1] = (byte) 0xA4;
        extended[2] = 0x04;
        extended[6] = (byte) AID.length;
        System.arraycopy(AID, 0, extended, 7, AID.length);
        return extended;
    }

    private static byte[] apdu(int cla, int ins, int p1, int p2, byte[] data, boolean le) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) cla, (byte) ins, (byte) p1, (byte) p2});
        if (data.length > 0) {
            out.write(data.length);
            out.writeBytes(data);
        }
        if (le) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static int cla(Random random, int usual) {
        return random.nextInt(10) == 0 ? CLASSES[random.nextInt(CLASSES.length)] : usual;
    }

    private static int often(Random random, int usual) {
        return random.nextInt(8) == 0 ? random.nextInt(256) : usual;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] b = new byte[length];
        random.nextBytes(b);
        return b;
    }
}
