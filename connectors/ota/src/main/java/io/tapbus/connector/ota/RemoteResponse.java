package io.tapbus.connector.ota;

import java.util.Arrays;

/**
 * The additional response data of a proof of receipt in the compact format of ETSI TS 102 226 clause 5.1.2: the
 * number of commands the card executed, the status word of the last one and its response data.
 */
public record RemoteResponse(int numberOfCommands, byte[] lastStatusWord, byte[] lastResponseData) {

    public static RemoteResponse read(byte[] data) throws OtaException {
        if (data.length < 3) {
            throw OtaException.malformed("additional response data of " + data.length + " octets is not a compact"
                    + " remote response (number of commands and a status word: 3 octets at least)");
        }
        return new RemoteResponse(data[0] & 0xFF, Arrays.copyOfRange(data, 1, 3), Arrays.copyOfRange(data, 3,
                data.length));
    }

    public byte[] encode() {
        return CommandPacket.concat(new byte[] {(byte) numberOfCommands}, lastStatusWord, lastResponseData);
    }
}
