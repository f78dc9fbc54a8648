import type { AdminRequestContext } from "../context";
import { AdminError, toAdminError } from "../errors";

/**
 * Per-node calls (`?node=self|*|<id prefix>`). The engine's nodes are its volumes,
 * all served by this one process: an operation runs once for the engine and its
 * outcome is reported under every selected node id, in Garage's
 * `{success: {id: result}, error: {id: message}}` shape.
 */

export function selectNodes(context: AdminRequestContext, node: string): string[] {
  const ids = context.admin.engine.cluster.nodeIds();
  if (node === "*") return ids;
  if (node === "self") return ids.slice(0, 1);
  const matching = ids.filter((id) => id.startsWith(node.toLowerCase()));
  if (matching.length === 0) throw new AdminError("InvalidRequest", `No node matches ${node}.`);
  if (matching.length > 1) throw new AdminError("InvalidRequest", `Several nodes match ${node}; give a longer prefix.`);
  return matching;
}

export async function perNode<T>(
  context: AdminRequestContext,
  node: string,
  run: () => Promise<T> | T,
): Promise<{ success: Record<string, T>; error: Record<string, string> }> {
  const ids = selectNodes(context, node);
  const success: Record<string, T> = {};
  const error: Record<string, string> = {};
  try {
    const result = await run();
    for (const id of ids) success[id] = result;
  } catch (thrown) {
    const message = toAdminError(thrown).message;
    for (const id of ids) error[id] = message;
  }
  return { success, error };
}
