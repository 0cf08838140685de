const tones = {
  neutral: "bg-slate-200 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
  good: "bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200",
  warn: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  bad: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
} as const;

/** `title`: the whole text on hover, for a badge cut to its column (one line, never wrapping). */
export function Badge({
  tone = "neutral",
  title,
  children,
}: {
  tone?: keyof typeof tones;
  title?: string;
  children: React.ReactNode;
}) {
  return (
    <span
      title={title}
      className={`inline-block max-w-full truncate whitespace-nowrap rounded px-1.5 py-0.5 align-bottom text-xs font-medium ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
