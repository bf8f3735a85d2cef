package io.berth.marathon.events;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One event of Marathon's event stream: its type (the SSE event name) and its JSON payload (with eventType and timestamp). */
public record MarathonEvent(String eventType, ObjectNode payload) {}
