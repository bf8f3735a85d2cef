package io.berth.state.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.state.iam.IamChange.Principal;
import io.berth.state.image.ClusterImage;
import io.berth.state.record.ChangeRecord;
import io.berth.state.store.RecordCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamImageTest {
  static final IamUser ALICE = new IamUser("alice", "Alice", "$2y$hash", null, null, null);
  static final IamUser SVC = new IamUser("svc", "", null, "-----BEGIN PUBLIC KEY-----", null, null);

  static List<ChangeRecord> setup() {
    return List.of(new IamChange.UserSaved(ALICE), new IamChange.UserSaved(SVC),
        new IamChange.GroupSaved("ops", "Operators", null), new IamChange.MemberAdded("ops", "alice"),
        new IamChange.MemberAdded("ops", "svc"), new IamChange.MemberAdded("ops", "alice"),
        new IamChange.AclSaved("dcos:adminrouter:ops:mesos", "Mesos"),
        new IamChange.Granted("dcos:adminrouter:ops:mesos", Principal.USER, "alice", "full"),
        new IamChange.Granted("dcos:adminrouter:ops:mesos", Principal.USER, "alice", "read"),
        new IamChange.Granted("dcos:adminrouter:ops:mesos", Principal.GROUP, "ops", "read"),
        new IamChange.SigningKeyCreated(new SigningKey("k1", "priv", "pub")),
        new IamChange.CaCreated(new CaRoot("CERT", "KEY", false)),
        new IamChange.CertificateIssued(new IssuedCertificate("01", "PEM", Instant.parse("2026-01-01T00:00:00Z"))),
        new IamChange.LdapConfigured(new LdapSettings("localhost", 389, false, false, "uid=%(username)s,dc=x", null, null,
            null, new LdapSettings.GroupSearch("ou=groups", "(cn=%(groupname)s)", List.of("member")), null)),
        new IamChange.OidcProviderSaved(new OidcProvider("google", "G", "https://accounts", "https://cluster", "id",
            "secret", true, null)));
  }

  @Test
  void replayBuildsUsersGroupsAndGrants() {
    IamImage iam = ClusterImage.EMPTY.apply(1, setup()).iam();
    assertThat(iam.users()).containsKeys("alice", "svc");
    assertThat(iam.user("svc").orElseThrow().isService()).isTrue();
    assertThat(iam.group("ops").orElseThrow().members()).containsExactly("alice", "svc");
    assertThat(iam.groupsOf("alice")).containsExactly("ops");
    IamAcl acl = iam.acl("dcos:adminrouter:ops:mesos").orElseThrow();
    assertThat(acl.users()).isEqualTo(Map.of("alice", List.of("full", "read")));
    assertThat(acl.groups()).isEqualTo(Map.of("ops", List.of("read")));
    assertThat(iam.signingKey().kid()).isEqualTo("k1");
    assertThat(iam.certificates()).hasSize(1);
  }

  @Test
  void revokingAndDeletingCleansUpEverythingThatNamesThePrincipal() {
    ClusterImage image = ClusterImage.EMPTY.apply(1, setup());
    IamImage iam = image.apply(2, List.of(
        new IamChange.Revoked("dcos:adminrouter:ops:mesos", Principal.USER, "alice", "read"),
        new IamChange.UserDeleted("svc"), new IamChange.GroupDeleted("ops"))).iam();
    assertThat(iam.acl("dcos:adminrouter:ops:mesos").orElseThrow().users()).isEqualTo(Map.of("alice", List.of("full")));
    assertThat(iam.acl("dcos:adminrouter:ops:mesos").orElseThrow().groups()).isEmpty();
    assertThat(iam.users()).containsOnlyKeys("alice");
    assertThat(iam.groups()).isEmpty();

    IamImage all = image.apply(2, List.of(new IamChange.Revoked("dcos:adminrouter:ops:mesos", Principal.USER, "alice", null),
        new IamChange.UserDeleted("alice"))).iam();
    assertThat(all.acl("dcos:adminrouter:ops:mesos").orElseThrow().users()).isEmpty();
    assertThat(all.group("ops").orElseThrow().members()).containsExactly("svc");
  }

  @Test
  void grantsOnAMissingAclAndMembersOfAMissingGroupChangeNothing() {
    IamImage iam = ClusterImage.EMPTY.apply(1, List.of(new IamChange.Granted("nope", Principal.USER, "a", "full"),
        new IamChange.MemberAdded("nogroup", "a"))).iam();
    assertThat(iam).isEqualTo(IamImage.EMPTY);
  }

  @Test
  void recordsAndImagesSurviveTheStoreCodec() {
    List<ChangeRecord> records = setup();
    assertThat(RecordCodec.decodeBatch(RecordCodec.encodeBatch(records))).isEqualTo(records);
    ClusterImage image = ClusterImage.EMPTY.apply(1, records);
    assertThat(RecordCodec.decodeImage(RecordCodec.encodeImage(image)).iam()).isEqualTo(image.iam());
  }
}
