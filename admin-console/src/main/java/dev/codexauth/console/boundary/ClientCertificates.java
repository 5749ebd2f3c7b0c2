package dev.codexauth.console.boundary;

import dev.codexauth.ops.control.Timestamps;
import dev.codexauth.security.control.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The client certificate an admin request came with (admin.md §1.2): from the TLS handshake when Payara terminates
 * TLS, else from the configured headers of a trusted proxy only; from any other peer those headers are ignored.
 */
@ApplicationScoped
public class ClientCertificates {

    /** What was seen of a certificate; {@code source} is {@code tls} or {@code proxy}. */
    public record Seen(String fingerprint, String subject, String issuer, String notBefore, String notAfter, String source) {
    }

    private static final String CHAIN = "jakarta.servlet.request.X509Certificate";

    @Inject
    ClientAddress clientAddress;

    @Inject
    AdminSettings settings;

    public Optional<Seen> of(HttpServletRequest request) {
        if (request.getAttribute(CHAIN) instanceof X509Certificate[] chain && chain.length > 0) {
            X509Certificate certificate = chain[0];
            return fingerprint(certificate).map(fingerprint -> new Seen(fingerprint, certificate.getSubjectX500Principal().getName(),
                    certificate.getIssuerX500Principal().getName(), Timestamps.format(certificate.getNotBefore().toInstant()),
                    Timestamps.format(certificate.getNotAfter().toInstant()), "tls"));
        }
        if (!clientAddress.isTrustedProxy(request.getRemoteAddr())) {
            return Optional.empty();
        }
        String fingerprint = AdminSettings.normaliseFingerprint(request.getHeader(settings.mtlsHeader()));
        if (fingerprint.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Seen(fingerprint, request.getHeader("X-MTLS-SUBJECT"), request.getHeader("X-MTLS-ISSUER"), null, null,
                "proxy"));
    }

    private static Optional<String> fingerprint(X509Certificate certificate) {
        try {
            return Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }
}
