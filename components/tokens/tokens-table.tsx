import { Button } from "@/components/ui/button";
import type { AdminTokenView } from "@/lib/admin-api/admin-tokens";
import { formatDate, formatExpiry } from "@/lib/format/dates";

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
    <div className="overflow-x-auto rounded-lg border border-border bg-surface p-5">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="pb-2 text-left text-sm font-semibold tracking-wide text-muted uppercase">
          Admin tokens
        </caption>
        <thead className="text-xs text-muted">
          <tr>
            <th scope="col" className="py-1 pr-3">
              Name
            </th>
            <th scope="col" className="py-1 pr-3">
              Id
            </th>
            <th scope="col" className="py-1 pr-3">
              Scope
            </th>
            <th scope="col" className="py-1 pr-3">
              Created
            </th>
            <th scope="col" className="py-1 pr-3">
              Expires
            </th>
            <th scope="col" className="py-1">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id ?? token.name} className="border-t border-border">
              <th scope="row" className="py-1.5 pr-3 font-medium">
                {token.name}
              </th>
              <td className="py-1.5 pr-3">
                <code className="text-xs">{token.id ?? "from configuration"}</code>
              </td>
              <td className="max-w-64 truncate py-1.5 pr-3" title={token.scope.join(", ")}>
                {token.scope.join(", ")}
              </td>
              <td className="py-1.5 pr-3">{formatDate(token.created)}</td>
              <td className="py-1.5 pr-3">{formatExpiry(token.expiration, token.expired)}</td>
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
          ))}
        </tbody>
      </table>
      {tokens.length === 0 ? <p className="text-sm text-muted">No admin tokens yet.</p> : null}
    </div>
  );
}
