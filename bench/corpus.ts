/**
 * Generates a valid content folder of N Markdown pages of realistic size and shape:
 * our front matter (title, description, layout, order, lastReviewed, nextReview), a home
 * page, one page per tier, ~500–1,500 words each with headings, lists, links to other
 * pages (and their headings) and the ::: blocks editors use. Deterministic for a given N.
 */
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const WORDS = (
  'your child may find it hard to hold a pencil use a spoon get dressed or join in at school ' +
  'an occupational therapist looks at the everyday activities that matter to your family and ' +
  'helps you find ways to make them easier at home nursery and school with advice strategies ' +
  'equipment and training for parents carers and the professionals who work with your child'
).split(' ');

const TIERS = ['universal', 'targeted', 'specialist'] as const;

/** A small seeded generator, so that every run builds the same corpus. */
function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export async function generateCorpus(dir: string, pageCount: number): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'guides'), { recursive: true });
  const today = new Date();
  const lastReviewed = isoDay(new Date(today.getTime() - 30 * 86_400_000));
  const nextReview = isoDay(new Date(today.getTime() + 335 * 86_400_000));
  const rand = random(pageCount);
  const pick = <T>(items: readonly T[]) => items[Math.floor(rand() * items.length)]!;
  const sentence = (min: number, max: number) => {
    const n = min + Math.floor(rand() * (max - min));
    const words = Array.from({ length: n }, () => pick(WORDS));
    return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
  };
  const paragraph = () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => sentence(8, 18)).join(' ');

  const guideCount = pageCount - 1 - TIERS.length;
  const guidePath = (i: number) => `/guides/guide-${i}`;
  const sectionIds = ['what-it-is', 'how-it-helps', 'what-happens-next'];
  const sectionTitles = ['What it is', 'How it helps', 'What happens next'];

  const body = (self: number) => {
    const link = () => {
      const target = Math.floor(rand() * guideCount);
      return target === self ? `[the home page](/)` : `[guide ${target}](${guidePath(target)}#${pick(sectionIds)})`;
    };
    const sections = sectionTitles.map((title, s) => {
      const parts = [`## ${title}`, paragraph(), paragraph()];
      parts.push(Array.from({ length: 3 + Math.floor(rand() * 3) }, () => `- ${sentence(4, 10)}`).join('\n'));
      parts.push(`### More about ${title.toLowerCase()}`, `${paragraph()} Read ${link()} or ${link()}.`, paragraph());
      if (s === 0) parts.push('::: inset', sentence(10, 20), ':::');
      if (s === 1) parts.push(`::: details What does ${pick(WORDS)} mean?`, paragraph(), ':::');
      if (rand() < 0.5) parts.push(paragraph(), paragraph());
      return parts.join('\n\n');
    });
    return sections.join('\n\n') + '\n';
  };

  const frontMatter = (fields: Record<string, string | number | boolean>) =>
    '---\n' +
    Object.entries(fields)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : v}`)
      .join('\n') +
    '\n---\n\n';

  const common = { lastReviewed, nextReview };
  const files: [string, string][] = [
    // The real settings and service facts: the generated pages give no phone numbers to disagree with them.
    ['site.yml', readFileSync(join(import.meta.dirname, '..', 'content', 'site.yml'), 'utf8')],
    [
      'index.md',
      frontMatter({ title: 'Benchmark home', description: 'The home page of a generated site.', layout: 'home', order: 0, ...common }) +
        body(-1),
    ],
  ];
  TIERS.forEach((tier, i) => {
    files.push([
      `${tier}.md`,
      frontMatter({
        title: `Support for ${tier}`,
        description: `The ${tier} tier of a generated site.`,
        layout: 'tier',
        order: i + 1,
        navTitle: `${tier} support`,
        tier,
        whoFor: 'Generated children',
        referralNeeded: i > 0,
        ...common,
      }) + body(-1),
    ]);
  });
  for (let i = 0; i < guideCount; i++) {
    files.push([
      `guides/guide-${i}.md`,
      frontMatter({
        title: `Guide ${i}: ${sentence(3, 6).slice(0, 40)}`,
        description: sentence(10, 20).slice(0, 150),
        layout: 'page',
        order: 10 + i,
        ...common,
      }) + body(i),
    ]);
  }
  // Bounded concurrency: a few hundred open files at most.
  for (let i = 0; i < files.length; i += 256) {
    await Promise.all(files.slice(i, i + 256).map(([name, text]) => writeFile(join(dir, name), text)));
  }
}

export const GUIDE_PATH = '/guides/guide-1';
