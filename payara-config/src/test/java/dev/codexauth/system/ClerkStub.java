package dev.codexauth.system;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/**
 * A Clerk instance as the server sees one: a JWKS file (CLERK_JWKS_URL=file:...) and session tokens signed with
 * its key, for the issuer and authorized party the shared server is configured with.
 */
final class ClerkStub {

    static final String ISSUER = "https://clerk.fleet.test";
    static final String APP_ORIGIN = "https://app.fleet.test";

    private static ClerkStub shared;

    private final RSAKey key;
    private final Path jwks;

    private ClerkStub(RSAKey key, Path jwks) {
        this.key = key;
        this.jwks = jwks;
    }

    static synchronized ClerkStub shared() {
        if (shared == null) {
            try {
                RSAKey key = new RSAKeyGenerator(2048).keyID("fleet-test-1").generate();
                Path jwks = Path.of("target", "clerk-jwks.json").toAbsolutePath();
                Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
                shared = new ClerkStub(key, jwks);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    Map<String, String> serverSettings() {
        return Map.of("CLERK_ISSUER", ISSUER, "CLERK_JWKS_URL", jwks.toUri().toString(), "CLERK_AUTHORIZED_PARTIES", APP_ORIGIN);
    }

    /** A session token of {@code user} with {@code organization} (slug, and id {@code org_<slug>}) active, valid for five minutes. */
    String sessionToken(String user, String organization) {
        return sessionToken(user, "org_" + organization, organization);
    }

    /** A session token of {@code user} with the organization of this Clerk id and slug active, valid for five minutes. */
    String sessionToken(String user, String organizationId, String slug) {
        return signed(claims(user).claim("o", Map.of("id", organizationId, "slg", slug, "rol", "org:admin")).build());
    }

    /** A session token of {@code user} with no organization active (a personal workspace), valid for five minutes. */
    String personalSessionToken(String user) {
        return signed(claims(user).build());
    }

    private static JWTClaimsSet.Builder claims(String user) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject(user).claim("sid", "sess_" + user).claim("azp", APP_ORIGIN)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plusSeconds(300)));
    }

    private String signed(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
