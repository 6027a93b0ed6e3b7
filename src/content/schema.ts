/**
 * The one schema for content front matter. The server, the content checker and the
 * editor's guide (CONTENT.md) all read it, so they cannot disagree.
 *
 * Each field carries `meta` for people: what it is, an example, and the fix to print
 * when it is wrong. Types come from the schema (`z.infer`), never written twice.
 */
import { z } from 'zod';
import { serviceFactsSchema } from './service.js';

export interface FieldHelp {
  /** What the field is for, in words a content editor understands. */
  description: string;
  /** A line of YAML that would be valid. */
  example: string;
  /** Required on every page, on some layouts, or optional. */
  required: 'always' | 'tier pages' | 'optional';
  /**
   * Where families see it, in the guide's words. test/http/guide-fields.test.ts renders a
   * site and finds each field there (or, for `editorsOnly`, finds that it changes nothing).
   */
  shows: string;
  /** Families never see it: `shows` says what it is for instead. */
  editorsOnly?: true;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const isoDate = z
  .string({ error: 'must be a date written as YYYY-MM-DD' })
  .regex(ISO_DATE, { error: 'must be a date written as YYYY-MM-DD' })
  .refine(isRealDate, { error: 'is not a real calendar date' });

const sitePath = z
  .string()
  .regex(/^\/[a-z0-9\-/#]*$/, { error: 'must be a path on this site starting with /, like /referral' });

export const LAYOUTS = ['home', 'tier', 'page'] as const;
export const TIERS = ['universal', 'targeted', 'specialist'] as const;

export const fields = {
  title: {
    schema: z.string({ error: 'is missing' }).trim().min(1, { error: 'is empty' }).max(65, { error: 'is longer than 65 characters' }),
    help: {
      description: 'The name of the page. Keep it under 65 characters.',
      shows: 'The heading at the top of the page, and the start of the browser tab\'s title.',
      example: 'title: Targeted support for some children',
      required: 'always',
    },
  },
  description: {
    schema: z.string({ error: 'is missing' }).trim().min(1, { error: 'is empty' }).max(160, { error: 'is longer than 160 characters' }),
    help: {
      description:
'One or two plain sentences about the page. At most 160 characters.',
      shows: 'In search engines\' results (the page\'s summary) and in this site\'s search results; on the home page, as the first paragraph under the heading; for a tier page, on its card on the home page.',
      example: 'description: Help for children with additional needs. You need a referral.',
      required: 'always',
    },
  },
  layout: {
    schema: z.enum(LAYOUTS, { error: `must be one of: ${LAYOUTS.join(', ')}` }).default('page'),
    help: {
      description: 'How the page is laid out: `home` for the home page, `tier` for the three support pages, `page` for everything else.',
      shows: 'Not as words: a `home` page shows the `tasks` and a card for each tier page; a `tier` page gets a card on the home page.',
      example: 'layout: page',
      required: 'optional',
    },
  },
  order: {
    schema: z.number({ error: 'must be a whole number, like 2' }).int({ error: 'must be a whole number, like 2' }).min(0, { error: 'must be 0 or more' }),
    help: {
      description: 'A number that places the page among the others. Lower numbers come first.',
      shows: 'Not as words: the order of the links in the header.',
      example: 'order: 2',
      required: 'always',
    },
  },
  navTitle: {
    schema: z.string().trim().min(1).max(30, { error: 'is longer than 30 characters' }).optional(),
    help: {
      description: 'A short label for the page\'s link in the header. Leave it out to keep the page out of the header.',
      shows: 'The page\'s link in the header of every page.',
      example: 'navTitle: Referrals',
      required: 'optional',
    },
  },
  footer: {
    schema: z.boolean({ error: 'must be true or false' }).default(false),
    help: {
      description: 'Set to `true` to link the page from the footer (used for the accessibility statement, privacy and contact pages).',
      shows: 'A link to the page in the footer of every page, with the page\'s `navTitle` (or its `title`).',
      example: 'footer: true',
      required: 'optional',
    },
  },
  lastReviewed: {
    schema: isoDate,
    help: {
      description: 'The date the page was last checked by the service, written YYYY-MM-DD.',
      shows: '"Page last reviewed:" at the foot of the page, written as "25 November 2026".',
      example: 'lastReviewed: 2026-11-25',
      required: 'always',
    },
  },
  nextReview: {
    schema: isoDate,
    help: {
      description:
        'The date the page must be checked again, written YYYY-MM-DD. The checker warns 30 days before and fails the check (and CI) once it has passed; the live website only logs a warning and keeps showing the page.',
      shows: '"Next review due:" at the foot of the page, written as "25 November 2027".',
      example: 'nextReview: 2027-11-25',
      required: 'always',
    },
  },
  draft: {
    schema: z.boolean({ error: 'must be true or false' }).default(false),
    help: {
      description:
        'Set to `true` while a page is being written. Drafts are left out of the live site.',
      shows: 'Only in the preview (`npm run dev`): a "Draft" tag above the page\'s heading. On the live site the page does not exist.',
      example: 'draft: true',
      required: 'optional',
    },
  },
  tier: {
    schema: z.enum(TIERS, { error: `must be one of: ${TIERS.join(', ')}` }).optional(),
    help: {
      description: 'Which level of support a tier page describes: `universal`, `targeted` or `specialist`.',
      shows: 'Not as words: the cards of the tier pages on the home page go in the order universal, targeted, specialist.',
      example: 'tier: targeted',
      required: 'tier pages',
    },
  },
  whoFor: {
    schema: z.string().trim().min(1, { error: 'is empty' }).max(120, { error: 'is longer than 120 characters' }).optional(),
    help: {
      description: 'On tier pages: one short line saying who the support is for.',
      shows: 'On the page\'s card on the home page, under its description: "Who it is for: …".',
      example: 'whoFor: Children and young people with additional needs',
      required: 'tier pages',
    },
  },
  referralNeeded: {
    schema: z.boolean({ error: 'must be true or false' }).optional(),
    help: {
      description: 'On tier pages: `true` if a child needs a referral to get this support, `false` if not.',
      shows: 'Nowhere: it records the fact for editors. Say whether a referral is needed in the page\'s title or first paragraph, where families read it.',
      editorsOnly: true,
      example: 'referralNeeded: true',
      required: 'tier pages',
    },
  },
  actionLink: {
    schema: z
      .object(
        {
          text: z.string({ error: 'needs `text:`, the words of the link' }).trim().min(1),
          href: sitePath,
        },
        { error: 'needs two lines under it: `text:` and `href:`' },
      )
      .strict()
      .optional(),
    help: {
      description: 'A link to make stand out. Give `text` and `href` (a path on this site).',
      shows: 'Under the page\'s heading, as a link with a green arrow (not on the home page or tier pages).',
      example: 'actionLink:\n  text: How to get a referral\n  href: /referral',
      required: 'optional',
    },
  },
  tasks: {
    schema: z
      .array(
        z
          .object(
            {
              text: z.string({ error: 'needs `text:`, the words of the link' }).trim().min(1),
              href: sitePath,
              description: z.string().trim().min(1).max(120, { error: 'is longer than 120 characters' }).optional(),
            },
            { error: 'each task needs `text:` and `href:`, and may have `description:`' },
          )
          .strict(),
      )
      .max(4, { error: 'has more than 4 tasks: keep the most important 3' })
      .optional(),
    help: {
      description:
        'On the home page: the main things people come to do. Each has `text`, `href` (a path on this site, such as /referral or /could-ot-help) and an optional one-line `description`.',
      shows: 'On the home page, under its first paragraph: a large link (a card) for each task, with its description.',
      example: 'tasks:\n  - text: How to get a referral\n    href: /referral\n    description: How referrals are made and what happens next.',
      required: 'optional',
    },
  },
} satisfies Record<string, { schema: z.ZodType; help: FieldHelp }>;

type Fields = typeof fields;
type Shape = { [K in keyof Fields]: Fields[K]['schema'] };

const shape = Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.schema])) as Shape;

