/**
 * Checks that run inside the page (passed to page.evaluate, so each function is
 * self-contained: no imports, no helpers from outside its own body).
 */

/** Elements a user can click or tab to. */
export const INTERACTIVE = 'a[href], button, summary, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * Elements whose text is cut off: their overflow is hidden or clipped and their content is
 * bigger than their box. Visually hidden text (1px boxes, for screen readers) is meant to be
 * clipped and is left out. Returns a short description of each.
 */
export function clippedText(): string[] {
  const found: string[] = [];
  for (const element of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
    const style = getComputedStyle(element);
    const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip';
    const clipsY = style.overflowY === 'hidden' || style.overflowY === 'clip';
    const ellipsis = style.textOverflow === 'ellipsis';
    if (!clipsX && !clipsY && !ellipsis) continue;
    if (element.clientWidth <= 1 || element.clientHeight <= 1) continue; // visually hidden
    if (!element.checkVisibility({ visibilityProperty: true })) continue;
    if (!(element.innerText ?? '').trim()) continue;
    const overX = element.scrollWidth > element.clientWidth + 1;
    const overY = element.scrollHeight > element.clientHeight + 1;
    if (((clipsX || ellipsis) && overX) || (clipsY && overY)) {
      found.push(`<${element.tagName.toLowerCase()} class="${element.className}"> "${element.innerText.trim().slice(0, 40)}"`);
    }
  }
  return found;
}

/** What the page says, for comparing the page with and without JavaScript. */
export function pageContent() {
  const main = document.querySelector('main');
  return {
    main: (main?.innerText ?? '').replace(/\s+/g, ' ').trim(),
    headings: Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((heading) => (heading as HTMLElement).innerText.trim()),
    navigation: Array.from(document.querySelectorAll<HTMLAnchorElement>('header nav a[href]')).map(
      (link) => link.getAttribute('href') ?? '',
    ),
    visibleNavigation: Array.from(document.querySelectorAll<HTMLAnchorElement>('header nav a[href]'))
      .filter((link) => {
        const box = link.getBoundingClientRect();
        return link.checkVisibility({ visibilityProperty: true }) && box.width > 1 && box.height > 1;
      })
      .map((link) => link.getAttribute('href') ?? ''),
  };
}

/**
 * The styles that can show focus, on the element, its ::before and ::after, and its parent.
 * A colour only counts where it can be seen: an outline's colour when there is an outline,
 * a border's when the border has width, an underline's when there is an underline.
 */
export function focusStyles(element: Element): string {
  const parts: string[] = [];
  for (const [target, pseudo] of [
    [element, null],
    [element, '::before'],
    [element, '::after'],
    [element.parentElement, null],
  ] as const) {
    if (!target) continue;
    const style = getComputedStyle(target, pseudo);
    const outline =
      style.outlineStyle === 'none' || parseFloat(style.outlineWidth) === 0
        ? 'no outline'
        : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
    const borders = ['top', 'right', 'bottom', 'left'].map((side) => {
      const width = style.getPropertyValue(`border-${side}-width`);
      return parseFloat(width) === 0 || style.getPropertyValue(`border-${side}-style`) === 'none'
        ? '-'
        : `${width} ${style.getPropertyValue(`border-${side}-color`)}`;
    });
    const underline =
      style.textDecorationLine === 'none'
        ? 'no underline'
        : `${style.textDecorationLine} ${style.textDecorationThickness} ${style.textDecorationColor}`;
    parts.push([outline, style.boxShadow, style.backgroundColor, style.color, underline, ...borders].join('|'));
  }
  return parts.join(' / ');
}

export interface Target {
  label: string;
  left: number;
  top: number;
  width: number;
  height: number;
  /** WCAG 2.5.8 "inline": the target sits in a sentence or block of text. */
  inline: boolean;
}

/** Every visible interactive element's box, and whether it is a link inside running text. */
export function targets(selector: string): Target[] {
  const found: Target[] = [];
  for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    // Not shown: hidden, in a closed <details>, or visually hidden (a 1px box for screen readers).
    if (!element.checkVisibility({ visibilityProperty: true }) || box.width <= 1 || box.height <= 1) continue;
    let inline = false;
    if (style.display === 'inline') {
      // The nearest block-level ancestor holds the line of text the link sits in.
      let block = element.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      const own = (element.textContent ?? '').trim();
      const all = (block?.textContent ?? '').replace(/\s+/g, ' ').trim();
      inline = all.length > own.length;
    }
    found.push({
      label: `<${element.tagName.toLowerCase()}${element.getAttribute('href') ? ` href="${element.getAttribute('href')}"` : ''}> "${(element.textContent ?? '').trim().slice(0, 30)}"`,
      left: box.left + window.scrollX,
      top: box.top + window.scrollY,
      width: box.width,
      height: box.height,
      inline,
    });
  }
  return found;
}

/**
 * The words of the main column, block by block (a paragraph, list item, heading, card or
 * summary each), in the order they are read: every text in `<main>` goes to the nearest
 * element around it that is not laid out inline. Text hidden for screen readers only is
 * left out, as a reader on screen never sees it; text in a closed details box is kept.
 */
export function mainColumnBlocks(): string[] {
  const main = document.querySelector('main');
  if (!main) return [];
  const blocks = new Map<Element, string>();
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, svg, .nhsuk-u-visually-hidden')) continue;
    let block: Element = parent;
    while (block !== main && getComputedStyle(block).display.startsWith('inline') && block.parentElement) block = block.parentElement;
    blocks.set(block, (blocks.get(block) ?? '') + node.textContent);
  }
  return [...blocks.values()].map((text) => text.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/**
 * The space above each heading and paragraph of the main column, in CSS pixels: from the
 * bottom of the block before it (in reading order, not one it sits inside) to where its
 * text starts.
 * Hidden elements (in a closed details box, visually hidden) are left out.
 */
export function gapsAbove(): { tag: string; text: string; after: string; gap: number }[] {
  const main = document.querySelector('main');
  if (!main) return [];
  const blocks = Array.from(main.querySelectorAll<HTMLElement>('*')).filter((element) => {
    if (getComputedStyle(element).display.startsWith('inline') || element.closest('svg')) return false;
    const box = element.getBoundingClientRect();
    return box.height > 1 && box.width > 1 && element.checkVisibility({ visibilityProperty: true });
  });
  const gaps: { tag: string; text: string; after: string; gap: number }[] = [];
  blocks.forEach((element, i) => {
    if (!/^(H[1-4]|P)$/.test(element.tagName)) return;
    let before: HTMLElement | undefined;
    for (let j = i - 1; j >= 0; j--) {
      const candidate = blocks[j]!;
      if (candidate.contains(element)) continue;
      // The last block of the one before, such as a list's last item, is not lower than the list.
      before = candidate;
      while (
        before.parentElement &&
        before.parentElement !== main &&
        !before.parentElement.contains(element) &&
        blocks.includes(before.parentElement)
      ) {
        before = before.parentElement;
      }
      break;
    }
    if (!before) return;
    const describe = (e: Element) => `<${e.tagName.toLowerCase()}${e.className ? ` class="${String(e.className)}"` : ''}>`;
    gaps.push({
      tag: element.tagName.toLowerCase(),
      text: (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40),
      after: describe(before),
      // Where its text starts: nhsuk-frontend spaces some headings with padding, not margin.
      gap: Math.round(
        element.getBoundingClientRect().top + parseFloat(getComputedStyle(element).paddingTop) - before.getBoundingClientRect().bottom,
      ),
    });
  });
  return gaps;
}
