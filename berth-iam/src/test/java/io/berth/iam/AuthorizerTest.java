package io.berth.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.state.iam.IamChange;
import io.berth.state.iam.IamChange.Principal;
import io.berth.state.iam.IamImage;
import io.berth.state.iam.IamUser;
import io.berth.state.image.ClusterImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthorizerTest {
  static IamImage image() {
    return ClusterImage.EMPTY.apply(1, List.of(
        new IamChange.UserSaved(new IamUser("root", "", "h", null, null, null)),
        new IamChange.UserSaved(new IamUser("alice", "", "h", null, null, null)),
        new IamChange.UserSaved(new IamUser("bob", "", "h", null, null, null)),
        new IamChange.GroupSaved("admins", "", null), new IamChange.MemberAdded("admins", "root"),
        new IamChange.AclSaved("dcos:superuser", ""),
        new IamChange.Granted("dcos:superuser", Principal.GROUP, "admins", "full"),
        new IamChange.AclSaved("dcos:adminrouter:service:marathon", ""),
        new IamChange.Granted("dcos:adminrouter:service:marathon", Principal.USER, "alice", "full"),
        new IamChange.AclSaved("dcos:mesos:master:task:app_id", ""),
        new IamChange.Granted("dcos:mesos:master:task:app_id", Principal.USER, "bob", "create"))).iam();
  }

  @Test
  void superusersThroughAGroupMayDoAnything() {
    assertThat(Authorizer.allowed(image(), "root", "dcos:adminrouter:ops:mesos", "full")).isTrue();
    assertThat(Authorizer.isSuperuser(image(), "root")).isTrue();
    assertThat(Authorizer.isSuperuser(image(), "alice")).isFalse();
  }

  @Test
  void fullImpliesEveryActionButAdminRouterIdsDoNotReachNestedServices() {
    assertThat(Authorizer.allowed(image(), "alice", "dcos:adminrouter:service:marathon", "read")).isTrue();
    assertThat(Authorizer.allowed(image(), "alice", "dcos:adminrouter:service:marathon:nested", "full")).isFalse();
    assertThat(Authorizer.allowed(image(), "alice", "dcos:adminrouter:ops:mesos", "full")).isFalse();
  }

  @Test
  void shorterMesosIdsCoverTheIdsBeneathThemForTheGrantedActionOnly() {
    assertThat(Authorizer.allowed(image(), "bob", "dcos:mesos:master:task:app_id:/dev/web", "create")).isTrue();
    assertThat(Authorizer.allowed(image(), "bob", "dcos:mesos:master:task:app_id:/dev/web", "delete")).isFalse();
    assertThat(Authorizer.allowed(image(), "bob", "dcos:mesos:master:task", "create")).isFalse();
    assertThat(Authorizer.allowed(image(), "nobody", "dcos:mesos:master:task:app_id", "create")).isFalse();
  }
}
