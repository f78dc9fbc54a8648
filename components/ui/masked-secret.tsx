"use client";

import { Eye, EyeOff } from "lucide-react";
import { useState } from "react";
import { CopyButton } from "./copy-button";

/**
 * A secret that stays masked until asked for: `reveal` fetches it on demand (the
 * page never holds it before). Copying reveals first when needed.
 */
export function MaskedSecret({
  label,
  reveal,
  onRevealed,
}: {
  label: string;
  reveal: () => Promise<string | null>;
  onRevealed?: (secret: string) => void;
}) {
  const [secret, setSecret] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  const [busy, setBusy] = useState(false);
  const load = async (): Promise<string | null> => {
    if (secret !== null) return secret;
    setBusy(true);
    const value = await reveal();
    setBusy(false);
    if (value !== null) {
      setSecret(value);
      onRevealed?.(value);
    }
    return value;
  };
  const toggle = async () => {
    if (shown) return setShown(false);
    if ((await load()) !== null) setShown(true);
  };
  return (
    <div className="flex flex-col gap-1">
      <span className="text-xs text-muted">{label}</span>
      <div className="flex items-center gap-2">
        <code
          className="min-w-0 flex-1 truncate rounded-md border border-border bg-background px-2 py-1 text-sm"
          aria-label={label}
          data-testid="secret-value"
        >
          {shown && secret ? secret : "••••••••••••••••••••••••"}
        </code>
        <button
          type="button"
          onClick={toggle}
          disabled={busy}
          aria-pressed={shown}
          className="inline-flex items-center gap-1 rounded-md border border-border px-2 py-1 text-xs hover:bg-background focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-50"
        >
          {shown ? <EyeOff aria-hidden="true" size={14} /> : <Eye aria-hidden="true" size={14} />}
          {shown ? `Hide ${label.toLowerCase()}` : `Reveal ${label.toLowerCase()}`}
        </button>
        <CopyButton getText={load} label={`Copy ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}
