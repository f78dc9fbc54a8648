"use client";

import { hashKey, keepPreviousData, type QueryKey, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Action } from "@/lib/action-result";
import { cellKey, noPermissions, type Permissions } from "@/lib/admin-api/permissions";
import { bucketKeys } from "@/lib/resources/buckets";
import {
  type MatrixPage as Matrix,
  type MatrixPageRequest,
  permissionKeys,
  permissionPageQuery,
} from "@/lib/resources/permissions";
import type { PermissionToggle } from "./permission-matrix";

export type SetPermission = Action<PermissionToggle, Permissions>;

/** The page the toggle was made on: its cache entry is the one to correct, whatever page shows now. */
type ToggleWithBefore = PermissionToggle & { before: boolean; queryKey: QueryKey };

/** What became of a cell's last change, shown in the cell: saving, saved, or what failed. */
export type CellOutcome = { state: "saving" } | { state: "saved" } | { state: "failed"; message: string };

function withCell(
  matrix: Matrix | undefined,
  key: string,
  update: (cell: Permissions) => Permissions,
): Matrix | undefined {
  if (!matrix) return matrix;
  return { ...matrix, cells: { ...matrix.cells, [key]: update(matrix.cells[key] ?? noPermissions) } };
}

/**
 * The permission matrix (the page `request` asks for) and its toggles. Each toggle is one Allow or Deny call, applied
 * optimistically; a failure puts back that one flag (not a whole snapshot, so other
 * toggles in flight survive) and says why.
 */
export function usePermissionToggles(connectionId: string, request: MatrixPageRequest, setPermission: SetPermission) {
  const queryClient = useQueryClient();
  const query = permissionPageQuery(connectionId, request);
  const queryKey = query.queryKey;
  const { data, error, isPlaceholderData } = useQuery({ ...query, placeholderData: keepPreviousData });
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, CellOutcome>>(new Map());
  const settle = (cell: string, outcome: CellOutcome) => setOutcomes((current) => new Map(current).set(cell, outcome));
  /** "write for backup-key on photos", by the names people see. */
  const describe = (toggle: ToggleWithBefore) => {
    const matrix = queryClient.getQueryData<Matrix>(toggle.queryKey);
    const keyName = matrix?.keys.find((key) => key.id === toggle.accessKeyId)?.name ?? toggle.accessKeyId;
    const bucketName = matrix?.buckets.find((bucket) => bucket.id === toggle.bucketId)?.name ?? toggle.bucketId;
    return `${toggle.flag} for ${keyName} on ${bucketName}`;
  };
  const mark = (id: string, busy: boolean) =>
    setPending((current) => {
      const next = new Set(current);
      if (busy) next.add(id);
      else next.delete(id);
      return next;
    });

  const mutation = useMutation({
    mutationFn: async ({ bucketId, accessKeyId, flag, granted }: ToggleWithBefore) => {
      const result = await setPermission({ bucketId, accessKeyId, flag, granted });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onError: (failure, toggle) => {
      queryClient.setQueryData<Matrix>(toggle.queryKey, (matrix) =>
        withCell(matrix, cellKey(toggle.bucketId, toggle.accessKeyId), (current) => ({
          ...current,
          [toggle.flag]: toggle.before,
        })),
      );
      const what = `Could not ${toggle.granted ? "grant" : "revoke"} ${describe(toggle)}: ${failure.message}`;
      settle(cellKey(toggle.bucketId, toggle.accessKeyId), { state: "failed", message: what });
      setMessage(`${what} The box was put back.`);
    },
    onSuccess: (permissions, toggle) => {
      settle(cellKey(toggle.bucketId, toggle.accessKeyId), { state: "saved" });
      // Only the toggled flag: a whole-cell write would undo another toggle still in flight.
      queryClient.setQueryData<Matrix>(toggle.queryKey, (matrix) =>
        withCell(matrix, cellKey(toggle.bucketId, toggle.accessKeyId), (current) => ({
          ...current,
          [toggle.flag]: permissions[toggle.flag],
        })),
      );
    },
    onSettled: async (_data, _error, toggle) => {
      mark(`${cellKey(toggle.bucketId, toggle.accessKeyId)}/${toggle.flag}`, false);
      // Other pages (another filter) may show the same cell: read again when next shown.
      const toggled = hashKey(toggle.queryKey);
      await queryClient.invalidateQueries({
        queryKey: permissionKeys.all,
        predicate: (entry) => entry.queryHash !== toggled,
        refetchType: "none",
      });
      await queryClient.invalidateQueries({ queryKey: bucketKeys.all });
    },
  });

  // Applied inside the click itself: a controlled checkbox must show its new state at once,
  // not after the mutation's first await (the browser would briefly see it revert).
  const toggle = (change: PermissionToggle) => {
    const cell = cellKey(change.bucketId, change.accessKeyId);
    const before = (queryClient.getQueryData<Matrix>(queryKey)?.cells[cell] ?? noPermissions)[change.flag];
    queryClient.setQueryData<Matrix>(queryKey, (matrix) =>
      withCell(matrix, cell, (current) => ({ ...current, [change.flag]: change.granted })),
    );
    mark(`${cell}/${change.flag}`, true);
    settle(cell, { state: "saving" });
    setMessage(null);
    void queryClient.cancelQueries({ queryKey });
    mutation.mutate({ ...change, before, queryKey });
  };

  // While another page loads, the previous one stays on screen but cannot be changed.
  return { data, error, message, pending, outcomes, toggle, loadingPage: isPlaceholderData };
}
