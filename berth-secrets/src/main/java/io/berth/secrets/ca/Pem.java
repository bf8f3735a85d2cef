package io.berth.secrets.ca;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** PEM reading and writing (BouncyCastle). Unreadable input is an {@link IllegalArgumentException}. */
public final class Pem {
  private Pem() {}

  public static String write(Object object) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  public static X509Certificate certificate(String pem) {
    if (read(pem) instanceof X509CertificateHolder holder) {
      try {
        return new JcaX509CertificateConverter().getCertificate(holder);
      } catch (CertificateException e) {
        throw new IllegalArgumentException("not a valid certificate: " + e.getMessage(), e);
      }
    }
    throw new IllegalArgumentException("not a PEM certificate");
  }

  public static PrivateKey privateKey(String pem) {
    Object object = read(pem);
    try {
      return switch (object) {
        case PEMKeyPair pair -> new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
        case PrivateKeyInfo info -> new JcaPEMKeyConverter().getPrivateKey(info);
        case null, default -> throw new IllegalArgumentException("not a PEM private key");
      };
    } catch (IOException e) {
      throw new IllegalArgumentException("not a valid private key: " + e.getMessage(), e);
    }
  }

  public static PKCS10CertificationRequest csr(String pem) {
    if (read(pem) instanceof PKCS10CertificationRequest csr) {
      return csr;
    }
    throw new IllegalArgumentException("not a PEM certificate request");
  }

  private static Object read(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new IllegalArgumentException("empty PEM");
    }
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      return parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("unreadable PEM: " + e.getMessage(), e);
    }
  }
}
