package io.tapbus.samples.mmsc;

import io.tapbus.connector.phone.mm7.MmsPart;
import io.tapbus.connector.phone.mm7.ReceivedMms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Writes each accepted MMS to {@code <store>/<message id>/}: every media part under its Content-ID (made a safe file
 * name, with an extension for its type, so that a user can open the QR PNG), the SOAP envelope as
 * {@code submit.xml}, and {@code summary.txt} with the SubmitReq's fields.
 */
final class MessageStore {

    private final Path root;

    MessageStore(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    Path root() {
        return root;
    }

    Path write(String messageId, byte[] envelope, ReceivedMms mms) throws IOException {
        Path dir = Files.createDirectories(root.resolve(messageId));
        Files.write(dir.resolve("submit.xml"), envelope);
        Set<String> names = new HashSet<>();
        for (MmsPart p : mms.parts()) {
            String name = fileName(p);
            while (!names.add(name)) {
                name = "_" + name;
            }
            Files.write(dir.resolve(name), p.content());
        }
        String summary = "transaction: " + mms.submit().transactionId() + "\nmessage id: " + messageId
                + "\nVASP: " + mms.submit().vaspId() + " / " + mms.submit().vasId()
                + "\nservice code: " + mms.submit().serviceCode() + "\nto: " + String.join(", ", mms.submit().to())
                + "\nsubject: " + mms.submit().subject() + "\ndelivery report: " + mms.submit().deliveryReport()
                + "\nparts: " + mms.parts().size() + "\n";
        Files.writeString(dir.resolve("summary.txt"), summary, StandardCharsets.UTF_8);
        return dir;
    }

    static String fileName(MmsPart p) {
        String base = p.contentId().replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "part" + base;
        }
        String type = p.contentType().toLowerCase(Locale.ROOT);
        String extension = type.startsWith("image/png") ? ".png" : type.startsWith("image/gif") ? ".gif"
                : type.startsWith("image/jpeg") ? ".jpg" : type.startsWith("application/smil") ? ".smil"
                : type.startsWith("text/plain") ? ".txt" : ".bin";
        return base.toLowerCase(Locale.ROOT).endsWith(extension) ? base : base + extension;
    }
}
