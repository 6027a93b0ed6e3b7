/**
 * Markdown to HTML for content pages (markdown-it), with NHS.UK classes on the elements
 * it produces, heading ids, safe links only, raw HTML escaped, and three block
 * conventions for editors:
 *
 *     ::: inset              ::: warning Important         ::: details What is an EHC plan?
 *     A key point.           Something to act on.          Text shown when opened.
 *     :::                    :::                           :::
 *
 * A fourth, `::: gap leaflets training-videos`, is inset text shown only while one of the
 * named gaps of content/gaps.yml is still open (see `gapInsets.ts`); it is drawn between
 * markers that the site removes once every named gap is filled.
 *
 * A plain `> quote` is inset text too. The NHS.UK components themselves are drawn by
 * `BlockComponents`, which the render layer supplies from nhsuk-frontend's macros, so
 * this module never copies the design system's HTML.
 *
 * Besides the HTML, rendering reports what the content checker needs: headings, links
 * and images with the line of the file they are on, and the plain text.
 */
import MarkdownIt from 'markdown-it';
import anchor from 'markdown-it-anchor';
import container from 'markdown-it-container';
import type { RendererRule, Token } from 'markdown-it';
import type { ContentImage } from './images.js';

export interface BlockComponents {
  insetText(html: string): string;
  warningCallout(heading: string, html: string): string;
  details(summary: string, html: string): string;
}

export interface Heading {
  level: number;
  text: string;
  id: string;
  line: number;
}

export interface Link {
  href: string;
  text: string;
  line: number;
}

export interface Image {
  src: string;
  alt: string;
  line: number;
}

/** A `:::` block as markdown-it read it, with lines of the file; the checker judges it. */
export interface Block {
  /** `warning` for `::: warning Important`; empty for a bare `:::` that opened a block. */
  name: string;
  label: string;
  markup: string;
  line: number;
  /** Where markdown-it ended it: its closing `:::` line if it found one. */
  endLine: number;
  /** The opening line of the block this one is inside, if any. */
  insideLine?: number;
  /** Nothing is written inside it. */
  empty: boolean;
  /** The first thing inside it is a heading. */
  startsWithHeading: boolean;
}

export interface RenderedMarkdown {
  html: string;
  headings: Heading[];
  links: Link[];
  images: Image[];
  /** The words a reader reads, one block per paragraph or list item (with a newline where the source line wraps). */
  textBlocks: string[];
  /** The line of the file each of `textBlocks` starts on (same order). */
  textLines: number[];
  /** Every `:::` block, known or not (such as `::: warnign`). */
  blocks: Block[];
  /** `::: gap` blocks: the gap ids each names, its line, and whether it gives a phone link. */
  gapBlocks: GapBlock[];
}

export interface GapBlock {
  ids: string[];
  line: number;
  hasPhoneLink: boolean;
}

/**
 * `images`: the pictures in content/images/, by the path editors write; each `<img>` of one
 * of them gets its fingerprinted address, width and height (so the page does not jump as it
 * loads). Any other picture is drawn as written, and the checker reports it.
 */
export type MarkdownRenderer = (body: string, firstLine?: number, images?: ReadonlyMap<string, ContentImage>) => RenderedMarkdown;

