import type { AdminRequestContext } from "../context";
import { AdminError, toAdminError } from "../errors";

/**
 * Per-node calls (`?node=self|*|<id prefix>`). The engine's nodes are its volumes,
 * all served by this one process. A read runs once per selected volume and answers
 * that volume's own figures; an action on the whole engine runs once and reports
 * its outcome under every selected node. Both answer in Garage's
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

type PerNodeAnswer<T> = { success: Record<string, T>; error: Record<string, string> };

/** Runs `run` for each selected node, in order, with that node's id. */
export async function perNode<T>(
  context: AdminRequestContext,
  node: string,
  run: (nodeId: string, index: number) => Promise<T> | T,
): Promise<PerNodeAnswer<T>> {
  const answer: PerNodeAnswer<T> = { success: {}, error: {} };
  for (const [index, id] of selectNodes(context, node).entries()) {
    try {
      answer.success[id] = await run(id, index);
    } catch (thrown) {
      answer.error[id] = toAdminError(thrown).message;
    }
  }
  return answer;
}

/** An action on the whole engine (metadata, workers, repairs): run once, its outcome under every selected node. */
export async function oncePerEngine<T>(
  context: AdminRequestContext,
  node: string,
  run: () => Promise<T> | T,
): Promise<PerNodeAnswer<T>> {
  const ids = selectNodes(context, node);
  const answer: PerNodeAnswer<T> = { success: {}, error: {} };
  try {
    const result = await run();
    for (const id of ids) answer.success[id] = result;
  } catch (thrown) {
    const message = toAdminError(thrown).message;
    for (const id of ids) answer.error[id] = message;
  }
  return answer;
}
