/** A labelled horizontal bar for part of a whole; the numbers are in the text, the bar is decoration. */
export function Bar({
  label,
  part,
  whole,
  text,
  tone = "accent",
}: {
  label: string;
  part: number;
  whole: number;
  text: string;
  tone?: "accent" | "ok" | "warn";
}) {
  const percent = whole > 0 ? Math.min(100, Math.round((part / whole) * 100)) : 0;
  const fill = { accent: "bg-accent", ok: "bg-ok", warn: "bg-warn" }[tone];
  return (
    <div className="flex flex-col gap-0.5">
      <div className="flex justify-between gap-2 text-xs">
        <span className="text-muted">{label}</span>
        <span className="tabular-nums">{text}</span>
      </div>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={text}
        className="h-1.5 w-full overflow-hidden rounded-full bg-border"
      >
        <div className={`h-full ${fill}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
