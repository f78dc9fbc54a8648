"use client";

import { groupEndpoints, presetScope, scopePresetLabels, type ScopePreset } from "@/lib/admin-api/endpoint-groups";

/**
 * An admin token's scope as grouped checkboxes with presets (read-only, buckets and
 * keys, everything). "Every endpoint" is `*`: it covers endpoints added later, so while
 * it is ticked the single boxes are shown ticked and disabled.
 */
export function ScopePicker({
  endpoints,
  scope,
  onChange,
}: {
  endpoints: string[];
  scope: string[];
  onChange: (scope: string[]) => void;
}) {
  const everything = scope.includes("*");
  const chosen = new Set(scope);
  const toggle = (endpoint: string, on: boolean) =>
    onChange(on ? [...scope, endpoint] : scope.filter((item) => item !== endpoint));
  const toggleGroup = (group: string[], on: boolean) =>
    onChange(on ? [...new Set([...scope, ...group])] : scope.filter((item) => !group.includes(item)));
  return (
    <fieldset className="flex min-w-0 flex-col gap-3" aria-describedby="token-scope-hint">
      <legend className="mb-1 text-sm font-medium">Scope</legend>
      <div className="flex flex-wrap gap-2" role="group" aria-label="Scope presets">
        {(Object.keys(scopePresetLabels) as ScopePreset[]).map((preset) => (
          <button
            key={preset}
            type="button"
            onClick={() => onChange(presetScope(preset, endpoints))}
            className="rounded-md border border-border px-2 py-1 text-xs hover:bg-background focus-visible:outline-2 focus-visible:outline-accent"
          >
            {scopePresetLabels[preset]}
          </button>
        ))}
      </div>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input
          type="checkbox"
          className="size-4 accent-accent"
          checked={everything}
          onChange={(event) => onChange(event.target.checked ? ["*"] : [])}
        />
        Every endpoint (*), including ones added later
      </label>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {groupEndpoints(endpoints).map((group) => (
          <fieldset key={group.title} className="min-w-0 rounded-md border border-border p-2">
            <legend className="px-1 text-xs font-semibold">
              <label className="flex items-center gap-1">
                <input
                  type="checkbox"
                  className="size-3.5 accent-accent"
                  disabled={everything}
                  checked={everything || group.endpoints.every((endpoint) => chosen.has(endpoint))}
                  onChange={(event) => toggleGroup(group.endpoints, event.target.checked)}
                  aria-label={`All of ${group.title}`}
                />
                {group.title}
              </label>
            </legend>
            <ul className="flex flex-col gap-0.5">
              {group.endpoints.map((endpoint) => (
                <li key={endpoint}>
                  <label className="flex items-center gap-1.5 text-xs break-all">
                    <input
                      type="checkbox"
                      className="size-3.5 shrink-0 accent-accent"
                      disabled={everything}
                      checked={everything || chosen.has(endpoint)}
                      onChange={(event) => toggle(endpoint, event.target.checked)}
                    />
                    {endpoint}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        ))}
      </div>
      <p id="token-scope-hint" className="text-xs text-muted">
        Granting CreateAdminToken or UpdateAdminToken amounts to every endpoint: such a token can make itself any other.
      </p>
    </fieldset>
  );
}
