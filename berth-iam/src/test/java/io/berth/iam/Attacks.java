package io.berth.iam;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.berth.state.iam.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/** Forged and broken tokens that must all be rejected: the token attack catalogue of the tests. */
public final class Attacks {
  private Attacks() {}

  public static Map<String, String> all(SigningKey key, SigningKey other, Instant now) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    JWTClaimsSet valid = new JWTClaimsSet.Builder().claim("uid", "bootstrapuser").expirationTime(Date.from(now.plusSeconds(3600))).build();
    String good = sign(key, valid);
    String[] parts = good.split("\\.");
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("alg none", b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + parts[1] + ".");
    SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), valid);
    hs.sign(new MACSigner(Base64.getDecoder().decode(key.publicKey())));
    attacks.put("HS256 signed with the public key", hs.serialize());
    attacks.put("expired", sign(key, new JWTClaimsSet.Builder().claim("uid", "bootstrapuser")
        .expirationTime(Date.from(now.minusSeconds(1))).build()));
    attacks.put("not yet valid", sign(key, new JWTClaimsSet.Builder().claim("uid", "bootstrapuser")
        .notBeforeTime(Date.from(now.plusSeconds(600))).expirationTime(Date.from(now.plusSeconds(3600))).build()));
    attacks.put("signed by another key", sign(other, valid));
    String tampered = b64.encodeToString("{\"uid\":\"somebody-else\",\"exp\":4102444800}".getBytes(StandardCharsets.UTF_8));
    attacks.put("tampered payload", parts[0] + "." + tampered + "." + parts[2]);
    String bigHeader = b64.encodeToString(("{\"alg\":\"RS256\",\"x\":\"" + "a".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8));
    attacks.put("oversized header", bigHeader + "." + parts[1] + "." + parts[2]);
    attacks.put("no exp", sign(key, new JWTClaimsSet.Builder().claim("uid", "bootstrapuser").build()));
    attacks.put("no uid", sign(key, new JWTClaimsSet.Builder().subject("bootstrapuser").expirationTime(Date.from(now.plusSeconds(60))).build()));
    attacks.put("garbage", "not.a.token");
    return attacks;
  }

  public static String sign(SigningKey key, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.kid()).build(), claims);
    jwt.sign(new RSASSASigner(TokenKeys.privateKey(key)));
    return jwt.serialize();
  }
}
