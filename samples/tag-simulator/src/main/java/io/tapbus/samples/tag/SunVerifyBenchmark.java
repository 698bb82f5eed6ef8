package io.tapbus.samples.tag;

import io.tapbus.connector.tag.SunException;
import io.tapbus.connector.tag.SunMode;
import io.tapbus.connector.tag.SunResult;
import io.tapbus.connector.tag.SunVerifier;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bare SUN verification rate: decrypt PICCData, derive the session keys, check SDMMAC, decrypt the file data,
 * for one message, on one thread. {@code bin/tapbus tag-sim jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SunVerifyBenchmark {
    @Param({"AES", "LRP"})
    public String mode;

    @Param({"false", "true"})
    public boolean withFileData;

    private SunVerifier verifier;
    private SunMessage message;
    private String macInput;

    @Setup
    public void setUp() throws SunException {
        SecureRandom random = new SecureRandom();
        byte[] meta = new byte[16];
        byte[] file = new byte[16];
        byte[] uid = new byte[7];
        random.nextBytes(meta);
        random.nextBytes(file);
        random.nextBytes(uid);
        SunMode sunMode = SunMode.valueOf(mode);
        verifier = new SunVerifier(sunMode, meta, file);
        message = new SunMessageWriter(sunMode, meta, file).write(uid, 42,
                withFileData ? SunMessageWriter.padFileData("lot 2026-11 CC") : null);
        macInput = SunVerifier.defaultMacInput(message.enc());
        if (!verifier.verifyEncrypted(message.piccData(), message.enc(), message.cmac(), macInput).macValid()) {
            throw new IllegalStateException("the benchmark's own message does not verify");
        }
    }

    @Benchmark
    public SunResult verify() throws SunException {
        return verifier.verifyEncrypted(message.piccData(), message.enc(), message.cmac(), macInput);
    }
}
