package io.deepedge.hw.rpc;

import io.deepedge.hw.rpc.v1.ProtocolVersion;
import io.grpc.Status;
import java.util.Optional;

/** The wire protocol's version and the one rule both sides apply to a peer's: same major version or refuse. */
public final class ProtocolVersions {
    /** Bumped when a message changes meaning or a field is removed; peers of another major refuse each other. */
    public static final int MAJOR = 1;
    /** Bumped when fields or calls are added; older peers ignore what they do not know. */
    public static final int MINOR = 8;

    private ProtocolVersions() {
    }

    public static ProtocolVersion current() {
        return ProtocolVersion.newBuilder().setMajor(MAJOR).setMinor(MINOR).build();
    }

    /**
     * Why a peer's version is refused, or empty when it is compatible. A message without a version is malformed
     * (INVALID_ARGUMENT); another major version is FAILED_PRECONDITION.
     */
    public static Optional<Status> refusal(boolean versionSent, ProtocolVersion peer) {
        if (!versionSent) {
            return Optional.of(Status.INVALID_ARGUMENT.withDescription(
                    "version: missing, expected protocol " + MAJOR + ".x"));
        }
        if (peer.getMajor() != MAJOR) {
            return Optional.of(Status.FAILED_PRECONDITION.withDescription(
                    "version: protocol " + peer.getMajor() + "." + peer.getMinor() + " is not supported, expected "
                            + MAJOR + ".x (this side speaks " + MAJOR + "." + MINOR + "); run the same Deep-Edge"
                            + " version on the coordinator and the agents"));
        }
        return Optional.empty();
    }
}
