package io.berth.dns.server;

import io.berth.dns.DnsConfig;
import io.berth.dns.records.DnsNames;
import io.berth.dns.records.NameRecords;
import io.berth.dns.records.RecordSet;
import io.berth.dns.records.Srv;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Answers questions about the cluster zones from a {@link RecordSet}, with Mesos-DNS' rules (spec 1.5): AA set;
 * A, AAAA, SRV (targets' first address in Additional), SOA and NS (in Authority), ANY (all of them); an unknown name
 * is NXDOMAIN with the SOA, a known name without records of the asked type NOERROR with the SOA, unknown SRV, SOA and
 * NS names NOERROR and empty. Answers are rotated by {@code rotation} (Mesos-DNS shuffles per query). Pure.
 */
public final class ZoneAnswers {
  /** A zone this server is authoritative for: its apex key and SOA/NS parameters. */
  public record Zone(String apex, String mname, String rname, int ttl, int soaTtl, int nsTtl) {}

  private final DnsConfig config;
  private final List<Zone> zones;

  public ZoneAnswers(DnsConfig config) {
    this.config = config;
    this.zones = List.of(
        new Zone(config.zone(), config.soaMname(), config.soaRname(), config.ttl(), config.ttl(), config.ttl()),
        new Zone(DnsConfig.DCOS_ZONE, "ns.spartan.", "support.mesosphere.com.", DnsConfig.DCOS_TTL, DnsConfig.DCOS_TTL, 3600),
        new Zone("thisdcos.global.", "ns.spartan.", "support.mesosphere.com.", DnsConfig.DCOS_TTL, DnsConfig.DCOS_TTL, 3600));
  }

  /** The zone of a name (a key), if this server answers for it. */
  public Optional<Zone> zoneOf(String key) {
    return zones.stream().filter(z -> DnsNames.inZone(key, z.apex())).findFirst();
  }

  /** The lookup key a name stands for: {@code *.dclb.thisdcos.directory} and {@code *.thisdcos.global} are aliases. */
  static String canonical(String key) {
    String k = key;
    if (DnsNames.inZone(k, "thisdcos.global.")) {
      k = k.substring(0, k.length() - "thisdcos.global.".length()) + DnsConfig.DCOS_ZONE;
    }
    String dclb = "dclb." + DnsConfig.DCOS_ZONE;
    if (DnsNames.inZone(k, dclb) && !k.equals(dclb)) {
      k = k.substring(0, k.length() - dclb.length()) + "l4lb." + DnsConfig.DCOS_ZONE;
    }
    return k;
  }

  /** The response to {@code query} (one question, in {@code zone}). */
  public Message answer(Message query, Zone zone, RecordSet records, int rotation) {
    Record question = query.getQuestion();
    Name qname = question.getName();
    int type = question.getType();
    Message response = responseTo(query, config.recurse());
    response.getHeader().setFlag(Flags.AA);
    String key = canonical(DnsNames.key(qname.toString()));
    NameRecords found = records.names().get(key);
    List<Record> answers = new ArrayList<>();
    boolean soaInAuthority = false;
    switch (type) {
      case Type.A -> addresses(answers, qname, found, false);
      case Type.AAAA -> addresses(answers, qname, found, true);
      case Type.SRV -> srv(answers, qname, found);
      case Type.SOA -> {
        response.addRecord(soa(qname, zone, records.serial()), Section.AUTHORITY);
        soaInAuthority = true;
      }
      case Type.NS -> response.addRecord(ns(qname, zone), Section.AUTHORITY);
      case Type.ANY -> {
        srv(answers, qname, found);
        addresses(answers, qname, found, false);
        addresses(answers, qname, found, true);
        response.addRecord(soa(qname, zone, records.serial()), Section.AUTHORITY);
        response.addRecord(ns(qname, zone), Section.AUTHORITY);
        soaInAuthority = true;
      }
      default -> { }
    }
    rotate(answers, rotation).forEach(r -> response.addRecord(r, Section.ANSWER));
    if (type == Type.SRV || type == Type.ANY) {
      additionalForTargets(response, answers, records);
    }
    if (answers.isEmpty() && type != Type.SOA && type != Type.NS && type != Type.SRV) {
      boolean exists = (found != null && !found.isEmpty()) || key.equals(zone.apex());
      response.getHeader().setRcode(exists ? Rcode.NOERROR : Rcode.NXDOMAIN);
      if (!soaInAuthority) {
        response.addRecord(soa(name(zone.apex()), zone, records.serial()), Section.AUTHORITY);
      }
    }
    return response;
  }

  /** A response skeleton: same id, opcode, RD and CD, the question, QR and RA set. */
  static Message responseTo(Message query, boolean recursionAvailable) {
    Message response = new Message(query.getHeader().getID());
    response.getHeader().setFlag(Flags.QR);
    response.getHeader().setOpcode(query.getHeader().getOpcode());
    if (query.getHeader().getFlag(Flags.RD)) {
      response.getHeader().setFlag(Flags.RD);
    }
    if (query.getHeader().getFlag(Flags.CD)) {
      response.getHeader().setFlag(Flags.CD);
    }
    if (recursionAvailable) {
      response.getHeader().setFlag(Flags.RA);
    }
    if (query.getQuestion() != null) {
      response.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return response;
  }

  private static void addresses(List<Record> out, Name qname, NameRecords found, boolean v6) {
    if (found == null) {
      return;
    }
    for (String ip : v6 ? found.aaaa() : found.a()) {
      InetAddress address = address(ip);
      if (address != null) {
        out.add(v6 ? new AAAARecord(qname, DClass.IN, found.ttl(), address) : new ARecord(qname, DClass.IN, found.ttl(), address));
      }
    }
  }

  private static void srv(List<Record> out, Name qname, NameRecords found) {
    if (found == null) {
      return;
    }
    for (Srv s : found.srv()) {
      out.add(new SRVRecord(qname, DClass.IN, found.ttl(), s.priority(), s.weight(), s.port(), name(s.target())));
    }
  }

  private static void additionalForTargets(Message response, List<Record> answers, RecordSet records) {
    Set<Name> targets = new LinkedHashSet<>();
    answers.stream().filter(r -> r instanceof SRVRecord).forEach(r -> targets.add(((SRVRecord) r).getTarget()));
    for (Name target : targets) {
      NameRecords t = records.names().get(DnsNames.key(target.toString()));
      if (t == null) {
        continue;
      }
      List<Record> extra = new ArrayList<>();
      addresses(extra, target, t, false);
      addresses(extra, target, t, true);
      extra.stream().filter(r -> r instanceof ARecord).findFirst().ifPresent(r -> response.addRecord(r, Section.ADDITIONAL));
      extra.stream().filter(r -> r instanceof AAAARecord).findFirst().ifPresent(r -> response.addRecord(r, Section.ADDITIONAL));
    }
  }

  SOARecord soa(Name owner, Zone zone, long serial) {
    return new SOARecord(owner, DClass.IN, zone.soaTtl(), name(zone.mname()), name(zone.rname()), serial & 0xffffffffL,
        60, 600, 86400, zone.ttl());
  }

  private static NSRecord ns(Name owner, Zone zone) {
    return new NSRecord(owner, DClass.IN, zone.nsTtl(), name(zone.mname()));
  }

  private static List<Record> rotate(List<Record> records, int rotation) {
    if (records.size() < 2 || rotation % records.size() == 0) {
      return records;
    }
    int k = Math.floorMod(rotation, records.size());
    List<Record> out = new ArrayList<>(records.subList(k, records.size()));
    out.addAll(records.subList(0, k));
    return out;
  }

  static Name name(String fqdn) {
    try {
      return Name.fromString(fqdn.endsWith(".") ? fqdn : fqdn + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException("not a DNS name: " + fqdn, e);
    }
  }

  private static InetAddress address(String ip) {
    try {
      return org.xbill.DNS.Address.getByAddress(ip); // literals only, never a lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
