"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import { cannedAcls, type AclGrantView, type CannedAcl } from "@/lib/s3/bucket-access";

export type AclInput = { bucketId: string; acl: CannedAcl };

const explanations: Record<CannedAcl, string> = {
  private: "Only the keys granted on the bucket.",
  "public-read": "Anyone may list the bucket.",
  "public-read-write": "Anyone may list the bucket and write objects into it.",
  "authenticated-read": "Any key of this cluster may list the bucket.",
};

/** The bucket's ACL: the grants it holds beyond its owner, and a canned ACL to replace them. */
export function AclForm({
  bucketId,
  owner,
  cannedAcl,
  grants,
  onSet,
}: {
  bucketId: string;
  owner: string;
  cannedAcl: CannedAcl | "custom";
  grants: AclGrantView[];
  onSet: Action<AclInput, { bucketId: string }>;
}) {
  const call = useResultCall();
  const [choice, setChoice] = useState<CannedAcl>(cannedAcl === "custom" ? "private" : cannedAcl);
  return (
    <div className="flex flex-col gap-3">
      <table className="w-full text-sm">
        <caption className="sr-only">Grants of the bucket&apos;s ACL</caption>
        <thead className="text-left text-xs text-muted uppercase">
          <tr>
            <th scope="col" className="py-1">
              Grantee
            </th>
            <th scope="col" className="py-1">
              Permission
            </th>
          </tr>
        </thead>
        <tbody>
          <tr className="border-t border-border">
            <td className="py-1 font-mono text-xs">{owner || "the bucket's owners"} (owner)</td>
            <td className="py-1">FULL_CONTROL</td>
          </tr>
          {grants.map((grant) => (
            <tr key={`${grant.grantee}/${grant.permission}`} className="border-t border-border">
              <td className="py-1 font-mono text-xs">{grant.grantee}</td>
              <td className="py-1">{grant.permission}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap items-end gap-2">
        <SelectField
          label="Canned ACL"
          value={choice}
          onChange={(event) => setChoice(cannedAcls.find((acl) => acl === event.target.value) ?? "private")}
        >
          {cannedAcls.map((acl) => (
            <option key={acl} value={acl}>
              {acl}
            </option>
          ))}
        </SelectField>
        <Button
          type="button"
          disabled={call.pending}
          onClick={() => void call.run(() => onSet({ bucketId, acl: choice }))}
        >
          Set ACL
        </Button>
      </div>
      <p className="text-xs text-muted">{explanations[choice]}</p>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
    </div>
  );
}
