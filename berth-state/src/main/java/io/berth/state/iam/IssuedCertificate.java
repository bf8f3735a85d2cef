package io.berth.state.iam;

import java.time.Instant;

/** A certificate the cluster CA signed, kept for {@code /ca/api/v2/certificates}. */
public record IssuedCertificate(String serial, String pem, Instant issuedAt) {}
