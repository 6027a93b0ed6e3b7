/**
 * Pictures: editors put them in content/images/ and write `![what it shows](/images/name.jpg)`.
 * Each file is read once per build: its size in pixels (image-size reads the file's header,
 * in plain JavaScript), a content hash for its address (`/images/name.<hash>.jpg`, so browsers
 * and caches may keep it for a year), and its bytes, which the site serves as they are.
 *
 * The checks run where a page (or flow.yml) uses a picture, so each problem names the line
 * that uses it: a file that is missing, of a kind browsers cannot show, or unreadable; alt
 * text that is missing or is a file name; a file too heavy for a phone (a warning).
 */
import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import { imageSize } from 'image-size';
import { nearest } from './checks/nearest.js';
import type { Image } from './markdown.js';
import { error, warning, type Problem } from './problem.js';

/** The folder inside the content folder that holds the pictures. */
export const IMAGES_DIR = 'images';
/** Where pages write them: `/images/pencil-grip.jpg` is content/images/pencil-grip.jpg. */
export const IMAGES_PATH = '/images/';

/** The kinds of picture every browser shows, by file extension. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/**
 * Heavier than this, a picture is slow on a phone with a weak signal (200 KB is over a
 * second at 1.5 Mbit/s, before the rest of the page), and uses families' data.
 */
export const PHONE_LIMIT_BYTES = 200 * 1024;

export interface ContentImage {
  /** Where editors write it: `/images/pencil-grip.jpg`. */
  path: string;
  /** Where the site serves it: `/images/pencil-grip.1a2b3c4d5e6f.jpg`. */
  url: string;
  contentType: string;
  width: number;
  height: number;
  bytes: Buffer;
}

/** A file in content/images/ that is not a picture the site can show, and why. */
interface Unusable {
  path: string;
  reason: string;
  fix: string;
}

export interface ImageCatalogue {
  /** The pictures the site can show, by the path editors write. */
  images: ReadonlyMap<string, ContentImage>;
  unusable: ReadonlyMap<string, Unusable>;
  /** Files whose names a page cannot use as written (spaces, capitals): content/images/… */
  misnamed: readonly string[];
}

export const NO_IMAGES: ImageCatalogue = { images: new Map(), unusable: new Map(), misnamed: [] };

/** A name a page can write as it is: lower-case words joined by hyphens, then the extension. */
const GOOD_NAME = /^[a-z0-9]+(-[a-z0-9]+)*\.[a-z0-9]+$/;

/** `files`: paths relative to the content folder, as the loader lists them; `read` gives a file's bytes. */
export async function loadImages(files: readonly string[], read: (file: string) => Promise<Buffer>): Promise<ImageCatalogue> {
  const images = new Map<string, ContentImage>();
  const unusable = new Map<string, Unusable>();
  const pictures = files.filter((file) => file.startsWith(`${IMAGES_DIR}/`));
  const misnamed = pictures.filter((file) => !GOOD_NAME.test(file.slice(IMAGES_DIR.length + 1)));
  const bodies = await Promise.all(pictures.map((file) => read(file).catch((thrown: Error) => thrown)));
  pictures.forEach((file, i) => {
    const path = `/${file}`;
    const body = bodies[i]!;
    const extension = extname(file).toLowerCase();
    const contentType = IMAGE_TYPES[extension];
    if (!contentType) {
      unusable.set(path, {
        path,
        reason: `is a ${extension || 'file without an extension'}, which not every browser can show`,
        fix: 'Save it as a JPEG (.jpg) for a photo, or a PNG (.png) for a drawing or a screenshot, and use that file.',
      });
      return;
    }
    if (body instanceof Error) {
      unusable.set(path, { path, reason: 'cannot be read', fix: 'Check that the file is there and that you can open it, then save it again.' });
      return;
    }
    const size = measure(body);
    if (!size) {
      unusable.set(path, {
        path,
        reason: `cannot be read as a picture (it is not a ${extension.slice(1).toUpperCase()} file, or it is damaged)`,
        fix: 'Open it in a picture editor and save it again as a JPEG or PNG.',
      });
      return;
    }
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const url = `${path.slice(0, -extension.length)}.${hash}${extension}`;
    images.set(path, { path, url, contentType, ...size, bytes: body });
  });
  return { images, unusable, misnamed };
}

/** Width and height as shown: a photo turned on its side by its camera (EXIF orientation 5 to 8) shows them swapped. */
function measure(body: Buffer): { width: number; height: number } | undefined {
  try {
    const { width, height, orientation = 1 } = imageSize(body);
    if (!width || !height) return undefined;
    return orientation >= 5 ? { width: height, height: width } : { width, height };
  } catch {
    return undefined;
  }
}

