package io.berth.secrets.ca;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.state.StateWriter;
import io.berth.state.StateWriter.Write;
import io.berth.state.iam.CaRoot;
import io.berth.state.iam.IamChange;
import io.berth.state.iam.IssuedCertificate;
import io.berth.state.image.ClusterImage;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CA on one master: its root lives in the cluster state; the leader creates (or imports) it when the cluster is
 * new, and records the certificates it issues through the API.
 */
public final class CaService {
  private static final Logger log = LoggerFactory.getLogger(CaService.class);
  private final Supplier<ClusterImage> images;
  private final InstantSource clock;
  private volatile StateWriter writer;
  private volatile CertificateAuthority authority;

  public CaService(Supplier<ClusterImage> images, InstantSource clock) {
    this.images = images;
    this.clock = clock;
  }

  public void lead(StateWriter state) {
    this.writer = state;
  }

  public void stepDown() {
    this.writer = null;
  }

  public InstantSource clock() {
    return clock;
  }

  /** The CA, once the cluster has a root. */
  public Optional<CertificateAuthority> authority() {
    CaRoot root = images.get().iam().ca();
    if (root == null) {
      return Optional.empty();
    }
    CertificateAuthority known = authority;
    if (known == null || !known.certificatePem().equals(root.certificate())) {
      known = new CertificateAuthority(root);
      authority = known;
    }
    return Optional.of(known);
  }

  public CertificateAuthority require() {
    return authority().orElseThrow(() -> new BerthException(ErrorCode.NOT_FOUND, "The cluster CA has no signer yet"));
  }

  /** Creates the root of a new cluster, or imports {@code imported}; nothing if the cluster has one. Call while leading. */
  public void bootstrap(CaRoot imported) {
    if (images.get().iam().ca() != null) {
      return;
    }
    CaRoot root = imported != null ? imported : CertificateAuthority.createRoot("Berth Cluster CA", clock.instant());
    new CertificateAuthority(root); // an imported root must be readable before it is recorded
    boolean created = write(image -> image.iam().ca() != null ? Write.of(false) : Write.of(true, new IamChange.CaCreated(root)));
    if (created) {
      log.info("cluster CA {}: {}", imported != null ? "imported" : "created", authority().orElseThrow().certificate().getSubjectX500Principal());
    }
  }

  /** A server key and certificate (leaf, then root) for {@code hosts}, signed by the cluster CA (not recorded). */
  public ServerIdentity issueServer(String commonName, java.util.List<String> hosts) {
    CertificateAuthority authority = require();
    CfsslRequest request = new CfsslRequest(commonName, hosts.stream().distinct().toList(), java.util.List.of(),
        new CfsslRequest.Key("ecdsa", 256));
    java.security.KeyPair pair = request.generateKey();
    X509Certificate leaf = authority.sign(request.csr(pair), java.util.List.of(), null, clock.instant(),
        CertificateAuthority.LEAF_VALIDITY);
    return new ServerIdentity(pair.getPrivate(), java.util.List.of(leaf, authority.certificate()));
  }

  /** A private key and its certificate chain, leaf first. */
  public record ServerIdentity(java.security.PrivateKey key, java.util.List<X509Certificate> chain) {}

  /** Records an issued certificate (best effort on followers: they do not record). */
  void recordIssued(X509Certificate certificate) {
    if (writer == null) {
      return;
    }
    IssuedCertificate issued = new IssuedCertificate(certificate.getSerialNumber().toString(16), Pem.write(certificate),
        clock.instant());
    write(image -> Write.of(null, new IamChange.CertificateIssued(issued)));
  }

  ClusterImage image() {
    return images.get();
  }

  private <T> T write(java.util.function.Function<ClusterImage, Write<T>> command) {
    StateWriter current = writer;
    if (current == null) {
      throw new BerthException(ErrorCode.NOT_LEADER, "CA writes go to the leading master");
    }
    try {
      return current.write(command).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof BerthException b ? b : new BerthException(ErrorCode.INTERNAL, "CA write failed", e);
    } catch (TimeoutException e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, "CA write timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorCode.UNAVAILABLE, "CA write interrupted");
    }
  }
}
