/** Admin Router: the one authenticated, TLS entry point; route table, auth filter, reverse proxy. */
package io.berth.gateway;
