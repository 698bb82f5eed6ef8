package io.tapbus.connector.ota;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A command packet as SMS-PP data download (3GPP TS 31.115 clause 4, TS 23.040): binary short messages with
 * TP-PID 7F (SIM data download) and TP-DCS F6 (8-bit data, class 2), TP-UDHI set. One message carries
 * {@code 02 70 00} (the command packet identifier, IEI 70, empty) and the packet. A packet too long for 140 octets of
 * user data is split: the first message has the concatenation element (IEI 00, 8-bit reference) followed by IEI 70,
 * the others only the concatenation element.
 */
public final class SmsDataDownload {

    /** TP-PID: (U)SIM data download. */
    public static final int PROTOCOL_ID = 0x7F;
    /** TP-DCS: 8-bit data, message class 2 (SIM specific). */
    public static final int DATA_CODING = 0xF6;
    /** TP-UD of one short message, in octets. */
    public static final int MAX_USER_DATA = 140;

    private static final int SINGLE_HEADER = 3;
    private static final int FIRST_HEADER = 8;
    private static final int NEXT_HEADER = 6;

    private SmsDataDownload() {
    }

    /**
     * The TP-UD of each short message for one command packet (from CPL on). {@code reference} (0-255) tells the
     * parts of this packet apart from those of another one to the same card.
     */
    public static List<byte[]> userData(byte[] commandPacket, int reference) throws OtaException {
        if (SINGLE_HEADER + commandPacket.length <= MAX_USER_DATA) {
            return List.of(CommandPacket.concat(cpi(), commandPacket));
        }
        int firstRoom = MAX_USER_DATA - FIRST_HEADER;
        int nextRoom = MAX_USER_DATA - NEXT_HEADER;
        int parts = 1 + (commandPacket.length - firstRoom + nextRoom - 1) / nextRoom;
        if (parts > 255) {
            throw OtaException.malformed("a command packet of " + commandPacket.length + " octets needs " + parts
                    + " short messages; concatenation allows 255");
        }
        List<byte[]> messages = new ArrayList<>(parts);
        int offset = 0;
        for (int part = 1; part <= parts; part++) {
            UserDataHeader.Element concatenation = new UserDataHeader.Element(UserDataHeader.CONCATENATION,
                    new byte[] {(byte) reference, (byte) parts, (byte) part});
            byte[] header = part == 1 ? UserDataHeader.encode(concatenation, cpiElement())
                    : UserDataHeader.encode(concatenation);
            int take = Math.min(MAX_USER_DATA - header.length, commandPacket.length - offset);
            messages.add(CommandPacket.concat(header, Arrays.copyOfRange(commandPacket, offset, offset + take)));
            offset += take;
        }
        return messages;
    }

    /** The reverse: the command packet from the user data of its short messages, in order. */
    public static byte[] commandPacket(List<byte[]> userData) throws OtaException {
        if (userData.isEmpty()) {
            throw OtaException.malformed("no short messages");
        }
        byte[] packet = new byte[0];
        int reference = -1;
        for (int i = 0; i < userData.size(); i++) {
            int part = i + 1;
            byte[] message = userData.get(i);
            UserDataHeader udh = UserDataHeader.read(message);
            if (i == 0 && !udh.has(UserDataHeader.COMMAND_PACKET)) {
                throw OtaException.malformed("the first short message has no command packet identifier (IEI 70)");
            }
            if (userData.size() > 1) {
                byte[] concatenation = udh.element(UserDataHeader.CONCATENATION).orElseThrow(() ->
                        OtaException.malformed("short message " + part + " has no concatenation element")).data();
                if (concatenation.length != 3 || (concatenation[1] & 0xFF) != userData.size()
                        || (concatenation[2] & 0xFF) != i + 1) {
                    throw OtaException.malformed("short message " + (i + 1) + " is not part " + (i + 1) + " of "
                            + userData.size());
                }
                if (reference >= 0 && (concatenation[0] & 0xFF) != reference) {
                    throw OtaException.malformed("short message " + (i + 1) + " belongs to another packet"
                            + " (concatenation reference " + (concatenation[0] & 0xFF) + ", not " + reference + ")");
                }
                reference = concatenation[0] & 0xFF;
            }
            packet = CommandPacket.concat(packet, Arrays.copyOfRange(message, udh.length(), message.length));
        }
        return packet;
    }

    private static byte[] cpi() {
        return UserDataHeader.encode(cpiElement());
    }

    private static UserDataHeader.Element cpiElement() {
        return new UserDataHeader.Element(UserDataHeader.COMMAND_PACKET, new byte[0]);
    }
}
