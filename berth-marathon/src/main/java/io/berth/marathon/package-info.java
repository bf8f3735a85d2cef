/** Marathon-compatible service scheduler: the /v2 API, apps, groups, pods, deployments, health, events. */
package io.berth.marathon;
