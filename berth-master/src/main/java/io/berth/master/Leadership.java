package io.berth.master;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import java.util.Optional;

/** Who leads, as the HTTP APIs of a master need to know: this master's current term, or where the leader is. */
public interface Leadership {
  /** The current term when this master leads. */
  Optional<LeaderTerm> term();

  /** The URL of the leading master (this one or another), if there is a leader. */
  Optional<String> leaderUrl();

  MasterConfig config();

  /** The current term, or a NOT_LEADER error that says where the leader is. */
  default LeaderTerm requireTerm() {
    return term().orElseThrow(() -> new BerthException(ErrorCode.NOT_LEADER,
        "This master is not the leader" + leaderUrl().map(u -> "; the leader is " + u).orElse("; no leader is elected yet")));
  }
}
