/** Placeholder blocks while part of a page loads, announced once to screen readers. */
export function Skeleton({ label, blocks = 3, className = 'h-32' }: { label: string; blocks?: number; className?: string }) {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{label}</span>
      {Array.from({ length: blocks }, (_, i) => (
        <div key={i} className={`${className} animate-pulse rounded-xl bg-slate-200 dark:bg-slate-800`} />
      ))}
    </div>
  );
}
