package io.berth.state.iam;

/**
 * The RSA key pair IAM signs authentication tokens with, shared by every master through the cluster state.
 *
 * @param kid key id, as published in the JWKS
 * @param privateKey PKCS#8, base64
 * @param publicKey X.509 SubjectPublicKeyInfo, base64
 */
public record SigningKey(String kid, String privateKey, String publicKey) {}
