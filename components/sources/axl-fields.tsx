// A cluster's configured inventory through AXL: on or off, AXL's own user (or the RisPort one), and
// how often the configuration is read. The AXL password is write-only, like the RisPort password.
import { useId } from "react";
import { InputField } from "./form-fields";
import type { FieldErrors, SourceFormValues } from "./form-values";

type TextProps = {
  value: string;
  onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  error?: string;
};

export function AxlFields({
  values,
  errors,
  text,
  onToggle,
  storedAxlUser,
}: {
  values: SourceFormValues;
  errors: FieldErrors;
  text: (key: keyof SourceFormValues) => TextProps;
  onToggle: (on: boolean) => void;
  /** The saved source's own AXL user, whose password is stored (null: none, or a new source). */
  storedAxlUser: string | null;
}) {
  const errorId = useId();
  const keepsPassword = storedAxlUser !== null && values.axlUsername.trim() === storedAxlUser;
  return (
    <fieldset className="grid grid-cols-1 gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-medium">Configured devices (AXL)</legend>
      <div className="flex flex-col gap-1 md:col-span-3">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={values.axlEnabled}
            onChange={(e) => onToggle(e.target.checked)}
            aria-invalid={errors.axlEnabled ? true : undefined}
            aria-describedby={errors.axlEnabled ? errorId : undefined}
          />
          Read the configured devices through AXL (publisher = first node)
        </label>
        {errors.axlEnabled ? (
          <p id={errorId} className="text-xs text-red-700 dark:text-red-400">
            {errors.axlEnabled}
          </p>
        ) : (
          <p className="text-xs text-slate-500">
            Phones configured on the cluster but never registered, or not seen for a while, then show too.
          </p>
        )}
      </div>
      <InputField
        label="AXL user"
        autoComplete="off"
        {...text("axlUsername")}
        hint="Leave empty to use the RisPort user and password above"
      />
      <InputField
        label="AXL password"
        type="password"
        autoComplete="new-password"
        {...text("axlPassword")}
        hint={
          keepsPassword
            ? "Leave empty to keep the stored AXL password"
            : "Only for an AXL user of its own; stored encrypted, never shown again"
        }
      />
      <InputField
        label="Read configuration every (hours)"
        inputMode="decimal"
        placeholder="default 6"
        {...text("configuredIntervalH")}
        hint="From 0.25 (15 minutes) to 168 (a week)"
      />
    </fieldset>
  );
}
