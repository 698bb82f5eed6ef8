package io.tapbus.connector.tag;

/**
 * The TagTamper status of an NTAG 424 DNA TT: two ASCII letters, the permanent status then the current status of
 * the tamper loop, each {@code C} (closed), {@code O} (open) or {@code I} (invalid: TagTamper not enabled yet).
 * {@code CC} is an intact loop; {@code OC} a loop that was opened once and is closed now; {@code OO} an open loop.
 *
 * <p>The tag mirrors it at TTStatusOffset. When that offset lies inside the SDMENCFileData placeholder (the
 * usual set-up: TTStatusOffset = SDMENCOffset), the two letters are part of the encrypted file data and appear
 * after decryption; otherwise they are mirrored in plain and {@link #parse(String)} reads them.
 */
public record TagTamperStatus(char permanent, char current) {

    public TagTamperStatus {
        if (!isStatusLetter(permanent) || !isStatusLetter(current)) {
            throw new IllegalArgumentException("TagTamper status letters are C, O or I");
        }
    }

    /** Reads the two status letters from {@code fileData} at {@code offset}. */
    public static TagTamperStatus fromFileData(byte[] fileData, int offset) throws SunException {
        if (offset < 0 || offset + 2 > fileData.length) {
            throw new SunException("the TagTamper offset " + offset + " is outside the " + fileData.length
                    + " bytes of decrypted file data");
        }
        char permanent = (char) (fileData[offset] & 0xFF);
        char current = (char) (fileData[offset + 1] & 0xFF);
        if (!isStatusLetter(permanent) || !isStatusLetter(current)) {
            throw new SunException(String.format("the file data at TagTamper offset %d holds %02X %02X, not two of"
                    + " C, O, I: TTStatusOffset is not where this offset says", offset, fileData[offset] & 0xFF,
                    fileData[offset + 1] & 0xFF));
        }
        return new TagTamperStatus(permanent, current);
    }

    /** Reads a plainly mirrored status such as {@code CC}. */
    public static TagTamperStatus parse(String text) throws SunException {
        if (text == null || text.length() != 2 || !isStatusLetter(text.charAt(0)) || !isStatusLetter(text.charAt(1))) {
            throw new SunException("a TagTamper status is two letters out of C, O, I");
        }
        return new TagTamperStatus(text.charAt(0), text.charAt(1));
    }

    /** The two letters as the tag mirrors them, e.g. {@code CC}. */
    public String code() {
        return "" + permanent + current;
    }

    /** True when the loop has never been seen open since TagTamper was enabled and is closed now. */
    public boolean intact() {
        return permanent == 'C' && current == 'C';
    }

    private static boolean isStatusLetter(char c) {
        return c == 'C' || c == 'O' || c == 'I';
    }
}
