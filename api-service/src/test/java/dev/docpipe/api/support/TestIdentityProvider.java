package dev.docpipe.api.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An OIDC provider as the API sees one: a discovery document and a JWK set over HTTP on loopback
 * ({@code com.sun.net.httpserver}), with RSA and EC keys made here. It signs tokens with its keys and
 * can rotate them (publish another set). One {@link #shared()} instance serves the OIDC test context.
 */
public final class TestIdentityProvider implements AutoCloseable {
    public static final String AUDIENCE = "docpipe-api";

    private static volatile TestIdentityProvider shared;

    private final HttpServer server;
    private final String issuer;
    private final RSAKey rsa;
    private final ECKey ec;
    private volatile JWKSet published;
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private volatile boolean down;

    private TestIdentityProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/docpipe";
        rsa = newRsaKey("rsa-" + UUID.randomUUID());
        ec = newEcKey("ec-" + UUID.randomUUID());
        published = new JWKSet(List.of(rsa, ec));
        server.createContext("/realms/docpipe/.well-known/openid-configuration", exchange -> json(exchange,
                down ? null : JSONObjectUtils.toJSONString(Map.of(
                        "issuer", issuer,
                        "jwks_uri", jwkSetUri(),
                        "subject_types_supported", List.of("public"),
                        "response_types_supported", List.of("code"),
                        "id_token_signing_alg_values_supported", List.of("RS256", "ES256")))));
        server.createContext("/realms/docpipe/jwks", exchange -> {
            jwksFetches.incrementAndGet();
            json(exchange, down ? null : JSONObjectUtils.toJSONString(published.toJSONObject(true)));
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static TestIdentityProvider start() {
        return new TestIdentityProvider();
    }

    /** The provider of the OIDC test context, started once per JVM. */
    public static TestIdentityProvider shared() {
        TestIdentityProvider local = shared;
        if (local == null) {
            synchronized (TestIdentityProvider.class) {
                local = shared;
                if (local == null) {
                    local = start();
                    shared = local;
                }
            }
        }
        return local;
    }

    /** Points the API at {@link #shared()}: issuer discovery, the test audience. */
    public static final class Properties implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "docpipe.auth.issuer-uri=" + shared().issuer(),
                    "docpipe.auth.audience=" + AUDIENCE).applyTo(context);
        }
    }

    public String issuer() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks";
    }

    public RSAKey rsaKey() {
        return rsa;
    }

    public ECKey ecKey() {
        return ec;
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** From now on the JWK set holds exactly these keys (their public halves). */
    public void publish(JWK... keys) {
        published = new JWKSet(List.of(keys));
    }

    /** While down, discovery and the JWK set are answered with 503 (an outage of the provider). */
    public void down(boolean isDown) {
        down = isDown;
    }

    /** Back to the provider's own two keys. */
    public void publishOwnKeys() {
        publish(rsa, ec);
    }

    public static RSAKey newRsaKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey newEcKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims the API accepts: this issuer, the API's audience, an hour to live. */
    public JWTClaimsSet.Builder validClaims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    /** RS256 with an RSA key, ES256 with an EC key; the header names the key's kid. */
    public static String sign(JWK key, JWTClaimsSet claims) {
        try {
            if (key instanceof RSAKey rsaKey) {
                return sign(JWSAlgorithm.RS256, rsaKey.getKeyID(), new RSASSASigner(rsaKey), claims);
            }
            return sign(JWSAlgorithm.ES256, key.getKeyID(), new ECDSASigner((ECKey) key), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The algorithm-confusion attack: HS256 "signed" with the bytes of the provider's RSA public key
     * (which anyone can fetch), named with the RSA key's kid.
     */
    public String hs256WithPublicKey(JWTClaimsSet claims) {
        try {
            byte[] publicKey = rsa.toRSAPublicKey().getEncoded();
            return sign(JWSAlgorithm.HS256, rsa.getKeyID(), new MACSigner(publicKey), claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWSAlgorithm algorithm, String kid, JWSSigner signer, JWTClaimsSet claims)
            throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** {@code alg: none}: the claims, no signature. */
    public static String unsigned(JWTClaimsSet claims) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** The body with 200, or 503 for null (the provider is down). */
    private static void json(HttpExchange exchange, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
