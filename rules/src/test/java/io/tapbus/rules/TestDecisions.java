package io.tapbus.rules;

import io.tapbus.rules.tap.AccountStatus;
import io.tapbus.rules.tap.CardStatus;
import io.tapbus.rules.tap.TapAuthorizationInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped decisions (the module's decisions/ folder) and ways to change a copy of them. */
public final class TestDecisions {
    public static final Path SHIPPED = Path.of("decisions");
    public static final String TAP = DecisionCatalog.TAP_AUTHORIZE;

    private TestDecisions() {
    }

    /** Copies the shipped decisions into target and returns target. */
    public static Path copyShipped(Path target) {
        try (Stream<Path> walk = Files.walk(SHIPPED)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path copy = target.resolve(SHIPPED.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path tapFile(Path decisionsDir, String name) {
        return decisionsDir.resolve(TAP).resolve(name);
    }

    /** Replaces text that must occur exactly once in the file. */
    public static void replaceOnce(Path file, String from, String to) {
        String text = read(file);
        assertThat(text.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of %s in %s", from, file).hasSize(2);
        write(file, text.replace(from, to));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tap that the shipped rules approve: active card, open account, 3.50 CNY, plenty of balance. */
    public static TapAuthorizationInput tap(long amountMinor) {
        TapAuthorizationInput tap = new TapAuthorizationInput();
        tap.setReaderId("RDR-TEST-1");
        tap.setMerchantId("M-TEST-1");
        tap.setMerchantCategory("5411");
        tap.setCardUid("04AABBCCDDEEFF");
        tap.setCardStatus(CardStatus.ACTIVE);
        tap.setAccountStatus(AccountStatus.OPEN);
        tap.setBalanceMinor(1_000_000);
        tap.setAmountMinor(amountMinor);
        tap.setCurrency("CNY");
        tap.setDailySpentMinor(0);
        return tap;
    }
}
