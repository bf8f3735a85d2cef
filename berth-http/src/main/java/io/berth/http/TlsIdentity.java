package io.berth.http;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A server's TLS key and certificate chain (leaf first). */
public record TlsIdentity(PrivateKey key, List<X509Certificate> chain) {
  public TlsIdentity {
    chain = List.copyOf(chain);
  }
}
