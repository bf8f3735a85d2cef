package io.berth.secrets.ca;

import io.berth.state.iam.CaRoot;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The cluster's certificate authority over its {@link CaRoot}: signs certificate requests into leaf certificates
 * for servers and clients (SANs from the request or the caller, {@code serverAuth} and {@code clientAuth}), and
 * makes new roots. Pure apart from key generation: the time and serial come from the caller.
 */
public final class CertificateAuthority {
  /** Leaf certificates are valid this long unless asked otherwise (CFSSL's default profile: 8760h). */
  public static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  public static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
  private static final Pattern DNS = Pattern.compile("(\\*\\.)?[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})(\\.[a-zA-Z0-9-]{1,63})*");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final PrivateKey key;
  private final String pem;

  public CertificateAuthority(CaRoot root) {
    this.certificate = Pem.certificate(root.certificate());
    this.key = Pem.privateKey(root.privateKey());
    this.pem = root.certificate();
  }

  /** A new self-signed root: RSA 2048, ten years. */
  public static CaRoot createRoot(String commonName, Instant now) {
    KeyPair pair = generate("rsa", 2048);
    try {
      X500Name name = new X500Name("CN=" + commonName + ",O=Berth");
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minusSeconds(60)),
          Date.from(now.plus(ROOT_VALIDITY)), name, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
          .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer(pair.getPrivate())));
      return new CaRoot(Pem.write(cert), Pem.write(pair.getPrivate()), false);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the root CA", e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The root certificate, PEM: the trust bundle. */
  public String certificatePem() {
    return pem;
  }

  /**
   * Signs a CSR. {@code hosts} replace the request's SANs when not empty; {@code subject} replaces its subject when
   * not null. A request whose signature does not match its key is refused.
   */
  public X509Certificate sign(PKCS10CertificationRequest csr, List<String> hosts, X500Name subject, Instant now,
      Duration validity) {
    try {
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
        throw new IllegalArgumentException("the request's signature does not match its public key");
      }
      PublicKey publicKey = new JcaPKCS10CertificationRequest(csr).getPublicKey();
      List<String> sans = hosts == null || hosts.isEmpty() ? requestedHosts(csr) : hosts;
      X500Name name = subject != null ? subject : csr.getSubject();
      if (name.getRDNs().length == 0 && sans.isEmpty()) {
        throw new IllegalArgumentException("the certificate needs a subject or hosts");
      }
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(X500Name.getInstance(
          certificate.getSubjectX500Principal().getEncoded()), serial(), Date.from(now.minusSeconds(60)),
          Date.from(now.plus(validity)), name, publicKey)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey))
          .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
      if (!sans.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, generalNames(sans));
      }
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("cannot sign the request: " + e.getMessage(), e);
    }
  }

  /** A key pair of {@code algo} ({@code rsa}: 2048, 4096, 8192; {@code ecdsa}: 256, 384, 521). */
  public static KeyPair generate(String algo, int size) {
    try {
      return switch (algo) {
        case "rsa" -> {
          if (size != 2048 && size != 4096 && size != 8192) {
            throw new IllegalArgumentException("rsa keys are 2048, 4096 or 8192 bits");
          }
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
          g.initialize(size);
          yield g.generateKeyPair();
        }
        case "ecdsa" -> {
          String curve = switch (size) {
            case 256 -> "secp256r1";
            case 384 -> "secp384r1";
            case 521 -> "secp521r1";
            default -> throw new IllegalArgumentException("ecdsa keys are 256, 384 or 521 bits");
          };
          KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
          g.initialize(new ECGenParameterSpec(curve));
          yield g.generateKeyPair();
        }
        default -> throw new IllegalArgumentException("key algo must be rsa or ecdsa");
      };
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a key", e);
    }
  }

  /** SANs: IP addresses as IP names, everything else must be a DNS name. */
  static GeneralNames generalNames(List<String> hosts) {
    List<GeneralName> names = new ArrayList<>();
    for (String host : hosts) {
      if (host.matches("[0-9.]+") || host.contains(":")) {
        try {
          names.add(new GeneralName(GeneralName.iPAddress, InetAddress.ofLiteral(host).getHostAddress()));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("'" + host + "' is not an IP address");
        }
      } else if (DNS.matcher(host).matches() && host.length() <= 253) {
        names.add(new GeneralName(GeneralName.dNSName, host));
      } else {
        throw new IllegalArgumentException("'" + host + "' is not a host name or IP address");
      }
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static List<String> requestedHosts(PKCS10CertificationRequest csr) {
    List<String> hosts = new ArrayList<>();
    for (var attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      Extensions extensions = Extensions.getInstance(attribute.getAttrValues().getObjectAt(0));
      GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
      if (names != null) {
        for (GeneralName n : names.getNames()) {
          if (n.getTagNo() == GeneralName.dNSName) {
            hosts.add(n.getName().toString());
          } else if (n.getTagNo() == GeneralName.iPAddress) {
            try {
              hosts.add(InetAddress.getByAddress(org.bouncycastle.asn1.DEROctetString.getInstance(n.getName()).getOctets())
                  .getHostAddress());
            } catch (java.net.UnknownHostException e) {
              throw new IllegalArgumentException("bad IP SAN in the request");
            }
          }
        }
      }
    }
    return hosts;
  }

  static ContentSigner signer(PrivateKey key) throws org.bouncycastle.operator.OperatorCreationException {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    return new JcaContentSignerBuilder(algorithm).build(key);
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }
}
