package io.tapbus.runtime.phone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tapbus.connector.ota.CommandPacket;
import io.tapbus.connector.ota.SmsDataDownload;
import io.tapbus.runtime.BusProcess;
import io.tapbus.runtime.RunningBus;
import io.tapbus.runtime.demo.DemoSeeder;
import io.tapbus.runtime.keys.KeyVault;
import io.tapbus.runtime.ota.OtaKeyRing;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.SubmitSm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGKILLs a bus process while four clients send OTA updates to one card on two key sets (AES and triple DES) and
 * its outbox submits them to an SMSC (jSMPP's server API on a loopback port, in this JVM), then starts it again on the
 * same data. Every packet the SMSC got is decoded with the card's keys: no counter appears twice on the wire for a
 * key set, and the first update after the restart has a counter above every counter answered or sent before.
 */
class OtaCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path data = Path.of("target", "ota-crash-" + System.nanoTime()).toAbsolutePath();
    private final int smscPort = RunningBus.freePort();
    private Process bus;

    @AfterEach
    void kill() {
        if (bus != null) {
            bus.destroyForcibly();
        }
    }

    @Test
    void killedWhileSendingUpdatesNoCounterIsUsedTwice() throws Exception {
        Map<String, String> settings = Map.of("tapbus.smsc.local.port", String.valueOf(smscPort),
                "tapbus.smsc.local.reconnect-first-ms", "100", "tapbus.smsc.local.reconnect-max-ms", "500",
                "tapbus.phone.poll-ms", "50");
        OtaKeyRing ring = new OtaKeyRing(KeyVault.readHexKeyFile(RunningBus.HOME.resolve(
                "config/demo-keys/ota-master.hex"), 16), OtaKeyRing.parseKeySets("1:aes, 2:3des"));
        String admin = RunningBus.adminToken();
        Map<Integer, List<Long>> answered = new ConcurrentHashMap<>();
        try (LoopbackSmsc smsc = new LoopbackSmsc(smscPort)) {
            BusProcess first = new BusProcess(data, settings);
            bus = first.start();
            awaitRoutes(first.httpPort, admin);
            AtomicInteger count = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            for (int c = 0; c < 4; c++) {
                int keySet = 1 + c % 2;
                clients.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        try {
                            long counter = send(first.httpPort, admin, keySet);
                            answered.computeIfAbsent(keySet, k -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(counter);
                            count.incrementAndGet();
                        } catch (Exception killed) {
                            return;
                        }
                    }
                });
            }
            long until = System.currentTimeMillis() + 60_000;
            while (count.get() < 40 && System.currentTimeMillis() < until) {
                Thread.sleep(5);
            }
            assertThat(count.get()).isGreaterThanOrEqualTo(40);
            bus.destroyForcibly().waitFor();
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            BusProcess second = new BusProcess(data, settings);
            bus = second.start();
            awaitRoutes(second.httpPort, admin);
            Thread.sleep(1000); // the restarted bus sends what was queued and not yet taken
            Map<Integer, List<Long>> wire = onTheWire(smsc, ring);
            for (int keySet = 1; keySet <= 2; keySet++) {
                List<Long> sent = wire.getOrDefault(keySet, List.of());
                assertThat(sent).as("key set %d: counters on the wire", keySet).doesNotHaveDuplicates();
                long highest = java.util.stream.Stream.concat(sent.stream(), answered.get(keySet).stream())
                        .mapToLong(Long::longValue).max().orElseThrow();
                long next = send(second.httpPort, admin, keySet);
                assertThat(next).as("key set %d: first counter after the restart", keySet).isGreaterThan(highest);
                System.out.printf("OTA crash test, key set %d: %d answered before the kill, %d on the wire, next %d%n",
                        keySet, answered.get(keySet).size(), sent.size(), next);
            }
        }
    }

    private static Map<Integer, List<Long>> onTheWire(LoopbackSmsc smsc, OtaKeyRing ring) throws Exception {
        Map<Integer, List<Long>> counters = new ConcurrentHashMap<>();
        for (SubmitSm sm : new ArrayList<>(smsc.submits.values())) {
            assertThat(sm.getProtocolId() & 0xFF).isEqualTo(0x7F);
            byte[] packet = SmsDataDownload.commandPacket(List.of(sm.getShortMessage()));
            int keySet = (packet[5] >> 4) & 0x0F;
            long counter = CommandPacket.decode(packet, ring.keys(DemoSeeder.ACTIVE_CARD, ring.keySet(keySet)))
                    .counter();
            counters.computeIfAbsent(keySet, k -> new ArrayList<>()).add(counter);
        }
        return counters;
    }

    /** The reader port opens before the REST routes have started: wait until the OTA routes answer. */
    private void awaitRoutes(int port, String admin) throws Exception {
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/ota/updates/OTA-none")).header("Authorization", "Bearer " + admin)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (!r.body().contains("no operation")) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private long send(int port, String admin, int keySet) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ota/updates"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"cardUid\":\"" + DemoSeeder.ACTIVE_CARD
                        + "\",\"kind\":\"key\",\"data\":\"0102030405060708\",\"keySet\":" + keySet + "}"))
                .timeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        RunningBus.CONTRACT.assertConforms(request, r);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return Long.parseLong(JSON.readTree(r.body()).path("counter").asText(), 16);
    }
}
