/**
 * The one schema for content front matter. The server, the content checker and the
 * editor's guide (CONTENT.md) all read it, so they cannot disagree.
 *
 * Each field carries `meta` for people: what it is, an example, and the fix to print
 * when it is wrong. Types come from the schema (`z.infer`), never written twice.
 */
import { z } from 'zod';

export interface FieldHelp {
  /** What the field is for, in words a content editor understands. */
  description: string;
  /** A line of YAML that would be valid. */
  example: string;
  /** Required on every page, on some layouts, or optional. */
  required: 'always' | 'tier pages' | 'optional';
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
      description: 'The page heading (h1) and the browser tab title. Keep it under 65 characters.',
      example: 'title: Targeted support for some children',
      required: 'always',
    },
  },
  description: {
    schema: z.string({ error: 'is missing' }).trim().min(1, { error: 'is empty' }).max(160, { error: 'is longer than 160 characters' }),
    help: {
      description:
        'One or two plain sentences about the page. Shown in search results, as the lead paragraph on the home page and on the tier cards. At most 160 characters.',
      example: 'description: Help for children with additional needs. You need a referral.',
      required: 'always',
    },
  },
  layout: {
    schema: z.enum(LAYOUTS, { error: `must be one of: ${LAYOUTS.join(', ')}` }).default('page'),
    help: {
      description: 'How the page is laid out: `home` for the home page, `tier` for the three support pages, `page` for everything else.',
      example: 'layout: page',
      required: 'optional',
    },
  },
  order: {
    schema: z.number({ error: 'must be a whole number, like 2' }).int({ error: 'must be a whole number, like 2' }).min(0, { error: 'must be 0 or more' }),
    help: {
      description: 'Position in the header navigation and among the tier cards. Lower numbers come first.',
      example: 'order: 2',
      required: 'always',
    },
  },
  navTitle: {
    schema: z.string().trim().min(1).max(30, { error: 'is longer than 30 characters' }).optional(),
    help: {
      description: 'A short label for the header navigation. Leave it out to keep the page out of the navigation.',
      example: 'navTitle: Referrals',
      required: 'optional',
    },
  },
  footer: {
    schema: z.boolean({ error: 'must be true or false' }).default(false),
    help: {
      description: 'Set to `true` to link the page from the footer of every page (used for the accessibility statement, privacy and contact pages).',
      example: 'footer: true',
      required: 'optional',
    },
  },
  lastReviewed: {
    schema: isoDate,
    help: {
      description: 'The date the page was last checked by the service, written YYYY-MM-DD. Shown at the foot of the page.',
      example: 'lastReviewed: 2026-11-25',
      required: 'always',
    },
  },
  nextReview: {
    schema: isoDate,
    help: {
      description:
        'The date the page must be checked again, written YYYY-MM-DD. The checker warns 30 days before and fails the check once it has passed.',
      example: 'nextReview: 2027-11-25',
      required: 'always',
    },
  },
  draft: {
    schema: z.boolean({ error: 'must be true or false' }).default(false),
    help: {
      description:
        'Set to `true` while a page is being written. Drafts show in the preview (`npm run dev`) with a "Draft" tag and are left out of the live site.',
      example: 'draft: true',
      required: 'optional',
    },
  },
  tier: {
    schema: z.enum(TIERS, { error: `must be one of: ${TIERS.join(', ')}` }).optional(),
    help: {
      description: 'Which level of support a tier page describes: `universal`, `targeted` or `specialist`.',
      example: 'tier: targeted',
      required: 'tier pages',
    },
  },
  whoFor: {
    schema: z.string().trim().min(1, { error: 'is empty' }).max(120, { error: 'is longer than 120 characters' }).optional(),
    help: {
      description: 'On tier pages: one short line saying who the support is for. Shown at the top of the page.',
      example: 'whoFor: Children and young people with additional needs',
      required: 'tier pages',
    },
  },
  referralNeeded: {
    schema: z.boolean({ error: 'must be true or false' }).optional(),
    help: {
      description: 'On tier pages: `true` if a child needs a referral to get this support, `false` if not.',
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
      description: 'A prominent green-arrow link near the top of the page. Give `text` and `href` (a path on this site).',
      example: 'actionLink:\n  text: How to get a referral\n  href: /referral',
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

/** Site-wide settings in content/site.yml. */
export const siteSettingsSchema = z
  .object({
    serviceName: z.string({ error: 'is missing' }).trim().min(1),
    provider: z.string({ error: 'is missing' }).trim().min(1),
    /** The service's contact details: the only phone number, email and web address pages may give. */
    contact: z
      .object({
        phone: z.string().trim().min(1),
        email: z.email().optional(),
        website: z.url().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

/** content/gaps.yml: facts the service mentions but has not given yet. */
export const gapsSchema = z.array(
  z
    .object({
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
