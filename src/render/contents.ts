/**
 * "On this page" (views/partials/on-this-page.njk), for content pages and the question flow's
 * answer pages alike.
 */

/**
 * A link to each main heading (h2), for a page with two or more of them.
 * Such a page is longer than two phone screens; a page with fewer is not.
 * test/browser/layout.test.ts checks both at 390px wide.
 */
export function contentsOf(headings: readonly { level: number; text: string; id: string }[], extra: { text: string; href: string }[] = []) {
  const items = [...headings.filter((h) => h.level === 2).map((h) => ({ text: h.text, href: `#${h.id}` })), ...extra];
  return items.length >= 2 ? items : [];
}
