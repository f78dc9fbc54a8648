"use client";

import { useState } from "react";
import { useResultCall } from "@/components/ui/use-action-state";
import type { CreatedAdminToken } from "@/lib/admin-api/admin-tokens";
import type { TokenActions } from "./tokens-panel";

/** The create form's fields and the one-time secret of the token it created last. */
export function useTokenForm(create: TokenActions["create"], onCreated: () => void) {
  const [name, setName] = useState("");
  const [scope, setScope] = useState<string[]>(["*"]);
  const [expiresOn, setExpiresOn] = useState("");
  const [created, setCreated] = useState<CreatedAdminToken | null>(null);
  const call = useResultCall();
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await call.run(() => create({ name, scope, expiresOn }));
    if (result.ok) {
      setCreated(result.data);
      setName("");
      onCreated();
    }
  };
  return {
    fields: { name, setName, scope, setScope, expiresOn, setExpiresOn },
    call,
    submit,
    created,
    forgetSecret: () => setCreated(null),
  };
}
