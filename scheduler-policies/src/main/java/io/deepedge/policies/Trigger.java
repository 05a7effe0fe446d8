package io.deepedge.policies;

/** Why the mechanism asks the policy for a plan. */
public enum Trigger {
    JOB_SUBMITTED("job-submitted"),
    DEVICE_FAILED("device-failed"),
    DEVICE_RECOVERED("device-recovered"),
    LOAD_CHANGED("load-changed");

    private final String id;

    Trigger(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
