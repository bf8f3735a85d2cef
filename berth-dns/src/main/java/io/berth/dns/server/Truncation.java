package io.berth.dns.server;

import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Fits a response into the client's limit (512 bytes over UDP, or its EDNS0 size; 65535 over TCP), as Mesos-DNS does:
 * drop the Additional section first (keeping the OPT record), then trailing answers, then authority records; the TC
 * bit is set when answers or authority records had to go (and the config wants it).
 */
public final class Truncation {
  public static final int UDP_DEFAULT = 512;
  public static final int MAX_EDNS = 4096;
  public static final int TCP_MAX = 65535;

  private Truncation() {}

  /** The size limit of a response to this query. */
  public static int limit(Message query, boolean tcp) {
    if (tcp) {
      return TCP_MAX;
    }
    OPTRecord opt = query.getOPT();
    return opt == null ? UDP_DEFAULT : Math.max(UDP_DEFAULT, Math.min(opt.getPayloadSize(), MAX_EDNS));
  }

  /** The wire form of {@code response} within {@code limit} bytes; may modify {@code response}. */
  public static byte[] toWire(Message response, int limit, boolean setTruncateBit) {
    byte[] wire = response.toWire();
    if (wire.length <= limit) {
      return wire;
    }
    OPTRecord opt = response.getOPT();
    response.removeAllRecords(Section.ADDITIONAL);
    if (opt != null) {
      response.addRecord(opt, Section.ADDITIONAL);
    }
    wire = response.toWire();
    if (wire.length <= limit) {
      return wire;
    }
    if (setTruncateBit) {
      response.getHeader().setFlag(Flags.TC);
    }
    for (int section : new int[] {Section.AUTHORITY, Section.ANSWER}) {
      List<Record> records = response.getSection(section);
      // the largest prefix of this section that fits (with the following sections emptied)
      response.removeAllRecords(section);
      int lo = 0;
      int hi = records.size();
      wire = response.toWire();
      if (wire.length > limit) {
        continue;
      }
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        response.removeAllRecords(section);
        records.subList(0, mid).forEach(r -> response.addRecord(r, section));
        if (response.toWire().length <= limit) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      response.removeAllRecords(section);
      records.subList(0, lo).forEach(r -> response.addRecord(r, section));
      return response.toWire();
    }
    return response.toWire();
  }
}
