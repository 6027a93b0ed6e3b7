/**
 * Pictures, as CONTENT.md tells editors to add them: a file in content/images/ and
 * `![what it shows](/images/name.png)` on the page. Each bad picture is reported with the
 * file and line that uses it, and how to fix it; a good one is drawn with its fingerprinted
 * address, width and height.
 */
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/build.js';
import { looksLikeFileName, PHONE_LIMIT_BYTES } from '../../src/content/images.js';
import type { Problem } from '../../src/content/problem.js';
import { buildOptions } from '../support/app.js';
import { fixtureSite } from '../support/fixtureSite.js';

async function check(...cases: string[]) {
  const contentDir = await fixtureSite('pictures/good', ...cases);
  return loadContent(buildOptions({ contentDir, today: new Date('2026-06-01') }));
}

const BAD: [what: string, fixture: string, expected: Pick<Problem, 'severity' | 'file' | 'line'> & { message: RegExp; fix: RegExp }][] = [
  [
    'a picture that is not in the folder, with the nearest name',
    'pictures/missing',
    {
      severity: 'error',
      file: 'typo.md',
      line: 13,
      message: /^The image \/images\/pencil-grp\.png is not in the content\/images\/ folder\. Did you mean \/images\/pencil-grip\.png\?$/,
      fix: /^Change it to \/images\/pencil-grip\.png/,
    },
  ],
  [
    'alt text that is a file name',
    'pictures/file-name-alt',
    {
      severity: 'error',
      file: 'named.md',
      line: 13,
      message: /has the alt text "IMG_0042\.png", which is a file name, not words saying what it shows/,
      fix: /^Write what the picture shows inside the square brackets/,
    },
  ],
  [
    'a file that is not a picture',
    'pictures/not-a-picture',
    {
      severity: 'error',
      file: 'leaflet.md',
      line: 13,
      message: /^The picture content\/images\/leaflet\.jpg cannot be read as a picture/,
      fix: /save it again as a JPEG or PNG/,
    },
  ],
  [
    'a picture from another website',
    'pictures/other-website',
    {
      severity: 'error',
      file: 'remote.md',
      line: 13,
      message: /https:\/\/example\.org\/grip\.png is on another website/,
      fix: /^Put the picture in the content\/images\/ folder and write its address as \/images\/grip\.png\.$/,
    },
  ],
  [
    'an image with no alt text',
    'pictures/no-alt',
    {
      severity: 'error',
      file: 'bare.md',
      line: 13,
      message: /^The image \/images\/pencil-grip\.png has no alt text\.$/,
      fix: /^Describe what the image shows/,
    },
  ],
  [
    'a picture too heavy for a phone (a warning, which does not stop the site)',
    'pictures/too-large',
    {
      severity: 'warning',
      file: 'heavy.md',
      line: 13,
      message:
        /^The picture content\/images\/playground\.png is 225 KB \(320 by 240 pixels\): over 200 KB, it is slow to load on a phone\.$/,
      fix: /^Make it smaller: 1200 pixels wide/,
    },
  ],
  [
    'a picture whose name a page cannot write as it is (a warning)',
    'pictures/misnamed',
    {
      severity: 'warning',
      file: 'images/Knife and Fork.PNG',
      message: /^The picture's name "Knife and Fork\.PNG" has capitals, spaces or other signs/,
      fix: /^Rename it to knife-and-fork\.png .* write !\[what it shows\]\(\/images\/knife-and-fork\.png\) on the page\.$/,
    },
  ],
];

describe('pictures', () => {
  it('a picture added as CONTENT.md says is drawn with its fingerprinted address, width and height, and nothing is reported', async () => {
    const { problems, site } = await check();
    expect(problems).toEqual([]);
    const html = site!.pages.get('/pencil-grips')!.body.html;
    expect(html).toMatch(
      /<img src="\/images\/pencil-grip\.[0-9a-f]{12}\.png" alt="A child holding a pencil with a pencil grip" width="120" height="80" loading="lazy">/,
    );
    expect(site!.images.map((image) => image.path)).toEqual(['/images/pencil-grip.png']);
  });

  it.each(BAD)('reports %s with the file, line and fix', async (_what, fixture, { message, fix, ...where }) => {
    const { problems, site } = await check(fixture);
    expect(problems).toEqual([
      expect.objectContaining({ ...where, message: expect.stringMatching(message), fix: expect.stringMatching(fix) }),
    ]);
    expect(site === undefined).toBe(where.severity === 'error');
  });

  it('states the phone limit the warning uses', () => {
    expect(PHONE_LIMIT_BYTES).toBe(200 * 1024);
  });

  it('tells alt text that is a file name from a description', () => {
    for (const name of ['pencil-grip.jpg', 'IMG_0042', 'pencil_grip', 'DSC01234', 'Screenshot 2026-01-05 at 10.00', 'photo', 'image1'])
      expect(looksLikeFileName(name), name).toBe(true);
    for (const words of ['A child holding a pencil with a pencil grip', 'Photo of a knife and fork with chunky handles', 'Buttons'])
      expect(looksLikeFileName(words), words).toBe(false);
  });
});
