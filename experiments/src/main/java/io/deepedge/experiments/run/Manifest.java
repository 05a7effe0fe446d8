package io.deepedge.experiments.run;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.deepedge.models.Device;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** manifest.json: the resolved config, seed, versions, command line, start and end time of a result directory. */
public final class Manifest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .build();

    private final Map<String, Object> fields = new LinkedHashMap<>();

    /** A manifest starts with the mark that tells a result directory of this tool from a user's folder. */
    public Manifest() {
        fields.put(ResultDirectory.TOOL_FIELD, ResultDirectory.TOOL_MARK);
    }

    public Manifest put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public void write(Path file) throws IOException {
        JSON.writeValue(file.toFile(), fields);
    }

    /** The fields, in insertion order (a read-only view). */
    public Map<String, Object> fields() {
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** {@code value} as indented JSON, as the manifest writes it. */
    public static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    public static Map<String, Object> read(Path file) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(file.toFile(), Map.class);
        return map;
    }

    /** Software versions that can change results. */
    public static Map<String, Object> versions() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("deepedge", versionOf(Manifest.class, "dev"));
        v.put("java", System.getProperty("java.version"));
        v.put("ssj", versionOf(umontreal.ssj.simevents.Simulator.class, "3.3.2"));
        return v;
    }

    private static String versionOf(Class<?> type, String fallback) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? fallback : v;
    }

    /** Arrivals in a line; a recorded trace by its source, size and period rather than every time. */
    static String describe(io.deepedge.models.Arrivals a) {
        if (a instanceof io.deepedge.models.Arrivals.Recorded r) {
            return "Recorded[source=" + r.source() + ", arrivals=" + r.timesSec().size() + ", meanRatePerSec="
                    + r.meanRatePerSec() + ", periodSec=" + r.periodSec() + "]";
        }
        return a.toString();
    }

    /** A scenario as plain maps, every resolved figure included. */
    public static Map<String, Object> describe(Scenario s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("horizonSec", s.horizonSec());
        m.put("serverLink", s.serverLink());
        List<Object> devices = new ArrayList<>();
        for (Device d : s.devices()) {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("name", d.name());
            dm.put("type", d.type());
            dm.put("profile", d.profile());
            dm.put("link", d.link());
            devices.add(dm);
        }
        m.put("devices", devices);
        List<Object> services = new ArrayList<>();
        for (ServiceInstance i : s.services()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("service", i.service());
            sm.put("device", i.device());
            sm.put("arrivals", describe(i.arrivals()));
            sm.put("serviceTime", i.serviceTime().toString());
            sm.put("deadlineMs", i.deadlineMs());
            sm.put("sloQuantile", i.sloQuantile());
            services.add(sm);
        }
        m.put("services", services);
        m.put("training", s.job().orElse(null));
        m.put("failures", s.failures());
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("fromSec", s.metrics().fromSec());
        window.put("toSec", s.metrics().toSec());
        m.put("metrics", window);
        return m;
    }
}
