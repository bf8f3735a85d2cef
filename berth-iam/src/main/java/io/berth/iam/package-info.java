/** Identity and access: users, groups, service accounts, permissions, JWT login, LDAP and OIDC providers. */
package io.berth.iam;
