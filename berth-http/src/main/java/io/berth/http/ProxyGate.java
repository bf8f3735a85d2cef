package io.berth.http;

import io.berth.common.id.IdGenerator;
import io.berth.common.time.Ticker;
import java.util.concurrent.ExecutorService;

/** What every connection of one {@link ReverseProxy} shares: its router, access log, ids, clock and upstreams. */
record ProxyGate(ProxyRouter router, AccessLog access, IdGenerator ids, Ticker ticker, UpstreamPool upstreams,
    ExecutorService blocking) {}
