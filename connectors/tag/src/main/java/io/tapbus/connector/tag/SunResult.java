package io.tapbus.connector.tag;

/**
 * The outcome of verifying one SUN message.
 *
 * @param uidHex      the tag UID in upper-case hex; null when the tag does not mirror it or the PICCData could not
 *                    be decrypted to a valid PICCDataTag
 * @param readCounter SDMReadCtr; -1 when the tag does not mirror it or the PICCData could not be decrypted
 * @param macValid    whether the SDMMAC matches; everything else is only meaningful when this is true
 * @param fileDataHex the decrypted SDMENCFileData in upper-case hex; null when the message has none or when the
 *                    MAC is not valid (unauthenticated data is never decrypted)
 * @param tagTamper   the TagTamper status letters (e.g. {@code CC}) when the verifier was told where they are
 *                    mirrored and the MAC is valid; null otherwise
 */
public record SunResult(String uidHex, int readCounter, boolean macValid, String fileDataHex, String tagTamper) {

    static SunResult notAuthentic(PiccData picc) {
        return picc == null ? new SunResult(null, -1, false, null, null)
                : new SunResult(picc.uidHex(), picc.readCounter(), false, null, null);
    }
}
