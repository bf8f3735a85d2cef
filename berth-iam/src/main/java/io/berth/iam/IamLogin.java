package io.berth.iam;

import io.berth.common.error.ErrorCode;
import io.berth.iam.IamRequests.Login;
import io.berth.iam.ldap.LdapDirectory;
import io.berth.state.StateWriter.Write;
import io.berth.state.iam.IamChange;
import io.berth.state.iam.IamImage;
import io.berth.state.iam.IamUser;
import io.berth.state.record.ChangeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /auth/login}: local users by bcrypt password, service accounts by an RS256 service login token
 * signed with their key (at most 10 minutes of lifetime), directory users by an LDAP bind (imported on their first
 * login, with their memberships of groups imported before). Attempts are rate-limited per uid and source address.
 * Failures never say whether the user exists.
 */
public final class IamLogin {
  private static final Logger log = LoggerFactory.getLogger(IamLogin.class);
  private final IamService iam;
  private final LoginThrottle throttle;
  private final String dummyHash;

  public IamLogin(IamService iam) {
    this.iam = iam;
    this.throttle = new LoginThrottle(iam.config().loginAttempts(), iam.config().loginWindow(), iam.ticker());
    this.dummyHash = iam.hasher().hash("not-a-password");
  }

  /** Thrown when a uid and source used up their attempts: the API answers 429. */
  public static final class TooManyAttempts extends RuntimeException {
    TooManyAttempts(String message) {
      super(message, null, false, false);
    }
  }

  /** Checks the credentials and returns a new authentication token for the uid. */
  public String login(Login request, String source) {
    if (request == null || request.uid() == null || request.uid().isBlank()) {
      throw IamErrors.invalid("uid is required");
    }
    if ((request.password() == null) == (request.token() == null)) {
      throw IamErrors.invalid("Give exactly one of password and token");
    }
    String uid = request.uid();
    String throttleKey = uid + "|" + source;
    if (!throttle.allowed(throttleKey)) {
      log.warn("login of '{}' from {} refused: too many attempts", uid, source);
      throw new TooManyAttempts("Too many login attempts for `" + uid + "`; try again later.");
    }
    TokenSigner signer = iam.signer().orElseThrow(() ->
        new IamException(ErrorCode.UNAVAILABLE, "ERR_SERVICE_UNAVAILABLE", "IAM is not bootstrapped yet"));
    Instant now = iam.clock().instant();
    IamImage image = iam.image();
    Optional<IamUser> user = image.user(uid);
    boolean ok = request.token() != null ? serviceLogin(user, request.token(), now) : passwordLogin(image, user, uid, request.password());
    if (!ok) {
      throttle.failed(throttleKey);
      log.warn("login of '{}' from {} failed", uid, source);
      throw IamErrors.invalidCredentials("Invalid credentials");
    }
    return signer.issue(uid, now);
  }

  private boolean serviceLogin(Optional<IamUser> user, String token, Instant now) {
    if (user.isEmpty() || !user.get().isService()) {
      return false;
    }
    try {
      VerifiedToken verified = new TokenVerifier(TokenKeys.parsePublicKeyPem(user.get().publicKey()))
          .verify(token, now, IamConfig.SERVICE_LOGIN_MAX_LIFETIME);
      return verified.uid().equals(user.get().uid());
    } catch (TokenRejected e) {
      log.info("service login token of '{}' rejected: {}", user.get().uid(), e.getMessage());
      return false;
    }
  }

  private boolean passwordLogin(IamImage image, Optional<IamUser> user, String uid, String password) {
    if (user.isPresent() && user.get().passwordHash() != null) {
      return iam.hasher().matches(user.get().passwordHash(), password);
    }
    boolean directoryUser = user.isPresent() && "ldap".equals(user.get().providerType());
    if (image.ldap() == null || (user.isPresent() && !directoryUser)) {
      iam.hasher().matches(dummyHash, password); // the same time as for a real user
      return false;
    }
    Optional<LdapDirectory.DirectoryUser> found = new LdapDirectory(image.ldap()).authenticate(uid, password);
    if (found.isEmpty()) {
      return false;
    }
    iam.write(current -> importDirectoryUser(current, IamCommands.checkUid(uid), found.get().groups()));
    return true;
  }

  /** Records a directory user (if new) and its memberships of groups that IAM knows. */
  static Write<Void> importDirectoryUser(IamImage iam, String uid, List<String> directoryGroups) {
    List<ChangeRecord> records = new ArrayList<>();
    if (iam.user(uid).isEmpty()) {
      records.add(new IamChange.UserSaved(new IamUser(uid, "", null, null, "ldap", "ldap")));
    }
    for (String gid : directoryGroups) {
      iam.group(gid).filter(g -> !g.members().contains(uid)).ifPresent(g -> records.add(new IamChange.MemberAdded(gid, uid)));
    }
    return Write.of(null, records);
  }
}
