// How times, counts and shares read on the inventory pages.

const number = new Intl.NumberFormat("en");
export const formatCount = (n: number) => number.format(n);

export function formatShare(part: number, total: number): string {
  if (total === 0) return "–";
  const share = (part / total) * 100;
  return `${share > 0 && share < 0.1 ? "<0.1" : share.toFixed(share >= 99.95 || share === 0 ? 0 : 1)} %`;
}

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "never";
}

/** "3 min ago", "2 h ago", "5 d ago" against `now`. */
export function formatAgo(iso: string | null, now = Date.now()): string {
  if (!iso) return "never";
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 0) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** The browser's time zone: trends and reports follow it unless the organisation fixed one. */
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}
