package dev.codexauth.system;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a socket whose local address the test chooses: the JDK client cannot bind one, and the system
 * tests need two kinds of caller on one machine, the trusted proxy (127.0.0.2, which may send X-Forwarded-For)
 * and anybody else (127.0.0.1, whose forwarded headers must be ignored).
 */
public final class RawHttp {

    private RawHttp() {
    }

    public static HttpResult send(String localAddress, int port, String method, String path, Map<String, String> headers, String body) {
        return sendBytes(localAddress, port, method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** The body as given, byte for byte (invalid UTF-8 included). */
    public static HttpResult sendBytes(String localAddress, int port, String method, String path, Map<String, String> headers,
                                       byte[] body) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(60_000);
            byte[] payload = body == null ? new byte[0] : body;
            StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n").append("Connection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            if (body != null && !headers.containsKey("Content-Length")) {
                request.append("Content-Length: ").append(payload.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.write(payload);
                out.flush();
            } catch (IOException stoppedSending) {
                // A server may answer a body it refuses before reading all of it, then close: its answer still counts.
                try {
                    return read(new BufferedInputStream(socket.getInputStream()), method.equals("HEAD"));
                } catch (IOException | RuntimeException noAnswer) {
                    throw stoppedSending;
                }
            }
            // Buffered: the head is parsed a byte at a time, which unbuffered is a system call per byte.
            return read(new BufferedInputStream(socket.getInputStream()), method.equals("HEAD"));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        }
    }

    /** Reads one response from a connection the caller keeps (for tests of what follows on the same connection). */
    public static HttpResult read(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            // Several Set-Cookie lines (a session and its replication version) are kept one per line.
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (first, next) -> first + "\n" + next);
        }
        byte[] body;
        if (head) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                chunks.write(in.readNBytes(size));
                line(in);
            }
            body = chunks.toByteArray();
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new HttpResult(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
