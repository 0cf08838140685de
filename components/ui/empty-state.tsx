/** An honest "nothing here yet" panel that says why and what comes next. */
export function EmptyState({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <section
      aria-label={title}
      className="rounded-lg border border-dashed border-slate-300 p-8 text-center dark:border-slate-700"
    >
      <h2 className="font-medium">{title}</h2>
      {children && (
        <div className="mx-auto mt-2 max-w-prose text-sm text-slate-600 dark:text-slate-400">{children}</div>
      )}
    </section>
  );
}
