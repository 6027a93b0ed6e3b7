/**
 * WCAG 2.2 success criterion 2.5.8 Target Size (Minimum), level AA: a target is at least
 * 24 by 24 CSS pixels, unless an exception applies. Two exceptions can apply to our pages:
 *
 * - Spacing: a 24px-wide circle centred on the undersized target's box touches no other
 *   target, and no other undersized target's circle.
 * - Inline: the target is in a sentence or block of text (a link within a paragraph).
 *
 * (The "equivalent", "user agent control" and "essential" exceptions are not used.)
 */
import type { Target } from './inPage.js';

const MIN = 24;
const RADIUS = MIN / 2;
const EPSILON = 0.5; // sub-pixel rounding in layout

const isUndersized = (target: Target) => target.width < MIN - EPSILON || target.height < MIN - EPSILON;
const centre = (target: Target) => ({ x: target.left + target.width / 2, y: target.top + target.height / 2 });

/** Distance from a point to the nearest point of a box (0 inside it). */
function distanceToBox(point: { x: number; y: number }, box: Target): number {
  const dx = Math.max(box.left - point.x, 0, point.x - (box.left + box.width));
  const dy = Math.max(box.top - point.y, 0, point.y - (box.top + box.height));
  return Math.hypot(dx, dy);
}

/** The targets that fail 2.5.8, each with the reason. */
export function targetSizeFailures(targets: readonly Target[]): string[] {
  const failures: string[] = [];
  for (const target of targets) {
    if (!isUndersized(target) || target.inline) continue;
    const c = centre(target);
    const clash = targets.find((other) => {
      if (other === target) return false;
      if (distanceToBox(c, other) < RADIUS - EPSILON) return true;
      if (isUndersized(other)) {
        const o = centre(other);
        return Math.hypot(c.x - o.x, c.y - o.y) < MIN - EPSILON;
      }
      return false;
    });
    if (clash) {
      failures.push(`${target.label} is ${target.width.toFixed(1)}×${target.height.toFixed(1)}px and too close to ${clash.label}`);
    }
  }
  return failures;
}
