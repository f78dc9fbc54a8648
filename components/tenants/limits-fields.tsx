import { SelectField, TextField } from "@/components/ui/field";
import { isSizeUnit, sizeUnits, toBytes, type SizeUnit } from "@/lib/format/bytes";
import type { TenantLimits } from "@/lib/tenancy/limits";

/** Binary units first: tenant limits are set in GiB and MiB more often than in GB. */
function splitLimit(sizeBytes: number): { amount: number; unit: SizeUnit } {
  for (const unit of ["TiB", "GiB", "MiB", "TB", "GB", "MB"] as const) {
    if (sizeBytes >= sizeUnits[unit] && sizeBytes % sizeUnits[unit] === 0)
      return { amount: sizeBytes / sizeUnits[unit], unit };
  }
  return { amount: sizeBytes, unit: "B" };
}

function SizeInput({ label, name, bytes }: { label: string; name: string; bytes: number }) {
  const initial = splitLimit(bytes);
  return (
    <div className="flex items-end gap-1">
      <TextField
        label={label}
        name={name}
        type="number"
        min={0}
        step="any"
        required
        defaultValue={initial.amount}
        className="w-32"
      />
      <SelectField label={`${label} unit`} hideLabel name={`${name}Unit`} defaultValue={initial.unit}>
        {Object.keys(sizeUnits).map((unit) => (
          <option key={unit} value={unit}>
            {unit}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** The four limits of a tenant, as form fields (read back with limitsFromForm). */
export function LimitsFields({ limits }: { limits: TenantLimits }) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <TextField
        label="Maximum buckets"
        name="maxBuckets"
        type="number"
        min={0}
        step={1}
        required
        defaultValue={limits.maxBuckets}
        className="w-36"
      />
      <TextField
        label="Maximum keys"
        name="maxKeys"
        type="number"
        min={0}
        step={1}
        required
        defaultValue={limits.maxKeys}
        className="w-36"
      />
      <SizeInput label="Maximum bytes" name="maxBytes" bytes={limits.maxBytes} />
      <SizeInput label="Default bucket quota" name="defaultBucketQuotaBytes" bytes={limits.defaultBucketQuotaBytes} />
    </div>
  );
}

function bytesFrom(form: FormData, name: string): number {
  const unit = String(form.get(`${name}Unit`) ?? "B");
  return Math.round(toBytes(Number(form.get(name) ?? 0), isSizeUnit(unit) ? unit : "B"));
}

export function limitsFromForm(form: FormData): TenantLimits {
  return {
    maxBuckets: Number(form.get("maxBuckets") ?? 0),
    maxKeys: Number(form.get("maxKeys") ?? 0),
    maxBytes: bytesFrom(form, "maxBytes"),
    defaultBucketQuotaBytes: bytesFrom(form, "defaultBucketQuotaBytes"),
  };
}
