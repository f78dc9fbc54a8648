/** Dates for people, in UTC so server and browser render the same text. Both sides. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** An expiry cell: "never", the date, or the date with "expired". */
export function formatExpiry(iso: string | null | undefined, expired: boolean): string {
  if (!iso) return "never";
  return expired ? `${formatDate(iso)} (expired)` : formatDate(iso);
}

/** The value of an <input type="date"> (YYYY-MM-DD) as an RFC 3339 end-of-day instant. */
export function dateInputToRfc3339(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = new Date(`${value}T23:59:59Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
