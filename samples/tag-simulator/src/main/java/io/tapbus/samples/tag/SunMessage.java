package io.tapbus.samples.tag;

import io.tapbus.connector.tag.SdmMac;
import java.util.HexFormat;

/**
 * The three SUN parts a tag mirrors into its URL, as upper-case hex: encrypted PICCData, the optional encrypted file
 * data ({@code enc}, null when there is none) and the 8-byte SDMMAC.
 */
public record SunMessage(String piccData, String enc, String cmac) {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /**
     * The URL a phone opens: {@code base?picc_data=..[&enc=..]&cmac=..} (with {@code &} instead of {@code ?} when the
     * base already has a query). The parameter order and names are those of AN12196 §3.4.3.1; the MAC input rule of
     * docs/tag-sun.md ("{@code <enc>&cmac=}", or empty without enc) relies on {@code cmac} directly following
     * {@code enc}.
     */
    public String toUrl(String base) {
        StringBuilder url = new StringBuilder(base);
        url.append(base.indexOf('?') < 0 ? '?' : '&');
        url.append("picc_data=").append(piccData);
        if (enc != null) {
            url.append("&enc=").append(enc);
        }
        url.append("&cmac=").append(cmac);
        return url.toString();
    }

    /** The same message with the lowest bit of the first SDMMAC byte flipped: a forgery the verifier must refuse. */
    public SunMessage forged() {
        byte[] mac = HexFormat.of().parseHex(cmac);
        if (mac.length != SdmMac.LENGTH) {
            throw new IllegalStateException("an SDMMAC is " + SdmMac.LENGTH + " bytes");
        }
        mac[0] ^= 0x01;
        return new SunMessage(piccData, enc, HEX.formatHex(mac));
    }
}
