package io.deepedge.hw.rpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Refuses every call whose {@code authorization} header is not {@code Bearer <the shared token>} with
 * UNAUTHENTICATED, before any handler runs, and logs the refusal with the method and the peer address, never
 * with what was presented.
 */
public final class TokenAuthInterceptor implements ServerInterceptor {
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String BEARER_PREFIX = "Bearer ";
    private static final System.Logger LOG = System.getLogger(TokenAuthInterceptor.class.getName());
    private static final ServerCall.Listener<Object> NOTHING = new ServerCall.Listener<>() {
    };

    private final Token token;

    public TokenAuthInterceptor(Token token) {
        this.token = token;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                        ServerCallHandler<Q, R> next) {
        String header = headers.get(AUTHORIZATION);
        String problem;
        if (header == null) {
            problem = "missing token (no authorization header)";
        } else if (!header.startsWith(BEARER_PREFIX) || !token.matches(header.substring(BEARER_PREFIX.length()))) {
            problem = "invalid token";
        } else {
            return next.startCall(call, headers);
        }
        LOG.log(System.Logger.Level.WARNING, "refused {0} from {1}: {2}",
                call.getMethodDescriptor().getFullMethodName(),
                call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), problem);
        call.close(Status.UNAUTHENTICATED.withDescription(problem + "; every call must carry the shared token"
                + " (--token-file)"), new Metadata());
        @SuppressWarnings("unchecked")
        ServerCall.Listener<Q> ignore = (ServerCall.Listener<Q>) NOTHING;
        return ignore;
    }
}
