// Labelled inputs for the source form, each with its error next to it (aria-invalid and
// aria-describedby, so screen readers and Playwright find both).
import { useId, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

const control = "w-full rounded-md border bg-white px-2.5 py-1.5 text-sm dark:bg-slate-900";
const border = (error?: string) =>
  error ? "border-red-500 dark:border-red-500" : "border-slate-300 dark:border-slate-700";

interface Described {
  label: string;
  hint?: string;
  error?: string;
}

function Frame({ id, label, hint, error, children }: Described & { id: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

const describedBy = (id: string, { hint, error }: Described) =>
  error ? `${id}-error` : hint ? `${id}-hint` : undefined;

export function InputField({
  label,
  hint,
  error,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & Described) {
  const id = useId();
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        {...props}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { label, hint, error })}
        className={`${control} ${border(error)} ${className}`}
      />
    </Frame>
  );
}

export function TextAreaField({
  label,
  hint,
  error,
  className = "",
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & Described) {
  const id = useId();
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        {...props}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { label, hint, error })}
        className={`${control} ${border(error)} font-mono ${className}`}
      />
    </Frame>
  );
}

export function ChoiceField({
  label,
  hint,
  error,
  options,
  className = "",
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & Described & { options: { value: string; label: string }[] }) {
  const id = useId();
  return (
    <Frame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        {...props}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { label, hint, error })}
        className={`${control} ${border(error)} ${className}`}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}
