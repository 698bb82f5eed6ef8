package io.tapbus.runtime.segments;

import io.tapbus.runtime.api.Json;
import io.tapbus.runtime.platform.AuditLog;
import io.tapbus.runtime.platform.UserService;
import io.tapbus.runtime.write.WritePath;
import org.apache.camel.spi.Registry;
import org.jdbi.v3.core.Jdbi;

/** Wires audience segments: the {@code segmentsApi} bean its routes call; the profiles are composed by CommerceWiring. */
public final class SegmentsWiring {
    private SegmentsWiring() {
    }

    public static Segments bind(Registry registry, Jdbi jdbi, WritePath writes, AuditLog audit, UserService users, Json json) {
        Segments segments = new Segments(jdbi, writes, audit);
        registry.bind("segmentsApi", new SegmentsApi(segments, users, json));
        return segments;
    }
}
