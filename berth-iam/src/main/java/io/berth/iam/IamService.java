package io.berth.iam;

import io.berth.common.error.BerthException;
import io.berth.common.error.ErrorCode;
import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import io.berth.state.StateWriter;
import io.berth.state.StateWriter.Write;
import io.berth.state.iam.IamChange;
import io.berth.state.iam.IamChange.Principal;
import io.berth.state.iam.IamImage;
import io.berth.state.iam.IamUser;
import io.berth.state.iam.SigningKey;
import io.berth.state.image.ClusterImage;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IAM on one master: reads the IAM image from the cluster state, writes through the leader's loop while this
 * master leads ({@link #lead}), signs and verifies tokens with the cluster's key.
 */
public final class IamService {
  private static final Logger log = LoggerFactory.getLogger(IamService.class);
  private final IamConfig config;
  private final Supplier<ClusterImage> images;
  private final InstantSource clock;
  private final Ticker ticker;
  private final IdGenerator ids;
  private final PasswordHasher hasher;
  private volatile StateWriter writer;
  private volatile Keys keys;

  private record Keys(SigningKey key, TokenSigner signer, TokenVerifier verifier) {}

  public IamService(IamConfig config, Supplier<ClusterImage> images, InstantSource clock, Ticker ticker, IdGenerator ids) {
    this.config = config;
    this.images = images;
    this.clock = clock;
    this.ticker = ticker;
    this.ids = ids;
    this.hasher = new PasswordHasher(config.bcryptCost());
  }

  /** This master leads: writes go through {@code state}. */
  public void lead(StateWriter state) {
    this.writer = state;
  }

  public void stepDown() {
    this.writer = null;
  }

  public IamImage image() {
    return images.get().iam();
  }

  public IamConfig config() {
    return config;
  }

  public InstantSource clock() {
    return clock;
  }

  public Ticker ticker() {
    return ticker;
  }

  public PasswordHasher hasher() {
    return hasher;
  }

  /** Runs a command on the leader and waits for its records to be durable. */
  public <T> T write(Function<IamImage, Write<T>> command) {
    StateWriter current = writer;
    if (current == null) {
      throw new BerthException(ErrorCode.NOT_LEADER, "IAM writes go to the leading master; this master does not lead");
    }
    try {
      return current.write((ClusterImage image) -> command.apply(image.iam())).get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof BerthException b) {
        throw b;
      }
      throw new BerthException(ErrorCode.INTERNAL, "IAM write failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new BerthException(ErrorCode.UNAVAILABLE, "IAM write timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorCode.UNAVAILABLE, "IAM write interrupted");
    }
  }

  /** The signer of authentication tokens, once the cluster has its key. */
  public Optional<TokenSigner> signer() {
    return currentKeys().map(Keys::signer);
  }

  /** The verifier of authentication tokens, once the cluster has its key. */
  public Optional<TokenVerifier> verifier() {
    return currentKeys().map(Keys::verifier);
  }

  private Optional<Keys> currentKeys() {
    SigningKey key = image().signingKey();
    if (key == null) {
      return Optional.empty();
    }
    Keys known = keys;
    if (known == null || !known.key().equals(key)) {
      known = new Keys(key, new TokenSigner(key, config.tokenLifetime()), new TokenVerifier(TokenKeys.publicKey(key)));
      keys = known;
    }
    return Optional.of(known);
  }

  /** A service account to create at bootstrap. */
  public record ServiceAccount(String uid, String publicKeyPem, String description) {}

  /**
   * Makes a new cluster secure: the token signing key, the superuser {@code uid} with {@code password}, and the
   * given service accounts (superusers too: they are the cluster's own components). Does nothing for a cluster
   * that already has a signing key, so it is safe on every new term. Call while leading.
   */
  public void bootstrap(String uid, String password, List<ServiceAccount> accounts) {
    if (image().signingKey() != null) {
      return;
    }
    SigningKey key = TokenKeys.generate(ids.next());
    String hash = hasher.hash(IamCommands.checkPassword(password));
    boolean created = write(iam -> {
      if (iam.signingKey() != null) {
        return Write.of(false);
      }
      List<io.berth.state.record.ChangeRecord> records = new ArrayList<>();
      records.add(new IamChange.SigningKeyCreated(key));
      records.add(new IamChange.AclSaved(Authorizer.SUPERUSER, "Superuser: may do everything"));
      records.add(new IamChange.UserSaved(new IamUser(IamCommands.checkUid(uid), "Bootstrap superuser", hash, null, null, null)));
      records.add(new IamChange.Granted(Authorizer.SUPERUSER, Principal.USER, uid, "full"));
      for (ServiceAccount account : accounts) {
        TokenKeys.parsePublicKeyPem(account.publicKeyPem());
        records.add(new IamChange.UserSaved(new IamUser(IamCommands.checkUid(account.uid()), account.description(), null,
            account.publicKeyPem(), null, null)));
        records.add(new IamChange.Granted(Authorizer.SUPERUSER, Principal.USER, account.uid(), "full"));
      }
      return Write.of(true, records);
    });
    if (created) {
      log.info("IAM bootstrapped: signing key {}, superuser '{}', {} service account(s)", key.kid(), uid, accounts.size());
    }
  }

  /**
   * Creates those of the cluster's own service accounts that do not exist yet (superusers, as at bootstrap): a
   * cluster made before an account was needed gets it on the next term. Call while leading, after {@link #bootstrap}.
   */
  public void ensureServiceAccounts(List<ServiceAccount> accounts) {
    for (ServiceAccount account : accounts) {
      TokenKeys.parsePublicKeyPem(account.publicKeyPem());
    }
    int made = write(iam -> {
      List<io.berth.state.record.ChangeRecord> records = new ArrayList<>();
      for (ServiceAccount account : accounts) {
        if (iam.user(account.uid()).isEmpty()) {
          records.add(new IamChange.UserSaved(new IamUser(IamCommands.checkUid(account.uid()), account.description(), null,
              account.publicKeyPem(), null, null)));
          records.add(new IamChange.Granted(Authorizer.SUPERUSER, Principal.USER, account.uid(), "full"));
        }
      }
      return Write.of(records.size() / 2, records);
    });
    if (made > 0) {
      log.info("IAM: created {} service account(s) of the cluster's components", made);
    }
  }
}
