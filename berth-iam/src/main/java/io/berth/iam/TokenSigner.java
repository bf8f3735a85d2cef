package io.berth.iam;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.berth.state.iam.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Issues DC/OS authentication tokens: RS256 JWTs with {@code uid} and {@code exp}, signed with the cluster's key. */
public final class TokenSigner {
  private final SigningKey key;
  private final RSASSASigner signer;
  private final Duration lifetime;

  public TokenSigner(SigningKey key, Duration lifetime) {
    this.key = key;
    this.signer = new RSASSASigner(TokenKeys.privateKey(key));
    this.lifetime = lifetime;
  }

  public String issue(String uid, Instant now) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder().claim("uid", uid)
        .expirationTime(Date.from(now.plus(lifetime))).build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(key.kid()).build(),
        claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  public Duration lifetime() {
    return lifetime;
  }
}
