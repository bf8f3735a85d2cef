package io.berth.state.iam;

/**
 * The cluster's root certificate authority.
 *
 * @param certificate the self-signed root certificate, PEM
 * @param privateKey its private key, PEM (PKCS#8)
 * @param imported true when an operator brought the CA instead of Berth creating it
 */
public record CaRoot(String certificate, String privateKey, boolean imported) {}
