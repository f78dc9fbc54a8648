import { useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { Action } from "@/lib/action-result";

/**
 * Wraps server actions so that, when one succeeds, the given resources are read again
 * (their key factories' `all`): a view never shows what a change made stale.
 */
export function useInvalidating(queryKeys: readonly QueryKey[]) {
  const queryClient = useQueryClient();
  return <I, T>(action: Action<I, T>): Action<I, T> =>
    async (input) => {
      const result = await action(input);
      if (result.ok) await Promise.all(queryKeys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      return result;
    };
}