/** Fields a tier page must have, with the reason printed when one is missing. */
const TIER_FIELDS = ['tier', 'whoFor', 'referralNeeded'] as const;

export const frontMatterSchema = z
  .object(shape)
  .strict()
  .superRefine((page, ctx) => {
    if (page.layout === 'tier') {
      for (const name of TIER_FIELDS) {
        if (page[name] === undefined) {
          ctx.addIssue({ code: 'custom', path: [name], message: 'is required on tier pages (layout: tier)' });
        }
      }
    }
    if (page.nextReview && page.lastReviewed && page.nextReview <= page.lastReviewed) {
      ctx.addIssue({ code: 'custom', path: ['nextReview'], message: 'must be after lastReviewed' });
    }
  });

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type Tier = (typeof TIERS)[number];

export function fieldHelp(name: string): FieldHelp | undefined {
  return (fields as Record<string, { help: FieldHelp }>)[name]?.help;
}

/** Site-wide settings in content/site.yml, with the service's facts (service.ts). */
export const siteSettingsSchema = z
  .object({
    serviceName: z.string({ error: 'is missing' }).trim().min(1),
    provider: z.string({ error: 'is missing' }).trim().min(1),
    service: serviceFactsSchema,
  })
  .strict();

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/** content/gaps.yml: facts the service mentions but has not given yet. */
export const gapsSchema = z.array(
  z
    .object({
      /** A short name for the gap, which a `::: gap` inset names to be shown while it is open. */
      id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be lower-case words joined by hyphens, like ccc-email' }).optional(),
      fact: z.string().trim().min(1),
      pages: z.array(z.string().regex(/\.md$/, { error: 'must name a Markdown file, like contact.md' })).min(1),
      filledWhen: z.string().min(1).refine(isValidRegExp, { error: 'is not a valid regular expression' }),
      fix: z.string().trim().min(1),
      /** Words on the page where the fact belongs; the warning names their line. */
      near: z.string().min(1).optional(),
    })
    .strict(),
);

export type Gap = z.infer<typeof gapsSchema>[number];

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
