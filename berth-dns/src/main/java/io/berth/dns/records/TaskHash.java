package io.berth.dns.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The hash part of Mesos-DNS canonical task names: the first 5 characters of zbase32(sha1(task id)). */
public final class TaskHash {
  private static final String ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769";

  private TaskHash() {}

  public static String of(String taskId) {
    byte[] sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1").digest(taskId.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
    // 5 characters = the first 25 bits, most significant first
    long bits = ((sha1[0] & 0xffL) << 24) | ((sha1[1] & 0xffL) << 16) | ((sha1[2] & 0xffL) << 8) | (sha1[3] & 0xffL);
    StringBuilder out = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      out.append(ZBASE32.charAt((int) ((bits >>> (27 - 5 * i)) & 0x1f)));
    }
    return out.toString();
  }
}
