"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

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
