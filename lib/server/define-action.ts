import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { requireSession } from "@/lib/server/auth/guard";
import { assertInputInScope, type Need } from "@/lib/server/tenancy/scope";
import { describeActionError, parseInput, type DescribedError } from "./action-errors";
import { contextFor, type ConsoleContext } from "./context";

/**
 * The one shape of a console action: session -> scope and its need -> zod -> every bucket
 * and key the input names checked against the scope -> the body's one lib call ->
 * ActionResult. No session redirects to /signin (Next's redirect propagates); every other
 * failure becomes a sentence, and a bucket or key outside a tenant's scope answers as a
 * missing one.
 */
interface ActionConfig {
  /** What the action needs of the caller's scope; the user is re-read from the store on every call. */
  need: Need;
  /** Errors an area describes better than the house's table (S3 refusals); null passes on. */
  describeError?: (error: unknown) => DescribedError | null;
}

export function defineAction<S extends z.ZodType, T>(
  config: ActionConfig & { input: S },
  body: (ctx: ConsoleContext, input: z.infer<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>>;
export function defineAction<T>(
  config: ActionConfig,
  body: (ctx: ConsoleContext) => Promise<T>,
): () => Promise<ActionResult<T>>;
export function defineAction<T>(
  config: ActionConfig & { input?: z.ZodType },
  body: (ctx: ConsoleContext, input: unknown) => Promise<T>,
): (input?: unknown) => Promise<ActionResult<T>> {
  return async (input?: unknown) => {
    try {
      const { user } = await requireSession();
      const ctx = await contextFor(user, config.need);
      const parsed = config.input ? parseInput(config.input, input) : undefined;
      assertInputInScope(ctx.store, ctx.scope, parsed);
      return { ok: true, data: await body(ctx, parsed) };
    } catch (error) {
      unstable_rethrow(error);
      return { ok: false, ...(config.describeError?.(error) ?? describeActionError(error)) };
    }
  };
}