/**
 * Alt text that is a file name rather than words: "pencil-grip.jpg", "IMG_0042",
 * "pencil_grip", "Screenshot 2026-01-05".
 */
export function looksLikeFileName(alt: string): boolean {
  const text = alt.trim();
  return (
    /\.[a-z0-9]{2,4}$/i.test(text) ||
    /^(img|dsc|dscn|dcim|pxl|mvimg|image|photo|picture|pic|screenshot|screen shot)([\s_-]*[\d-]+.*)?$/i.test(text) ||
    /^[a-z0-9]+([_-][a-z0-9]+)+$/i.test(text)
  );
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** The problems with the pictures one file uses (a page, or flow.yml). */
export function imageProblems(file: string, used: readonly Image[], { images, unusable }: ImageCatalogue): Problem[] {
  return used.flatMap((image): Problem[] => {
    const at = { file, line: image.line };
    const problems: Problem[] = [];
    if (image.alt.trim() === '') {
      problems.push(
        error({
          ...at,
          message: `The image ${image.src} has no alt text.`,
          fix: 'Describe what the image shows inside the square brackets: ![A child using a pencil grip](/images/grip.jpg).',
        }),
      );
    } else if (looksLikeFileName(image.alt)) {
      problems.push(
        error({
          ...at,
          message: `The image ${image.src} has the alt text "${image.alt}", which is a file name, not words saying what it shows.`,
          fix: 'Write what the picture shows inside the square brackets, as you would say it to someone on the phone: ![A child holding a pencil with a pencil grip](/images/pencil-grip.jpg).',
        }),
      );
    }
    if (!image.src.startsWith(IMAGES_PATH)) {
      const name = image.src.split(/[?#]/)[0]!.split('/').pop();
      problems.push(
        error({
          ...at,
          message: /^https?:/i.test(image.src)
            ? `The image ${image.src} is on another website, which the site does not show pictures from.`
            : `The image ${image.src} is not in the pictures folder's address, ${IMAGES_PATH}.`,
          fix: `Put the picture in the content/${IMAGES_DIR}/ folder and write its address as ${IMAGES_PATH}${name || 'name.jpg'}.`,
        }),
      );
      return problems;
    }
    const found = images.get(image.src);
    const bad = unusable.get(image.src);
    if (bad) {
      problems.push(error({ ...at, message: `The picture content${bad.path} ${bad.reason}.`, fix: bad.fix }));
    } else if (!found) {
      const known = [...images.keys(), ...unusable.keys()];
      const guess = nearest(image.src, known);
      problems.push(
        error({
          ...at,
          message: `The image ${image.src} is not in the content/${IMAGES_DIR}/ folder.${guess ? ` Did you mean ${guess}?` : ''}`,
          fix: known.length
            ? `${guess ? `Change it to ${guess}, or to another picture: ` : 'Put the file in content/images/, or use one of: '}${known.join(', ')}.`
            : `Put the file in the content/${IMAGES_DIR}/ folder (it has no pictures yet), with the name the page uses.`,
        }),
      );
    } else if (found.bytes.length > PHONE_LIMIT_BYTES) {
      problems.push(
        warning({
          ...at,
          message: `The picture content${found.path} is ${kb(found.bytes.length)} (${found.width} by ${found.height} pixels): over ${kb(PHONE_LIMIT_BYTES)}, it is slow to load on a phone.`,
          fix: `Make it smaller: 1200 pixels wide is enough for any screen, and a photo saved as a JPEG at quality 80 is then usually under ${kb(PHONE_LIMIT_BYTES)}.`,
        }),
      );
    }
    return problems;
  });
}

/** `Pencil Grip.JPG` → `pencil-grip.jpg`. */
function suggestName(name: string): string {
  const extension = extname(name).toLowerCase();
  const stem = name.slice(0, name.length - extension.length).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${stem || 'picture'}${extension}`;
}

/** Each file in content/images/ whose name a page cannot write as it is: a warning, naming a name that works. */
export function misnamedImages({ misnamed }: ImageCatalogue): Problem[] {
  return misnamed.map((file) => {
    const name = file.slice(IMAGES_DIR.length + 1);
    return warning({
      file,
      message: `The picture's name "${name}" has capitals, spaces or other signs, which a page cannot use as they are.`,
      fix: `Rename it to ${suggestName(name)} (lower-case letters, numbers and hyphens) and write ![what it shows](${IMAGES_PATH}${suggestName(name)}) on the page.`,
    });
  });
}
