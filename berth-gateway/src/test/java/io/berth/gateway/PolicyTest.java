package io.berth.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.berth.state.iam.IamChange;
import io.berth.state.iam.IamChange.Principal;
import io.berth.state.iam.IamImage;
import io.berth.state.iam.IamUser;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final String RID = "dcos:adminrouter:ops:mesos";

  @Test
  void rememberedDecisionsFollowIamsImage() {
    IamImage alice = IamImage.EMPTY.apply(new IamChange.UserSaved(new IamUser("alice", "", "h", null, null, null)))
        .apply(new IamChange.AclSaved(RID, ""));
    AtomicReference<IamImage> iam = new AtomicReference<>(alice);
    Policy policy = Policy.of(iam::get);
    assertThat(policy.allows("alice", RID)).isFalse();
    assertThat(policy.allows("alice", RID)).isFalse(); // remembered
    iam.set(alice.apply(new IamChange.Granted(RID, Principal.USER, "alice", "full")));
    assertThat(policy.allows("alice", RID)).isTrue(); // a new image: asked again
    iam.set(iam.get().apply(new IamChange.Revoked(RID, Principal.USER, "alice", "full")));
    assertThat(policy.allows("alice", RID)).isFalse();
    assertThat(policy.allows("bob", RID)).isFalse();
  }
}
