"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { AccessKeySummary } from "@/lib/admin-api/access-keys";
import { policyFromTemplate, policyProblem, policyTemplates, type PolicyTemplate } from "@/lib/s3/bucket-access";

export type PolicyInput = { bucketId: string; policy: string };

/**
 * The bucket policy as JSON: checked as typed (valid JSON, a Statement whose entries
 * name an Effect, a Principal, an Action and a Resource), filled from a template, saved
 * or deleted. The server's refusal (MalformedPolicy) is shown as it names the problem.
 */
export function PolicyEditor({
  bucketId,
  bucketName,
  policy,
  isPublic,
  keys,
  onSave,
  onDelete,
}: {
  bucketId: string;
  bucketName: string;
  policy: string | null;
  isPublic: boolean;
  keys: AccessKeySummary[];
  onSave: Action<PolicyInput, { bucketId: string }>;
  onDelete: Action<{ bucketId: string }, { bucketId: string }>;
}) {
  const call = useResultCall();
  const [text, setText] = useState(policy ?? "");
  const [keyId, setKeyId] = useState(keys[0]?.id ?? "");
  const [saved, setSaved] = useState<string | null>(null);
  const problem = text.trim() === "" ? null : policyProblem(text);
  const apply = (template: PolicyTemplate) => {
    setSaved(null);
    setText(policyFromTemplate(template, bucketName, keyId));
  };
  const save = async () => {
    setSaved(null);
    if ((await call.run(() => onSave({ bucketId, policy: text }))).ok) setSaved("Policy saved.");
  };
  const remove = async () => {
    setSaved(null);
    if ((await call.run(() => onDelete({ bucketId }))).ok) {
      setText("");
      setSaved("Policy deleted.");
    }
  };
  return (
    <div className="flex flex-col gap-3">
      <p className="flex items-center gap-2 text-sm">
        {policy === null ? (
          <Badge tone="neutral">No policy</Badge>
        ) : isPublic ? (
          <Badge tone="warn">Public policy</Badge>
        ) : (
          <Badge tone="ok">Policy set</Badge>
        )}
        <span className="text-muted">
          Keys keep their grants; a policy adds access (to anyone or to other keys) or refuses it with Deny.
        </span>
      </p>
      <div className="flex flex-wrap items-end gap-2">
        <SelectField
          label="Key for the read-only template"
          value={keyId}
          onChange={(event) => setKeyId(event.target.value)}
        >
          {keys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.name} ({key.id})
            </option>
          ))}
        </SelectField>
        {(Object.keys(policyTemplates) as PolicyTemplate[]).map((template) => (
          <Button
            key={template}
            type="button"
            variant="ghost"
            disabled={template === "read-only-key" && !keyId}
            onClick={() => apply(template)}
          >
            {policyTemplates[template]}
          </Button>
        ))}
      </div>
      <TextAreaField
        label="Bucket policy (JSON)"
        rows={14}
        spellCheck={false}
        value={text}
        onChange={(event) => {
          setSaved(null);
          setText(event.target.value);
        }}
        aria-invalid={problem !== null}
        hint={problem ?? "IAM policy JSON: Version, Statement with Effect, Principal, Action, Resource, Condition."}
      />
      <div className="flex gap-2">
        <Button
          type="button"
          disabled={call.pending || problem !== null || text.trim() === ""}
          onClick={() => void save()}
        >
          Save policy
        </Button>
        <Button type="button" variant="ghost" disabled={call.pending || policy === null} onClick={() => void remove()}>
          Delete policy
        </Button>
      </div>
      {text.includes("aws:SecureTransport") ? (
        <Alert tone="info">
          Requests over plain HTTP are refused, the console&apos;s own included when it reaches S3 over HTTP (the object
          browser stops working for this bucket). The policy can always be deleted here.
        </Alert>
      ) : null}
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {saved ? <Alert tone="success">{saved}</Alert> : null}
    </div>
  );
}
