package io.tapbus.samples.load;

import io.netty.handler.codec.http.FullHttpResponse;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.connector.tag.TagVerdict;
import io.tapbus.samples.tag.SunMessageWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --flow scans}: GET of the bus's public scan URL ({@code <api>/scan/<batch>?picc_data=..&cmac=..}) over many HTTP/1.1
 * keep-alive connections, pipelined. As {@code tag-sim bench} does, it first registers, for {@code demo-maker} and with a
 * manufacturer credential it makes with the admin key, a fresh product, an AES batch with random SDM keys and
 * {@code --tags} tags. Tag t belongs to connection t mod connections (so its scans arrive in order), and each scan of a
 * tag carries the next read counter (1, 2, ...); the SUN messages are computed before each step. Must be GENUINE.
 */
final class ScanFlow implements Flow {

    static final byte[] GENUINE = ("\"verdict\":\"" + TagVerdict.GENUINE + "\"").getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final BenchOptions o;
    private final Rest rest;
    private final PrintStream log;
    private final String host;
    private final int port;
    private final String pathPrefix;
    private String batchId;
    private byte[][] uids;
    private int[] counters;
    private int[] laneNextTag;
    private SunMessageWriter writer;
    private long dealt;

    ScanFlow(BenchOptions o, Rest rest, PrintStream log) {
        this.o = o;
        this.rest = rest;
        this.log = log;
        URI api = URI.create(o.api);
        this.host = api.getHost();
        this.port = api.getPort() > 0 ? api.getPort() : 80;
        String path = api.getRawPath() == null ? "" : api.getRawPath();
        this.pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Override
    public OpenLoopEngine.Protocol protocol() {
        return OpenLoopEngine.Protocol.HTTP;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public int connections() {
        return o.connections;
    }

    @Override
    public void setUp() throws IOException {
        String maker = "demo-maker";
        String token = Rest.expect(rest.post("/partners/" + maker + "/credentials", "{\"roles\":[\"manufacturer\"]}"),
                "POST /partners/" + maker + "/credentials", 201).body().path("token").asText();
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        String sku = "LOADGEN-" + run;
        batchId = "B-LOADGEN-" + run;
        SecureRandom random = new SecureRandom();
        byte[] meta = new byte[16];
        byte[] file = new byte[16];
        random.nextBytes(meta);
        random.nextBytes(file);
        try (Rest maker_ = rest.withToken(token)) {
            Rest.expect(maker_.post("/products", "{\"sku\":\"" + sku + "\",\"name\":\"Load generator product\"}"),
                    "POST /products", 201);
            Rest.expect(maker_.post("/tag-batches", "{\"batchId\":\"" + batchId + "\",\"productId\":\"" + maker + ":" + sku
                    + "\",\"mode\":\"AES\",\"metaReadKey\":\"" + HEX.formatHex(meta) + "\",\"fileReadKey\":\""
                    + HEX.formatHex(file) + "\"}"), "POST /tag-batches", 201);
            uids = new byte[o.tags][];
            for (int from = 0; from < o.tags; from += 1000) {
                StringBuilder body = new StringBuilder("{\"tags\":[");
                for (int i = from; i < Math.min(o.tags, from + 1000); i++) {
                    uids[i] = new byte[7];
                    random.nextBytes(uids[i]);
                    uids[i][0] = 0x04;
                    body.append(i == from ? "" : ",").append("{\"uid\":\"").append(HEX.formatHex(uids[i]))
                            .append("\",\"serialNumber\":\"LG-").append(i).append("\"}");
                }
                Rest.expect(maker_.post("/tag-batches/" + batchId + "/tags", body.append("]}").toString()),
                        "POST /tag-batches/{id}/tags", 201);
            }
        }
        counters = new int[o.tags];
        laneNextTag = new int[o.connections];
        for (int l = 0; l < o.connections; l++) {
            laneNextTag[l] = l;
        }
        writer = new SunMessageWriter(SunMode.AES, meta, file);
        log.printf("bench: registered tag batch %s (AES) with %d tags for %s%n", batchId, o.tags, maker);
    }

    /**
     * Writes {@code count} full scan URLs to {@code file}, one per line, tag after tag round the batch, each tag's
     * counter rising: line i uses tag i mod tags, so a generator that deals lines to T threads by i mod T (T dividing
     * the number of tags) keeps every tag on one thread, in counter order.
     */
    void writeUrls(java.nio.file.Path file, int count) throws IOException {
        String base = pathPrefix + "/scan/" + batchId;
        try (java.io.BufferedWriter w = java.nio.file.Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 0; i < count; i++) {
                int tag = i % uids.length;
                w.write("http://" + host + ":" + port + writer.write(uids[tag], ++counters[tag], null).toUrl(base));
                w.newLine();
            }
        }
    }

    /** For tests: a batch and tags the fake server knows. */
    void useBatch(String batch, byte[][] tagUids, SunMessageWriter w) {
        batchId = batch;
        uids = tagUids;
        counters = new int[tagUids.length];
        laneNextTag = new int[o.connections];
        for (int l = 0; l < o.connections; l++) {
            laneNextTag[l] = l;
        }
        writer = w;
    }

    @Override
    public Step prepare(int id, double rate, double seconds, boolean warmUp) {
        int count = Step.requests(rate, seconds);
        int[] lanes = new int[count];
        byte[][] payload = new byte[count][];
        String base = pathPrefix + "/scan/" + batchId;
        String tail = " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n\r\n";
        for (int i = 0; i < count; i++) {
            int lane = (int) (dealt++ % o.connections);
            lanes[i] = lane;
            int tag = laneNextTag[lane];
            if (tag >= uids.length) {
                tag = lane % uids.length; // fewer tags than connections: share
            }
            int next = tag + o.connections;
            laneNextTag[lane] = next < uids.length ? next : lane;
            String url = writer.write(uids[tag], ++counters[tag], null).toUrl(base);
            payload[i] = ("GET " + url + tail).getBytes(StandardCharsets.US_ASCII);
        }
        return new Step(id, rate, seconds, warmUp, lanes, payload, null);
    }

    @Override
    public String check(Step step, int index, int lane, Object reply) {
        FullHttpResponse r = (FullHttpResponse) reply;
        if (r.status().code() != 200) {
            return "HTTP_" + r.status().code();
        }
        var content = r.content();
        if (ReaderFlow.contains(content, content.readerIndex(), content.readableBytes(), GENUINE)) {
            return null;
        }
        try {
            return Rest.JSON.readTree(content.toString(StandardCharsets.UTF_8)).path("verdict").asText("NO_VERDICT");
        } catch (IOException e) {
            return "INVALID_REPLY";
        }
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", o.api + "/scan/" + batchId);
        m.put("connections", o.connections);
        m.put("tags", uids == null ? o.tags : uids.length);
        return m;
    }
}
