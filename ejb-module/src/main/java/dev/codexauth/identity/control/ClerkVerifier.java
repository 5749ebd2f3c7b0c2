package dev.codexauth.identity.control;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.codexauth.http.ApiException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Verifies a Clerk session token (spec/identity.md): RS256 only, signed by a key of the instance's JWKS, {@code iss}
 * equal to {@code CLERK_ISSUER}, {@code exp}/{@code nbf} with at most 5 s of skew, {@code sub} present, {@code azp}
 * one of the authorized parties. In dev mode it also accepts {@code IDENTITY_DEV_TOKEN} and
 * {@code clerk-dev:<user>:<workspace>:<origin>}, whose origin must be an authorized party too.
 */
@ApplicationScoped
public class ClerkVerifier {

    private static final Logger LOG = Logger.getLogger(ClerkVerifier.class.getName());
    static final int MAX_CLOCK_SKEW_SECONDS = 5;
    private static final String DEV_PREFIX = "clerk-dev:";
    private static final Pattern DEV_PART = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    @Inject
    IdentitySettings settings;

    private DefaultJWTProcessor<SecurityContext> processor;

    @PostConstruct
    void prepare() {
        prepare(ClerkKeys.MIN_REFETCH, System::nanoTime);
    }

    void prepare(Duration minRefetch, LongSupplier nanoClock) {
        settings.check();
        if (settings.jwksUrl().isEmpty()) {
            return;
        }
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        ClerkKeys keys = new ClerkKeys(settings.jwksUrl().get(), minRefetch, settings.jwksMaxAge(), nanoClock);
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().issuer(settings.issuer().get()).build(), Set.of("sub", "exp"));
        claims.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        jwt.setJWTClaimsSetVerifier(claims);
        processor = jwt;
    }

    /** @throws ApiException 401 {@code invalid_session_token} with the reason, 503 when sign-in is not configured */
    public ClerkIdentity verify(String token) {
        if (!settings.enabled()) {
            throw settings.notConfigured();
        }
        if (settings.devMode()) {
            if (settings.devToken().filter(dev -> constantTimeEquals(dev, token)).isPresent()) {
                return new ClerkIdentity("dev-user", null, null, "dev@localhost", "Development user", null, "dev", null);
            }
            if (token.startsWith(DEV_PREFIX)) {
                return devToken(token.substring(DEV_PREFIX.length()));
            }
        }
        if (processor == null) {
            throw refused("this server verifies Clerk session tokens only in clerk-jwt mode with CLERK_JWKS_URL set");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException notAJwt) {
            throw refused("not a JWT");
        } catch (BadJOSEException bad) {
            throw refused(bad.getMessage());
        } catch (JOSEException keys) {
            LOG.warning("Clerk session token could not be checked: " + keys.getMessage());
            throw new ApiException(503, "identity_keys_unavailable", "The sign-in keys could not be loaded; try again shortly");
        }
        String azp = stringClaim(claims, "azp");
        if (azp == null || !settings.authorizedParties().contains(IdentitySettings.origin(azp))) {
            throw refused("the token was issued to an origin this server does not accept (azp)");
        }
        Map<String, Object> organization = organization(claims);
        return new ClerkIdentity(claims.getSubject(), stringClaim(claims, "sid"), azp, stringClaim(claims, "email"),
                stringClaim(claims, "name"), text(organization.get("id")), text(organization.get("slg")), text(organization.get("rol")));
    }

    private ClerkIdentity devToken(String rest) {
        int first = rest.indexOf(':');
        int second = first < 0 ? -1 : rest.indexOf(':', first + 1);
        if (second < 0) {
            throw refused("a development token is clerk-dev:<user>:<workspace>:<origin>");
        }
        String user = rest.substring(0, first);
        String workspace = rest.substring(first + 1, second);
        String origin = rest.substring(second + 1);
        if (!DEV_PART.matcher(user).matches() || !DEV_PART.matcher(workspace).matches()) {
            throw refused("the user and workspace of a development token are 1 to 128 letters, digits, '_', '.' or '-'");
        }
        if (!settings.authorizedParties().contains(IdentitySettings.origin(origin))) {
            throw refused("the development token's origin is not an authorized party");
        }
        return new ClerkIdentity(user, null, origin, null, null, "dev:" + workspace, workspace, "org:admin");
    }

    private static Map<String, Object> organization(JWTClaimsSet claims) {
        try {
            Map<String, Object> organization = claims.getJSONObjectClaim("o");
            return organization == null ? Map.of() : organization;
        } catch (ParseException notAnObject) {
            return Map.of();
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        return text(claims.getClaim(name));
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static boolean constantTimeEquals(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    static ApiException refused(String reason) {
        return new ApiException(401, "invalid_session_token", "The Clerk session token was refused: " + reason, null, null,
                Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
    }
}
