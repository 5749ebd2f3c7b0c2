package dev.codexauth.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One call to an upstream this server depends on (the auth runner, the OAuth and ChatGPT endpoints, the price list),
 * bounded as a whole: the JDK's request timeout covers only the wait for the answer's headers, so an upstream that
 * sends its headers and then a byte now and then held the calling thread (a host's request, a timer) for as long as it
 * liked, and a body was read whole into memory before any size check. Here the exchange ends at the deadline, and the
 * body is refused as soon as it passes its limit.
 */
public final class UpstreamExchange {

    /** The answer's status and body as received. */
    public record Answer(int status, byte[] bytes) {

        /** The body as UTF-8 text. */
        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private UpstreamExchange() {
    }

    /**
     * @throws HttpTimeoutException when the whole exchange took longer than {@code deadline}
     * @throws IOException          when the upstream failed, or its body passed {@code maxBodyBytes}
     */
    public static Answer send(HttpClient client, HttpRequest request, Duration deadline, int maxBodyBytes)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request, answer -> bounded(maxBodyBytes));
        try {
            HttpResponse<byte[]> response = exchange.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException slow) {
            exchange.cancel(true);
            throw new HttpTimeoutException("no whole answer within " + deadline.toMillis() + " ms");
        } catch (InterruptedException interrupted) {
            exchange.cancel(true);
            throw interrupted;
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
        }
    }

    /** The body, failing (and cancelling the download) once it passes {@code maxBytes}. */
    static HttpResponse.BodySubscriber<byte[]> bounded(int maxBytes) {
        return new HttpResponse.BodySubscriber<>() {
            private final ByteArrayOutputStream received = new ByteArrayOutputStream();
            private final CompletableFuture<byte[]> body = new CompletableFuture<>();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<byte[]> getBody() {
                return body;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> buffers) {
                for (ByteBuffer buffer : buffers) {
                    if (received.size() + buffer.remaining() > maxBytes) {
                        subscription.cancel();
                        body.completeExceptionally(new IOException("the answer is larger than " + maxBytes + " bytes"));
                        return;
                    }
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    received.writeBytes(bytes);
                }
            }

            @Override
            public void onError(Throwable failure) {
                body.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                body.complete(received.toByteArray());
            }
        };
    }
}
