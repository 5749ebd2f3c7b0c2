package dev.codexauth.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** An upstream stub's answer sent at the pace a test chooses: the headers at once, then the body in pieces. */
public final class PacedAnswer {

    private PacedAnswer() {
    }

    /** Sends {@code body} {@code chunkBytes} at a time, {@code pauseMillis} apart; a client that gives up ends it. */
    public static void send(HttpExchange exchange, byte[] body, int chunkBytes, long pauseMillis) throws IOException {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int sent = 0; sent < body.length; sent += chunkBytes) {
                out.write(body, sent, Math.min(chunkBytes, body.length - sent));
                out.flush();
                Thread.sleep(pauseMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientLeft) {
            // the client gave up: what these tests want
        }
    }
}
