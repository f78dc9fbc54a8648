"use client";

import { useState } from "react";
import { PermissionMatrix } from "@/components/keys/permission-matrix";
import { usePermissionToggles } from "@/components/keys/use-permission-toggles";
import { Alert } from "@/components/ui/alert";
import { setPermissionAction } from "@/lib/actions/permissions";
import { firstMatrixPage } from "@/lib/resources/permissions";

/** The matrix of the caller's scope, a page of keys by a page of buckets read from the server; each box is one server action (see usePermissionToggles), none for a viewer. */
export function MatrixView({ connectionId, canWrite }: { connectionId: string; canWrite: boolean }) {
  const [request, setRequest] = useState(firstMatrixPage);
  const { data, error, message, pending, outcomes, toggle, loadingPage } = usePermissionToggles(
    connectionId,
    request,
    setPermissionAction,
  );
  if (!data)
    return (
      <Alert tone={error ? "error" : "info"}>
        {error ? `The permissions could not be read: ${error.message}` : "Reading the permissions…"}
      </Alert>
    );
  return (
    <div className="flex flex-col gap-3">
      {message ? <Alert tone="error">{message}</Alert> : null}
      <PermissionMatrix
        matrix={data}
        request={request}
        onRequest={setRequest}
        pending={pending}
        outcomes={outcomes}
        loadingPage={loadingPage}
        onToggle={canWrite ? toggle : null}
      />
    </div>
  );
}
