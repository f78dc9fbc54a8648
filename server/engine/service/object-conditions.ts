import type { ObjectRecord } from "../metadata/records";
import { EngineError } from "../errors";

/** A write's If-Match / If-None-Match, checked against the current object before the write and again inside its commit. */

export interface WriteConditions {
  /** If-None-Match: * — only create. */
  ifNoneMatchStar?: boolean;
  /** If-None-Match: <etag> — the current ETag must not be this one (quotes stripped). */
  ifNoneMatchEtag?: string;
  /** If-Match: the current ETag must be this one (quotes stripped). */
  ifMatchEtag?: string;
}

export function checkConditions(
  current: ObjectRecord | null,
  conditions: WriteConditions | undefined,
  failure: "PreconditionFailed" | "ConditionalRequestConflict",
): void {
  if (!conditions) return;
  if (conditions.ifNoneMatchStar && current) {
    throw new EngineError(
      failure,
      failure === "PreconditionFailed"
        ? "At least one of the pre-conditions you specified did not hold: the object exists."
        : "A conflicting operation created the object while this one was in progress.",
    );
  }
  if (conditions.ifNoneMatchEtag !== undefined && current && current.etag === conditions.ifNoneMatchEtag) {
    throw new EngineError(
      failure,
      failure === "PreconditionFailed"
        ? "At least one of the pre-conditions you specified did not hold: the ETag matches."
        : "A conflicting operation changed the object while this one was in progress.",
    );
  }
  if (conditions.ifMatchEtag !== undefined && (!current || current.etag !== conditions.ifMatchEtag)) {
    if (!current && failure === "PreconditionFailed")
      throw new EngineError("NoSuchKey", "The specified key does not exist.");
    throw new EngineError(
      failure,
      failure === "PreconditionFailed"
        ? "At least one of the pre-conditions you specified did not hold: the ETag differs."
        : "A conflicting operation changed the object while this one was in progress.",
    );
  }
}
