package io.deepedge.hw.rpc;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import java.util.concurrent.Executor;

/** Adds {@code authorization: Bearer <token>} to every call of a stub it is attached to. */
public final class TokenCredentials extends CallCredentials {
    private final Token token;

    public TokenCredentials(Token token) {
        this.token = token;
    }

    @Override
    public void applyRequestMetadata(RequestInfo requestInfo, Executor appExecutor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        headers.put(TokenAuthInterceptor.AUTHORIZATION, token.headerValue());
        applier.apply(headers);
    }

    @Override
    public String toString() {
        return "TokenCredentials[" + token + "]";
    }
}
