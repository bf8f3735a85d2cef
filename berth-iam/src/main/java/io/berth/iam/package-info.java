/**
 * Identity and access management (DC/OS "Bouncer", {@code /acs/api/v1}): users, groups, service accounts, ACLs,
 * RS256 tokens, LDAP and OpenID Connect providers. State lives in the cluster image ({@link io.berth.state.iam.IamImage});
 * writes go through the leading master's loop.
 */
package io.berth.iam;
