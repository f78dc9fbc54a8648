import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { requireRole } from "@/lib/auth/guard";
import type { Role } from "@/lib/auth/roles";
import { describeActionError, parseInput, type DescribedError } from "./action-errors";
import { contextFor, type ConsoleContext } from "./context";

/**
 * The one shape of a console action: session -> role -> zod -> context -> the body's one
 * lib call -> ActionResult. No session redirects to /signin (Next's redirect propagates);
 * every other failure becomes a sentence.
 */
interface ActionConfig {
  /** The role the signed-in user must have; re-read from the store on every call. */
  role: Role;
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
      const { user } = await requireRole(config.role);
      const parsed = config.input ? parseInput(config.input, input) : undefined;
      return { ok: true, data: await body(await contextFor(user), parsed) };
    } catch (error) {
      unstable_rethrow(error);
      return { ok: false, ...(config.describeError?.(error) ?? describeActionError(error)) };
    }
  };
}
