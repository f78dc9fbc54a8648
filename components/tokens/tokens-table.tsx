import { Button } from "@/components/ui/button";
import type { AdminTokenView } from "@/lib/admin-api/admin-tokens";
import { formatDate, formatExpiry } from "@/lib/format/dates";

const headClass = "py-1 pr-3";
/** Dates give way first on a phone, so the name, the scope and Delete stay on screen. */
const wideOnly = "hidden sm:table-cell";

/** The cluster's admin tokens; those from the configuration file cannot be deleted here. */
export function TokensTable({
  tokens,
  onDelete,
}: {
  tokens: AdminTokenView[];
  /** null: no delete buttons (a viewer). */
  onDelete: ((token: AdminTokenView) => void) | null;
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface p-3 sm:p-5">
      <table className="w-full text-left text-sm">
        <caption className="pb-2 text-left text-sm font-semibold tracking-wide text-muted uppercase">
          Admin tokens
        </caption>
        <thead className="text-xs text-muted">
          <tr>
            <th scope="col" className={headClass}>
              Name and id
            </th>
            <th scope="col" className={headClass}>
              Scope
            </th>
            <th scope="col" className={`${headClass} ${wideOnly}`}>
              Created
            </th>
            <th scope="col" className={`${headClass} ${wideOnly}`}>
              Expires
            </th>
            <th scope="col" className="py-1">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <TokenRow key={token.id ?? token.name} token={token} onDelete={onDelete} />
          ))}
        </tbody>
      </table>
      {tokens.length === 0 ? <p className="text-sm text-muted">No admin tokens yet.</p> : null}
    </div>
  );
}

function TokenRow({ token, onDelete }: { token: AdminTokenView; onDelete: ((token: AdminTokenView) => void) | null }) {
  return (
    <tr className="border-t border-border align-top">
      <th scope="row" className="py-1.5 pr-3 font-medium break-all">
        {token.name}
        <code className="block text-xs font-normal text-muted">{token.id ?? "from configuration"}</code>
        <span className="block text-xs font-normal text-muted sm:hidden">
          Expires {formatExpiry(token.expiration, token.expired)}
        </span>
      </th>
      <td className="py-1.5 pr-3 text-xs break-all sm:text-sm">
        <span className="line-clamp-3" title={token.scope.join(", ")}>
          {token.scope.join(", ")}
        </span>
      </td>
      <td className={`py-1.5 pr-3 ${wideOnly}`}>{formatDate(token.created)}</td>
      <td className={`py-1.5 pr-3 ${wideOnly}`}>{formatExpiry(token.expiration, token.expired)}</td>
      <td className="py-1.5 text-right">
        {token.id && onDelete ? (
          <Button
            type="button"
            variant="ghost"
            onClick={() => onDelete(token)}
            aria-label={`Delete token ${token.name}`}
          >
            Delete
          </Button>
        ) : null}
      </td>
    </tr>
  );
}
