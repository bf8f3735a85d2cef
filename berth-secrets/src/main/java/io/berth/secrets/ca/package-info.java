/**
 * The cluster certificate authority: a root made when the cluster is created (or imported), certificates for the
 * gateway and components, and the CFSSL-compatible API of DC/OS ({@code /ca/api/v2}).
 */
package io.berth.secrets.ca;
