package io.berth.iam;

import java.time.Instant;

/** A token whose signature and times were checked: who it names and until when it is valid. */
public record VerifiedToken(String uid, Instant expiresAt) {}
