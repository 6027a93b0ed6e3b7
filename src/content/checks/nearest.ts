/**
 * "Did you mean …?": the known name closest to a mistyped one, by edit distance (letters
 * added, removed or changed), ignoring case. Only a close match is offered: a guess that
 * is far off would mislead more than it helps.
 */
export function nearest(typed: string, known: Iterable<string>): string | undefined {
  const wanted = typed.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(wanted, name.toLowerCase());
    if (distance < (best?.distance ?? Infinity)) best = { name, distance };
  }
  if (!best) return undefined;
  // Close enough: up to 2 edits, or a third of the name's length for long names.
  const limit = Math.max(2, Math.floor(Math.max(wanted.length, best.name.length) / 3));
  return best.distance <= limit ? best.name : undefined;
}

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
