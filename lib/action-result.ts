/**
 * What every server action returns: data, or a sentence a person can read (never JSON
 * or a stack). `code` lets a view offer the next step (e.g. empty a bucket). Both sides.
 */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code?: string };

/** A view's callback that runs a server action. */
export type Action<I, T> = (input: I) => Promise<ActionResult<T>>;
