package io.berth.iam;

/** A token that is not accepted, with the reason (for logs; clients only see 401). */
public final class TokenRejected extends Exception {
  public TokenRejected(String reason) {
    super(reason, null, false, false);
  }
}
