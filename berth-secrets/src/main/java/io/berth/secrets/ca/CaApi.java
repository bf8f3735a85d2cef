package io.berth.secrets.ca;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.berth.common.error.BerthException;
import io.berth.http.ErrorRenderer;
import io.berth.http.Request;
import io.berth.http.Response;
import io.berth.http.Routes;
import io.berth.state.iam.IssuedCertificate;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The CA API of DC/OS ({@code /ca/api/v2}, CFSSL-compatible): {@code info}, {@code newkey}, {@code newcert},
 * {@code sign}, {@code bundle}, {@code certificates}; every answer in CFSSL's envelope
 * {@code {"success", "result", "errors", "messages"}}. The trust bundle is {@code GET /ca/dcos-ca.crt}.
 */
public final class CaApi {
  private static final String BASE = "/ca/api/v2";
  private final CaService ca;

  public CaApi(CaService ca) {
    this.ca = ca;
  }

  /** CFSSL's error envelope; the HTTP status comes from the error code. */
  public static ErrorRenderer errors() {
    return e -> new Response.JsonBody(e.code().httpStatus(), envelope(false, null,
        List.of(Map.of("code", e.code().httpStatus(), "message", e.getMessage()))), Map.of());
  }

  record SignRequest(@JsonProperty("certificate_request") String certificateRequest, List<String> hosts,
      CfsslRequest subject, String profile) {}

  record NewCert(CfsslRequest request, String profile) {}

  record CertificatesQuery(String serial, @JsonProperty("authority_key_id") String authorityKeyId,
      @JsonProperty("expired_ok") boolean expiredOk) {}

  public Routes routes() {
    Routes.Builder r = Routes.builder(errors());
    r.get("/ca/dcos-ca.crt", req -> new Response.Bytes(200, "application/x-pem-file",
        ca.require().certificatePem().getBytes(StandardCharsets.US_ASCII), Map.of()));
    for (String verb : List.of("info")) {
      r.get(BASE + "/" + verb, req -> ok(info()));
      r.post(BASE + "/" + verb, req -> ok(info()));
    }
    r.post(BASE + "/newkey", req -> ok(newKey(body(req, CfsslRequest.class))))
        .post(BASE + "/newcert", req -> {
          NewCert body = body(req, NewCert.class);
          if (body.request() == null) {
            throw BerthException.badRequest("newcert needs a 'request'");
          }
          Map<String, Object> made = newKey(body.request());
          X509Certificate cert = sign(Pem.csr((String) made.get("certificate_request")), List.of(), null);
          Map<String, Object> result = new LinkedHashMap<>(made);
          result.put("certificate", Pem.write(cert));
          return ok(result);
        })
        .post(BASE + "/sign", req -> {
          SignRequest body = body(req, SignRequest.class);
          PKCS10CertificationRequest csr = parse(() -> Pem.csr(body.certificateRequest()));
          X509Certificate cert = sign(csr, body.hosts(), body.subject());
          return ok(Map.of("certificate", Pem.write(cert)));
        })
        .post(BASE + "/bundle", req -> {
          Map<?, ?> body = body(req, Map.class);
          Object pem = body.get("certificate");
          X509Certificate leaf = parse(() -> Pem.certificate(pem == null ? null : pem.toString()));
          return ok(Map.of("bundle", Pem.write(leaf), "root", ca.require().certificatePem(),
              "issuer", leaf.getIssuerX500Principal().getName(), "status", Map.of("code", 0)));
        })
        .post(BASE + "/certificates", req -> ok(certificates(req.body().length == 0
            ? new CertificatesQuery(null, null, false) : req.json(CertificatesQuery.class))));
    return r.build();
  }

  private Map<String, Object> info() {
    return Map.of("certificate", ca.require().certificatePem(), "usages",
        List.of("signing", "key encipherment", "server auth", "client auth"),
        "expiry", CertificateAuthority.LEAF_VALIDITY.toHours() + "h");
  }

  private Map<String, Object> newKey(CfsslRequest request) throws Exception {
    KeyPair pair = parse(request::generateKey);
    PKCS10CertificationRequest csr = parse(() -> request.csr(pair));
    String csrPem = Pem.write(csr);
    byte[] der = csr.getEncoded();
    return Map.of("private_key", Pem.write(pair.getPrivate()), "certificate_request", csrPem,
        "sums", Map.of("certificate_request", Map.of(
            "md5", HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("MD5").digest(der)),
            "sha-1", HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der)))));
  }

  private X509Certificate sign(PKCS10CertificationRequest csr, List<String> hosts, CfsslRequest subject) {
    X509Certificate cert = parse(() -> ca.require().sign(csr, hosts, subject == null ? null : subject.subject(),
        ca.clock().instant(), CertificateAuthority.LEAF_VALIDITY));
    ca.recordIssued(cert);
    return cert;
  }

  private List<Map<String, Object>> certificates(CertificatesQuery query) {
    Instant now = ca.clock().instant();
    return ca.image().iam().certificates().stream()
        .filter(c -> query.serial() == null || query.serial().equalsIgnoreCase(c.serial()))
        .map(c -> describe(c, Pem.certificate(c.pem())))
        .filter(m -> query.expiredOk() || now.isBefore((Instant) m.get("not_after")))
        .filter(m -> query.authorityKeyId() == null || query.authorityKeyId().equalsIgnoreCase((String) m.get("authority_key_id")))
        .toList();
  }

  private Map<String, Object> describe(IssuedCertificate issued, X509Certificate cert) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("serial", issued.serial());
    m.put("pem", issued.pem());
    m.put("authority_key_id", keyId(ca.require().certificate()));
    m.put("sigalg", cert.getSigAlgName());
    m.put("not_before", cert.getNotBefore().toInstant());
    m.put("not_after", cert.getNotAfter().toInstant());
    m.put("subject", Map.of("common_name", cert.getSubjectX500Principal().getName()));
    m.put("issuer", Map.of("common_name", cert.getIssuerX500Principal().getName()));
    m.put("status", "good");
    return m;
  }

  private static String keyId(X509Certificate cert) {
    byte[] ski = cert.getExtensionValue("2.5.29.14");
    if (ski == null) {
      return "";
    }
    byte[] octets = org.bouncycastle.asn1.ASN1OctetString.getInstance(
        org.bouncycastle.asn1.ASN1OctetString.getInstance(ski).getOctets()).getOctets();
    return HexFormat.ofDelimiter(":").withUpperCase().formatHex(octets);
  }

  private static Response ok(Object result) {
    return Response.ok(envelope(true, result, List.of()));
  }

  static Map<String, Object> envelope(boolean success, Object result, List<?> errors) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("success", success);
    m.put("result", result);
    m.put("errors", errors);
    m.put("messages", List.of());
    return m;
  }

  private static <T> T body(Request req, Class<T> type) {
    return req.json(type);
  }

  private static <T> T parse(Supplier<T> step) {
    try {
      return step.get();
    } catch (IllegalArgumentException e) {
      throw BerthException.badRequest(e.getMessage());
    }
  }
}