/** Link schemes that may appear in content; anything else (javascript:, data:, …) is dropped. */
const SAFE_LINK = /^(https?:|mailto:|tel:|\/(?!\/)|#)/i;

const CLASSES: Record<string, string> = {
  bullet_list_open: 'nhsuk-list nhsuk-list--bullet',
  ordered_list_open: 'nhsuk-list nhsuk-list--number',
  table_open: 'nhsuk-table',
  thead_open: 'nhsuk-table__head',
  tbody_open: 'nhsuk-table__body',
  tr_open: 'nhsuk-table__row',
  th_open: 'nhsuk-table__header',
  td_open: 'nhsuk-table__cell',
  hr: 'nhsuk-section-break nhsuk-section-break--l nhsuk-section-break--visible',
};

const HEADING_CLASSES: Record<string, string> = {
  h2: 'nhsuk-heading-l',
  h3: 'nhsuk-heading-m',
  h4: 'nhsuk-heading-s',
  h5: 'nhsuk-heading-xs',
  h6: 'nhsuk-heading-xs',
};

export const BLOCK_NAMES = ['inset', 'warning', 'details', 'gap'] as const;
type BlockName = (typeof BLOCK_NAMES)[number];

/** Lower-case words joined by hyphens: "What happens next?" → "what-happens-next". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/[\s-]+/g, '-');
}

export function createMarkdownRenderer(components: BlockComponents): MarkdownRenderer {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: true });
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  md.use(anchor, { slugify, tabIndex: false });

  for (const [rule, classes] of Object.entries(CLASSES)) addClass(md, rule, classes);
  const headingOpen = md.renderer.rules.heading_open ?? defaultRule;
  md.renderer.rules.heading_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const classes = HEADING_CLASSES[token.tag];
    if (classes) token.attrJoin('class', classes);
    return headingOpen(tokens, idx, options, env, self);
  };
  md.core.ruler.push('tel_no_break', keepPhoneNumbersTogether);
  const image = md.renderer.rules.image ?? defaultRule;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    const images = (env as { images?: ReadonlyMap<string, ContentImage> } | undefined)?.images;
    const found = images?.get(String(token.attrGet('src')));
    if (found) {
      token.attrSet('src', found.url);
      token.attrSet('width', String(found.width));
      token.attrSet('height', String(found.height));
      token.attrSet('loading', 'lazy');
    }
    return image(tokens, idx, options, env, self);
  };
  // Every ::: block is parsed (so a misspelt name is reported, not shown as text) and drawn by `renderBlocks`.
  md.use(container, 'block', { validate: () => true });

  const renderBlocks = (tokens: Token[], start: number, end: number, env: Record<string, unknown>): string => {
    let html = '';
    let i = start;
    while (i < end) {
      const token = tokens[i]!;
      if (isBlockOpen(token)) {
        const close = findClose(tokens, i);
        const inner = renderBlocks(tokens, i + 1, close, env);
        html += drawBlock(components, token, inner);
        i = close + 1;
        continue;
      }
      let j = i;
      while (j < end && !isBlockOpen(tokens[j]!)) j++;
      html += md.renderer.render(tokens.slice(i, j), md.options, env);
      i = j;
    }
    return html;
  };

  return (body, firstLine = 1, images) => {
    const env: Record<string, unknown> = { images };
    const tokens = md.parse(body, env);
    const lineOf = (token: Token | undefined) => firstLine + (token?.map?.[0] ?? 0);
    // The facts first: drawing a picture gives it its served address.
    const facts = collectFacts(tokens, lineOf);
    return { html: renderBlocks(tokens, 0, tokens.length, env), ...facts };
  };
}

function isBlockOpen(token: Token): boolean {
  return token.nesting === 1 && (token.type === 'container_block_open' || token.type === 'blockquote_open');
}

function findClose(tokens: Token[], open: number): number {
  const closeType = tokens[open]!.type.replace(/_open$/, '_close');
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === tokens[open]!.type) depth++;
    if (token.type === closeType && --depth === 0) return i;
  }
  return tokens.length;
}

/** Splits `::: warning Important` into its name and the words after it. */
export function parseBlockInfo(info: string): { name: string; label: string } {
  const [name = '', ...rest] = info.trim().split(/\s+/);
  return { name: name.toLowerCase(), label: rest.join(' ') };
}

function drawBlock(components: BlockComponents, token: Token, inner: string): string {
  if (token.type === 'blockquote_open') return components.insetText(inner);
  const { name, label } = parseBlockInfo(token.info);
  switch (name as BlockName) {
    case 'inset':
      return components.insetText(inner);
    case 'warning':
      return components.warningCallout(label || 'Important', inner);
    case 'details':
      return components.details(label || 'More information', inner);
    case 'gap':
      return gapMarkers(label, components.insetText(inner));
    default:
      // Unknown block names are reported by the checker; the words still reach the reader.
      return inner;
  }
}

/**
 * An inset that stays only while a gap is open, between markers naming the gaps. Content
 * cannot make these markers itself: raw HTML in Markdown is escaped.
 */
export const GAP_MARKERS = /<!--gap:([a-z0-9 -]*)-->([\s\S]*?)<!--\/gap-->\n?/g;
const gapMarkers = (ids: string, html: string) => `<!--gap:${ids.toLowerCase()}-->${html}<!--/gap-->\n`;

function collectFacts(tokens: Token[], lineOf: (token: Token | undefined) => number) {
  const headings: Heading[] = [];
  const links: Link[] = [];
  const images: Image[] = [];
  const textBlocks: string[] = [];
  const textLines: number[] = [];
  const blocks: Block[] = [];
  const open: Block[] = [];
  const gapBlocks: GapBlock[] = [];
  let lastBlock: Token | undefined;

  tokens.forEach((token, i) => {
    if (token.map) lastBlock = token;
    if (token.type === 'container_block_open') {
      const next = tokens[i + 1]?.type;
      const block: Block = {
        ...parseBlockInfo(token.info),
        markup: token.markup,
        line: lineOf(token),
        endLine: lineOf(token) + (token.map![1] - token.map![0]),
        insideLine: open.at(-1)?.line,
        empty: next === 'container_block_close',
        startsWithHeading: next === 'heading_open',
      };
      blocks.push(block);
      open.push(block);
      if (block.name === 'gap') {
        const close = tokens.findIndex((t, k) => k > i && t.type === 'container_block_close' && t.level === token.level);
        const inner = tokens.slice(i + 1, close < 0 ? tokens.length : close);
        gapBlocks.push({
          ids: parseBlockInfo(token.info).label.toLowerCase().split(/\s+/).filter(Boolean),
          line: lineOf(token),
          hasPhoneLink: inner.some((t) => t.children?.some((c) => c.type === 'link_open' && String(c.attrGet('href')).startsWith('tel:'))),
        });
      }
    }
    if (token.type === 'container_block_close') open.pop();
    if (token.type === 'heading_open') {
      const inline = tokens[i + 1];
      headings.push({
        level: Number(token.tag.slice(1)),
        text: inline?.content ?? '',
        id: String(token.attrGet('id') ?? ''),
        line: lineOf(token),
      });
    }
    if (token.type !== 'inline' || !token.children) return;
    const text = plainText(token.children, '\n');
    if (text) {
      textBlocks.push(text);
      textLines.push(lineOf(lastBlock));
    }
    token.children.forEach((child, j) => {
      if (child.type === 'link_open') {
        links.push({ href: String(child.attrGet('href') ?? ''), text: linkText(token.children!, j), line: lineOf(lastBlock) });
      }
      if (child.type === 'image') {
        images.push({ src: String(child.attrGet('src') ?? ''), alt: plainText(child.children ?? []), line: lineOf(lastBlock) });
      }
    });
  });
  return { headings, links, images, textBlocks, textLines, blocks, gapBlocks };
}

/** The words of inline tokens; a line break in the source becomes `lineBreak` (a space, or a newline to keep lines countable). */
function plainText(children: Token[], lineBreak = ' '): string {
  return children
    .map((child) => (child.type === 'softbreak' || child.type === 'hardbreak' ? lineBreak : child.content))
    .join('')
    .trim();
}

function linkText(children: Token[], open: number): string {
  let text = '';
  for (let k = open + 1; k < children.length && children[k]!.type !== 'link_close'; k++) text += children[k]!.content;
  return text;
}

/**
 * The spaces in a phone link's text become non-breaking, so "0300 330 5777" never wraps
 * across lines (on a narrow phone screen a split number is easy to misdial).
 */
function keepPhoneNumbersTogether(state: { tokens: Token[] }): void {
  for (const block of state.tokens) {
    let inPhoneLink = false;
    for (const child of block.children ?? []) {
      if (child.type === 'link_open') inPhoneLink = String(child.attrGet('href') ?? '').startsWith('tel:');
      else if (child.type === 'link_close') inPhoneLink = false;
      else if (inPhoneLink && child.type === 'text') child.content = child.content.replace(/ /g, '\u00a0');
    }
  }
}

const defaultRule: RendererRule = (tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options);

function addClass(md: InstanceType<typeof MarkdownIt>, rule: string, classes: string): void {
  const original = md.renderer.rules[rule] ?? defaultRule;
  md.renderer.rules[rule] = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrJoin('class', classes);
    return original(tokens, idx, options, env, self);
  };
}
