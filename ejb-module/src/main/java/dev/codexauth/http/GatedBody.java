package dev.codexauth.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request as the gate hands it on: its body cannot be read past the size limit (413), and when a read would
 * wait for the network the body takes one of its client's places among the slow ones ({@link SlowBodies}: 429 when
 * none is left) and must then be in within their timeout (408). {@link #release()} gives the place back.
 */
final class GatedBody extends HttpServletRequestWrapper {

    private final long maxBytes;
    private final SlowBodies slowBodies;
    private final String client;
    private Stream stream;
    /** The parameters of a form body the gate read itself ({@link #readForm()}), query parameters first; else null. */
    private Map<String, String[]> formParameters;

    GatedBody(HttpServletRequest request, long maxBytes, SlowBodies slowBodies, String client) {
        super(request);
        this.maxBytes = maxBytes;
        this.slowBodies = slowBodies;
        this.client = client;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Stream(super.getInputStream());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
    }

    private Charset charset() {
        String encoding = getCharacterEncoding();
        return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
    }

    /**
     * Reads an {@code application/x-www-form-urlencoded} body through the gate, for applications whose frameworks
     * ask the container for parameters (Faces): the container would read the body itself, with nothing to stop a
     * client sending it a byte at a time. Parameters that are not valid percent-encoding are dropped, as the
     * container drops them; at most {@link JsonLimits#ENTRIES} are kept.
     */
    void readForm() throws IOException {
        Charset charset = charset();
        String body = new String(getInputStream().readAllBytes(), charset);
        Map<String, List<String>> merged = new LinkedHashMap<>();
        super.getParameterMap().forEach((name, values) -> merged.computeIfAbsent(name, key -> new ArrayList<>()).addAll(List.of(values)));
        int kept = 0;
        for (String pair : body.split("&")) {
            if (pair.isEmpty() || kept >= JsonLimits.ENTRIES) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), charset);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), charset);
                merged.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
                kept++;
            } catch (IllegalArgumentException malformed) {
                // dropped, like the container's own parser
            }
        }
        Map<String, String[]> parameters = new LinkedHashMap<>();
        merged.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
        formParameters = Collections.unmodifiableMap(parameters);
    }

    @Override
    public String getParameter(String name) {
        if (formParameters == null) {
            return super.getParameter(name);
        }
        String[] values = formParameters.get(name);
        return values == null ? null : values[0];
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return formParameters == null ? super.getParameterMap() : formParameters;
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return formParameters == null ? super.getParameterNames() : Collections.enumeration(formParameters.keySet());
    }

    @Override
    public String[] getParameterValues(String name) {
        if (formParameters == null) {
            return super.getParameterValues(name);
        }
        String[] values = formParameters.get(name);
        return values == null ? null : values.clone();
    }

    /** Called once the request is answered. */
    void release() {
        if (stream != null && stream.waited) {
            slowBodies.release(client);
        }
    }

    private final class Stream extends ServletInputStream {
        private final ServletInputStream in;
        private final LimitedInputStream counted;
        /** Whether a read had to wait for the network: the body then holds a place and has a deadline. */
        private boolean waited;
        private long deadline;

        Stream(ServletInputStream in) {
            this.in = in;
            this.counted = new LimitedInputStream(in, maxBytes);
        }

        @Override
        public int read() throws IOException {
            beforeRead();
            return counted.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            beforeRead();
            return counted.read(buffer, offset, length);
        }

        private void beforeRead() throws IOException {
            if (!waited && in.available() == 0 && !in.isFinished()) {
                deadline = slowBodies.claim(client);
                waited = true;
            }
            if (waited) {
                slowBodies.requireBefore(deadline);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
