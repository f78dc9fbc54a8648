import type { ReactNode } from "react";

const toneClasses = {
  error: "border-bad text-bad",
  success: "border-ok text-ok",
  info: "border-border text-muted",
} as const;

/** A message box. Errors are alerts; the others are polite status updates. */
export function Alert({ tone, children }: { tone: keyof typeof toneClasses; children: ReactNode }) {
  return (
    <div role={tone === "error" ? "alert" : "status"} className={`rounded-md border p-3 text-sm ${toneClasses[tone]}`}>
      {children}
    </div>
  );
}
