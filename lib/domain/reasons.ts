// Why phones are not registered, in words. The pollers store the reason as words already
// (RisPort StatusReason codes are translated where they are read); this only fills the gaps.

export function reasonInWords(reason: string): string {
  const text = reason.trim();
  if (!text) return "No reason reported";
  if (/^\d+$/.test(text)) return `Reason code ${text}`;
  return text;
}
