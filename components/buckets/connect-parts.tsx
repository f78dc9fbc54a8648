"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { TextField } from "@/components/ui/field";
import type { Snippet } from "@/lib/format/client-config";

/** The Connect panel's key creation: one name, then read and write or read only (the button pressed says which). */
export function CreateKeyForm({
  bucketName,
  pending,
  onSubmit,
}: {
  bucketName: string;
  pending: boolean;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-2" aria-label="Create a key for this bucket">
      <TextField
        label="New key name"
        name="keyName"
        required
        defaultValue={`${bucketName}-client`}
        className="min-w-0 flex-1 basis-48"
      />
      <Button type="submit" name="access" value="read-write" variant="ghost" disabled={pending}>
        Create a key with read and write
      </Button>
      <Button type="submit" name="access" value="read" variant="ghost" disabled={pending}>
        Create a read-only key
      </Button>
    </form>
  );
}

/**
 * The client snippets as shown (a placeholder for a secret not revealed). `withSecret`
 * gives a snippet's text with the real secret, fetched on Copy; null for a viewer, who
 * copies what is shown.
 */
export function ConnectSnippets({
  snippets,
  revealed,
  withSecret,
}: {
  snippets: Snippet[];
  revealed: boolean;
  withSecret: ((snippetId: string) => Promise<string | null>) | null;
}) {
  return (
    <div className="flex flex-col gap-4">
      {revealed || !withSecret ? null : (
        <p className="text-xs text-muted">
          The snippets show a placeholder until the secret is revealed; Copy puts the real secret in.
        </p>
      )}
      {snippets.map((snippet) => (
        <CodeBlock
          key={snippet.id}
          title={snippet.title}
          caption={snippet.where}
          text={snippet.text}
          copyText={withSecret ? () => withSecret(snippet.id) : undefined}
        />
      ))}
    </div>
  );
}
