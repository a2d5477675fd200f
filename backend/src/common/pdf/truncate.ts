/**
 * `text` if it fits, else its longest start that fits with an ellipsis (trailing spaces
 * dropped). `fits` must not accept a longer candidate after rejecting a shorter one: the
 * cut is found by binary search.
 */
export function truncateToFit(text: string, fits: (candidate: string) => boolean): string {
  if (fits(text)) return text;
  const cut = (length: number) => `${text.slice(0, length).trimEnd()}\u2026`;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(cut(mid))) low = mid;
    else high = mid - 1;
  }
  return cut(low);
}
