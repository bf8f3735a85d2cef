/**
 * Pure placement: which agent, and which concrete resources, for one instance of an app or a job. No I/O, no
 * clock, no threads; the same inputs always give the same answer.
 *
 * <p>The API, smallest first:
 * <ul>
 *   <li>{@link io.berth.placement.Constraint} — one {@code [field, operator, value?]} constraint; {@link
 *       io.berth.placement.Constraint#validate} gives Marathon's 422 messages, {@link
 *       io.berth.placement.Constraint#parse} the record. Fields: {@code hostname}/{@code @hostname}, {@code @region},
 *       {@code @zone}, or an agent attribute. Operators ({@link io.berth.placement.Operator}): UNIQUE, CLUSTER,
 *       GROUP_BY, LIKE, UNLIKE, MAX_PER, IS.</li>
 *   <li>{@link io.berth.placement.AgentFacts} — what constraints see of an agent (id, hostname, attributes, fault
 *       domain); used for candidates and for the agents of existing instances.</li>
 *   <li>{@link io.berth.placement.Candidate} — an agent with the resources it has free (an offer).</li>
 *   <li>{@link io.berth.placement.Demand} — cpus, mem, disk, gpus, how many host ports of any number, and which
 *       fixed host ports.</li>
 *   <li>{@link io.berth.placement.PlacementRequest} — demand + constraints + the agents of the instances that already
 *       exist (one entry per instance); {@code placedOn(agent)} adds one.</li>
 *   <li>{@link io.berth.placement.Placement#check} — the {@link io.berth.placement.RejectReason}s of one candidate
 *       (empty: it fits); {@link io.berth.placement.Placement#place} — the best of many candidates as
 *       {@link io.berth.placement.PlacementResult.Placed} (agent, concrete resources, ports in demand order) or
 *       {@link io.berth.placement.PlacementResult.Rejected} with the reasons per agent; {@link
 *       io.berth.placement.Placement#take} — the concrete resources on one candidate.</li>
 * </ul>
 *
 * <p>Example (a job run that must land on a rack-1 agent, one per host):
 * <pre>{@code
 * PlacementRequest request = new PlacementRequest(Demand.of(0.5, 256),
 *     List.of(Constraint.parse(List.of("rack", "IS", "rack-1")), Constraint.parse(List.of("hostname", "UNIQUE"))),
 *     existingAgents);
 * switch (Placement.place(request, candidates)) {
 *   case PlacementResult.Placed p -> launch(p.agentId(), p.resources(), p.ports());
 *   case PlacementResult.Rejected r -> queue(r.reasons());
 * }
 * }</pre>
 */
package io.berth.placement;
