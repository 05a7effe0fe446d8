package io.deepedge.models;

import java.util.Arrays;
import java.util.Optional;

/** Synchronisation topology of data-parallel training. */
public enum Topology {
    PARAMETER_SERVER("parameter-server"),
    RING_ALLREDUCE("ring-allreduce");

    private final String id;

    Topology(String id) {
        this.id = id;
    }

    /** The config key, e.g. {@code ring-allreduce}. */
    public String id() {
        return id;
    }

    public static Optional<Topology> byId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
