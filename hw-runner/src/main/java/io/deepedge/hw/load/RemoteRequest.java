package io.deepedge.hw.load;

/**
 * One LC request a {@link RemoteLoadGenerator} sent, in seconds since the run's {@link RunClock} origin, all
 * read in the generator's process.
 *
 * @param index the request's number in its arrival schedule (0, 1, ...)
 * @param arrivalSec its SCHEDULED arrival: latency is measured from here
 * @param sentSec when the generator got round to sending it ({@code >= arrivalSec})
 * @param endSec when its reply arrived at the generator (NaN while none has)
 * @param failure why it failed (the gRPC status code and description), or null
 */
public record RemoteRequest(long index, double arrivalSec, double sentSec, double endSec, String failure) {
    /** Answered successfully. */
    public boolean finished() {
        return failure == null && !Double.isNaN(endSec);
    }

    public boolean failed() {
        return failure != null;
    }

    /** Scheduled arrival to reply at the client (NaN unless finished). */
    public double latencySec() {
        return finished() ? endSec - arrivalSec : Double.NaN;
    }
}
