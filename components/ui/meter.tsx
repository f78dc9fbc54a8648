/** A horizontal bar for a share of a limit; `ratio` null draws no bar, only the text. */
export function Meter({ label, ratio, text }: { label: string; ratio: number | null; text: string }) {
  if (ratio === null) return <span className="text-sm tabular-nums">{text}</span>;
  const percent = Math.round(ratio * 100);
  const tone = ratio >= 0.9 ? "bg-bad" : ratio >= 0.75 ? "bg-warn" : "bg-accent";
  return (
    <div className="flex min-w-32 flex-col gap-1">
      <span className="text-sm tabular-nums">{text}</span>
      <div
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% (${text})`}
        className="h-1.5 w-full overflow-hidden rounded-full bg-border"
      >
        <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
