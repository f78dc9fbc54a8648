"use client";

import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CheckboxField, TextField } from "@/components/ui/field";
import { useResultCall } from "@/components/ui/use-action-state";
import type { Action } from "@/lib/action-result";
import type { BucketDetail, WebEndpoint } from "@/lib/admin-api/buckets";

export type WebsiteInput =
  | { bucketId: string; enabled: false }
  | { bucketId: string; enabled: true; indexDocument: string; errorDocument: string };

/** How to reach the site: by host name under the root domain, or with a Host header. */
function WebsiteAddress({ bucket, endpoint }: { bucket: BucketDetail; endpoint: WebEndpoint }) {
  const alias = bucket.globalAliases[0];
  if (!alias)
    return <p className="text-sm text-muted">Websites are served by global alias: add one to reach this site.</p>;
  if (!endpoint.baseUrl)
    return (
      <p className="text-sm text-muted">
        Served at {alias} under the cluster&apos;s web root domain, on its web port (3902 by default).
      </p>
    );
  const base = new URL(endpoint.baseUrl);
  if (endpoint.rootDomain) {
    const url = `${base.protocol}//${alias}${endpoint.rootDomain}:${base.port}/`;
    return (
      <p className="text-sm">
        The site:{" "}
        <a className="text-accent underline" href={url} data-testid="website-url">
          {url}
        </a>
      </p>
    );
  }
  return (
    <div className="text-sm">
      <p>
        No web root domain is configured, so the site is chosen by the Host header: point a DNS name{" "}
        <code>{alias}</code> at this server, or try it with
      </p>
      <pre
        className="mt-1 overflow-x-auto rounded-md border border-border bg-background p-2 text-xs"
        data-testid="website-url"
      >{`curl -H "Host: ${alias}" ${endpoint.baseUrl}/`}</pre>
      <p className="mt-1 text-xs text-muted">
        Set [s3_web] root_domain to serve it as http://{alias}.&lt;root domain&gt;:{base.port}/.
      </p>
    </div>
  );
}

export function WebsiteForm({
  bucket,
  endpoint,
  onSave,
}: {
  bucket: BucketDetail;
  endpoint: WebEndpoint;
  onSave: Action<WebsiteInput, BucketDetail>;
}) {
  const call = useResultCall();
  const [enabled, setEnabled] = useState(bucket.website !== null);
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const input: WebsiteInput = enabled
      ? {
          bucketId: bucket.id,
          enabled: true,
          indexDocument: String(form.get("indexDocument") ?? ""),
          errorDocument: String(form.get("errorDocument") ?? ""),
        }
      : { bucketId: bucket.id, enabled: false };
    if ((await call.run(() => onSave(input))).ok) setSaved(true);
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3">
      <CheckboxField
        label="Serve this bucket as a website"
        checked={enabled}
        onChange={(event) => setEnabled(event.target.checked)}
      />
      {enabled ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            label="Index document"
            name="indexDocument"
            required
            defaultValue={bucket.website?.indexDocument ?? "index.html"}
          />
          <TextField
            label="Error document"
            name="errorDocument"
            defaultValue={bucket.website?.errorDocument ?? ""}
            placeholder="None"
          />
        </div>
      ) : null}
      <div>
        <Button type="submit" disabled={call.pending}>
          Save website
        </Button>
      </div>
      {call.error ? <Alert tone="error">{call.error}</Alert> : null}
      {saved ? <Alert tone="success">Website settings saved.</Alert> : null}
      {bucket.website ? <WebsiteAddress bucket={bucket} endpoint={endpoint} /> : null}
    </form>
  );
}
