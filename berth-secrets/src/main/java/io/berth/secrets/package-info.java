/** The cluster certificate authority (CFSSL-compatible) and, later, the secrets store. */
package io.berth.secrets;
