package io.berth.secrets.ca;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.security.KeyPair;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A CFSSL certificate request ({@code newkey}, {@code newcert}): common name, hosts (SANs), subject names and the
 * key to generate.
 */
public record CfsslRequest(@JsonProperty("CN") String cn, List<String> hosts, List<Name> names, Key key) {

  /** One subject name entry. */
  public record Name(@JsonProperty("C") String c, @JsonProperty("ST") String st, @JsonProperty("L") String l,
      @JsonProperty("O") String o, @JsonProperty("OU") String ou) {}

  /** The key to generate: {@code rsa} (2048 default) or {@code ecdsa} (256 default). */
  public record Key(String algo, int size) {}

  public X500Name subject() {
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    for (Name n : names == null ? List.<Name>of() : names) {
      add(builder, BCStyle.C, n.c());
      add(builder, BCStyle.ST, n.st());
      add(builder, BCStyle.L, n.l());
      add(builder, BCStyle.O, n.o());
      add(builder, BCStyle.OU, n.ou());
    }
    add(builder, BCStyle.CN, cn);
    return builder.build();
  }

  private static void add(X500NameBuilder builder, org.bouncycastle.asn1.ASN1ObjectIdentifier oid, String value) {
    if (value != null && !value.isBlank()) {
      builder.addRDN(oid, value);
    }
  }

  public KeyPair generateKey() {
    String algo = key == null || key.algo() == null ? "rsa" : key.algo();
    int size = key == null || key.size() == 0 ? ("ecdsa".equals(algo) ? 256 : 2048) : key.size();
    return CertificateAuthority.generate(algo, size);
  }

  /** A CSR for this request, signed with {@code pair}. */
  public PKCS10CertificationRequest csr(KeyPair pair) {
    if ((cn == null || cn.isBlank()) && (hosts == null || hosts.isEmpty())) {
      throw new IllegalArgumentException("the request needs a CN or hosts");
    }
    try {
      JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(subject(), pair.getPublic());
      if (hosts != null && !hosts.isEmpty()) {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, CertificateAuthority.generalNames(hosts));
        builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      }
      return builder.build(CertificateAuthority.signer(pair.getPrivate()));
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot build the request: " + e.getMessage(), e);
    }
  }
}
