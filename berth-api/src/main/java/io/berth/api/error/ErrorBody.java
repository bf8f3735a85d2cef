package io.berth.api.error;

import io.berth.common.error.BerthException;
import java.util.List;

/** The error body of Berth's own APIs (those that have no compatible shape to follow). */
public record ErrorBody(String code, String message, List<BerthException.Detail> details) {}
