package io.tapbus.connector.phone.mm7;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A QR code as a PNG, drawn with ZXing's encoder: error correction level M (15% of the symbol may be damaged), UTF-8
 * text, the quiet zone of 4 modules the standard asks for, black on white, one bit per pixel. A payload too long for
 * a QR code is refused.
 */
public final class QrCode {

    /** The size MMS phones show without scaling, and that MMSCs do not shrink (a few kilobytes). */
    public static final int DEFAULT_PIXELS = 300;

    private QrCode() {
    }

    public static byte[] png(String payload, int pixels) {
        if (payload == null || payload.isEmpty()) {
            throw new IllegalArgumentException("a QR code needs a payload");
        }
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(payload, BarcodeFormat.QR_CODE, pixels, pixels,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                            EncodeHintType.CHARACTER_SET, "UTF-8", EncodeHintType.MARGIN, 4));
        } catch (WriterException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the payload does not fit a QR code (" + payload.length()
                    + " characters)");
        }
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("the JDK's PNG writer failed", e);
        }
        return out.toByteArray();
    }
}
