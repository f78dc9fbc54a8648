import type { ReactNode } from "react";

export type BadgeTone = "ok" | "warn" | "bad" | "neutral";

const toneClasses: Record<BadgeTone, string> = {
  ok: "border-ok text-ok",
  warn: "border-warn text-warn",
  bad: "border-bad text-bad",
  neutral: "border-border text-muted",
};

export function Badge({ tone, children }: { tone: BadgeTone; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full border px-3 py-0.5 text-sm font-semibold ${toneClasses[tone]}`}
    >
      {children}
    </span>
  );
}
