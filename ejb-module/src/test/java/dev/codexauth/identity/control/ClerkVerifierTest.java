package dev.codexauth.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.codexauth.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clerk session tokens as spec/identity.md has them accepted or refused, against a JWKS file this test writes. */
class ClerkVerifierTest {

    private static final String ISSUER = "https://clerk.example.test";
    private static final String APP = "https://app.example.test";

    @TempDir
    Path dir;

    private RSAKey key;
    private Path jwks;
    private ClerkVerifier verifier;

    @BeforeEach
    void keysAndVerifier() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("key-1").generate();
        jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        verifier = verifier("clerk-jwt", false);
    }

    @Test
    void aValidSessionTokenNamesTheUserAndTheOrganization() throws Exception {
        ClerkIdentity identity = verifier.verify(token(key, claims -> { }));
        assertThat(identity.userId()).isEqualTo("user_2abc");
        assertThat(identity.sessionId()).isEqualTo("sess_1");
        assertThat(identity.organizationId()).isEqualTo("org_9");
        assertThat(identity.workspaceSlug()).isEqualTo("acme");
        assertThat(identity.memberRole()).isEqualTo("admin");
    }

    @Test
    void withoutAnOrganizationThePersonHasTheirOwnWorkspace() throws Exception {
        JWTClaimsSet claims = claims(b -> { }).build();
        JWTClaimsSet withoutOrg = new JWTClaimsSet.Builder(claims).claim("o", null).build();
        ClerkIdentity identity = verifier.verify(sign(key, withoutOrg));
        assertThat(identity.organizationId()).isNull();
        assertThat(identity.memberRole()).isEqualTo("owner");
    }

    @Test
    void aKeyTheJwksDoesNotHoldIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("key-x").generate();
        assertRefused(token(stranger, claims -> { }), "invalid_session_token");
    }

    @Test
    void aRotatedKeyIsFetchedWhenATokenNamesIt() throws Exception {
        verifier.verify(token(key, claims -> { }));
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("key-2").generate();
        Files.writeString(jwks, new JWKSet(List.of(key.toPublicJWK(), rotated.toPublicJWK())).toString());
        assertThat(verifier.verify(token(rotated, claims -> { })).userId()).isEqualTo("user_2abc");
    }

    @Test
    void unknownKeyIdsDoNotMakeTheServerRefetchEveryTime() throws Exception {
        ClerkVerifier patient = verifier("clerk-jwt", false, Duration.ofHours(1));
        patient.verify(token(key, claims -> { }));
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("key-2").generate();
        Files.writeString(jwks, new JWKSet(List.of(key.toPublicJWK(), rotated.toPublicJWK())).toString());
        assertRefused(token(rotated, claims -> { }), "invalid_session_token", patient);
    }

    @Test
    void aKeyRemovedFromTheJwksIsRefusedOnceTheKeysHeldAreOlderThanTheirMaximumAge() throws Exception {
        AtomicLong nanos = new AtomicLong();
        ClerkVerifier aging = verifier("clerk-jwt", false, Duration.ZERO, nanos::get);
        String signedWithTheOldKey = token(key, claims -> { });
        aging.verify(signedWithTheOldKey);
        RSAKey replacement = new RSAKeyGenerator(2048).keyID("key-2").generate();
        Files.writeString(jwks, new JWKSet(replacement.toPublicJWK()).toString());

        nanos.addAndGet(Duration.ofMinutes(59).toNanos());
        assertThat(aging.verify(signedWithTheOldKey).userId()).as("within the maximum age").isEqualTo("user_2abc");
        nanos.addAndGet(Duration.ofMinutes(1).toNanos());
        assertRefused(signedWithTheOldKey, "invalid_session_token", aging);
        assertThat(aging.verify(token(replacement, claims -> { })).userId()).isEqualTo("user_2abc");
    }

    @Test
    void keysPastTheirMaximumAgeStillServeWhileTheJwksCannotBeLoaded() throws Exception {
        AtomicLong nanos = new AtomicLong();
        ClerkVerifier aging = verifier("clerk-jwt", false, Duration.ZERO, nanos::get);
        aging.verify(token(key, claims -> { }));
        Files.writeString(jwks, "not a key set");

        nanos.addAndGet(Duration.ofHours(2).toNanos());
        assertThat(aging.verify(token(key, claims -> { })).userId()).isEqualTo("user_2abc");
    }

    @Test
    void expiredTokensAreRefusedBeyondFiveSecondsOfSkew() throws Exception {
        assertRefused(token(key, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(30)))), "invalid_session_token");
        assertThat(verifier.verify(token(key, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(2)))))).isNotNull();
    }

    @Test
    void tokensNotYetValidAreRefused() throws Exception {
        assertRefused(token(key, c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(60)))), "invalid_session_token");
    }

    @Test
    void anotherIssuerIsRefused() throws Exception {
        assertRefused(token(key, c -> c.issuer("https://evil.example.test")), "invalid_session_token");
    }

    @Test
    void aForeignAuthorizedPartyIsRefused() throws Exception {
        assertRefused(token(key, c -> c.claim("azp", "https://evil.example.test")), "invalid_session_token");
        assertRefused(token(key, c -> c.claim("azp", null)), "invalid_session_token");
    }

    @Test
    void unsignedTokensAreRefused() {
        String none = new PlainJWT(new PlainHeader(), claims(c -> { }).build()).serialize();
        assertRefused(none, "invalid_session_token");
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRefused() throws Exception {
        SignedJWT confused = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("key-1").build(), claims(c -> { }).build());
        confused.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));
        assertRefused(confused.serialize(), "invalid_session_token");
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String[] parts = token(key, c -> { }).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("user_2abc", "user_admin");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertRefused(tampered, "invalid_session_token");
    }

    @Test
    void garbageIsRefusedWithoutAnError() {
        assertRefused("not-a-jwt", "invalid_session_token");
        assertRefused("a.b.c", "invalid_session_token");
    }

    @Test
    void devTokensWorkOnlyInDevMode() throws Exception {
        assertRefused("clerk-dev:user_1:team:" + APP, "invalid_session_token");
        ClerkVerifier dev = verifier("dev", false);
        ClerkIdentity identity = dev.verify("clerk-dev:user_1:team:" + APP);
        assertThat(identity.userId()).isEqualTo("user_1");
        assertThat(identity.workspaceSlug()).isEqualTo("team");
        assertThat(dev.verify("development-token-0123456789").userId()).isEqualTo("dev-user");
        assertRefused("clerk-dev:user_1:team:https://evil.example.test", "invalid_session_token", dev);
    }

    @Test
    void devModeIsRefusedInProduction() {
        assertThatThrownBy(() -> verifier("dev", true)).isInstanceOf(IllegalStateException.class).hasMessageContaining("IDENTITY_PRODUCTION");
    }

    private ClerkVerifier verifier(String mode, boolean production) {
        return verifier(mode, production, Duration.ZERO);
    }

    private ClerkVerifier verifier(String mode, boolean production, Duration minRefetch) {
        return verifier(mode, production, minRefetch, System::nanoTime);
    }

    private ClerkVerifier verifier(String mode, boolean production, Duration minRefetch, LongSupplier nanoClock) {
        IdentitySettings settings = new IdentitySettings();
        settings.mode = mode;
        settings.issuer = Optional.of(ISSUER);
        settings.jwksUrl = Optional.of(jwks.toUri().toString());
        settings.jwksMaxAgeSeconds = Duration.ofHours(1).toSeconds();
        settings.authorizedParties = Optional.of(APP + "/");
        settings.devToken = Optional.of("development-token-0123456789");
        settings.publishableKey = Optional.empty();
        settings.production = production;
        settings.stripeWebhookSecret = Optional.empty();
        settings.publicBaseUrl = Optional.empty();
        ClerkVerifier created = new ClerkVerifier();
        created.settings = settings;
        created.prepare(minRefetch, nanoClock);
        return created;
    }

    private void assertRefused(String token, String code) {
        assertRefused(token, code, verifier);
    }

    private static void assertRefused(String token, String code, ClerkVerifier by) {
        assertThatThrownBy(() -> by.verify(token)).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.code()).isEqualTo(code);
            assertThat(refused.status()).isEqualTo(401);
        });
    }

    private static JWTClaimsSet.Builder claims(Consumer<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).subject("user_2abc").claim("sid", "sess_1")
                .claim("azp", APP).issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(10)))
                .expirationTime(Date.from(now.plusSeconds(60))).claim("o", Map.of("id", "org_9", "slg", "acme", "rol", "org:admin"));
        change.accept(claims);
        return claims;
    }

    private static String token(RSAKey signer, Consumer<JWTClaimsSet.Builder> change) throws Exception {
        return sign(signer, claims(change).build());
    }

    private static String sign(RSAKey signer, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }
}
