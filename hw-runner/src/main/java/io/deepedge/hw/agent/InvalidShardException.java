package io.deepedge.hw.agent;

/** A shard its loader cannot read; the message says what is wrong and what was expected. */
public final class InvalidShardException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidShardException(String message) {
        super(message);
    }
}
