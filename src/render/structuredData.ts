/**
 * Structured data for search engines (JSON-LD, schema.org), from the same Site the pages are
 * drawn from: the service on every page, and each page's breadcrumb trail.
 *
 * The service is a `GovernmentService`: schema.org's `Service` types carry the provider, the
 * area served and an `availableChannel` (the Care Coordination Centre's phone and hours);
 * `MedicalClinic` is a place and has no channel. Facts the service has not given (its email,
 * its places' addresses) are left out, as they are on the pages.
 */
import type { Site } from '../content/site.js';
import { internationalPhone } from '../content/service.js';

export interface Crumb {
  text: string;
  href: string;
}

const SCHEMA_ORG = 'https://schema.org';

export function serviceStructuredData(site: Site, siteUrl: string) {
  const { serviceName, provider, service } = site.settings;
  const { contact } = service;
  return {
    '@context': SCHEMA_ORG,
    '@type': 'GovernmentService',
    '@id': `${siteUrl}/#service`,
    name: serviceName,
    description: site.pages.get('/')?.meta.description,
    url: `${siteUrl}/`,
    provider: { '@type': 'Organization', name: provider },
    areaServed: { '@type': 'AdministrativeArea', name: service.area },
    audience: { '@type': 'PeopleAudience', suggestedMinAge: service.ages.from, suggestedMaxAge: service.ages.to },
    availableChannel: {
      '@type': 'ServiceChannel',
      name: contact.name,
      servicePhone: {
        '@type': 'ContactPoint',
        name: contact.name,
        telephone: internationalPhone(contact.phone),
        hoursAvailable: {
          '@type': 'OpeningHoursSpecification',
          dayOfWeek: contact.hours.days.map((day) => `${SCHEMA_ORG}/${day}`),
          opens: contact.hours.opens,
          closes: contact.hours.closes,
        },
      },
    },
  };
}

/** The trail to a page, the page itself last: the breadcrumbs the page shows, plus where it is. */
export function breadcrumbStructuredData(trail: readonly Crumb[], siteUrl: string) {
  return {
    '@context': SCHEMA_ORG,
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      name: crumb.text,
      item: absoluteUrl(siteUrl, crumb.href),
    })),
  };
}

export function absoluteUrl(siteUrl: string, path: string): string {
  return `${siteUrl}${path}`;
}

/**
 * JSON that is safe inside `<script type="application/ld+json">`: `<`, `>` and `&` are
 * escaped as JSON escapes, so no text can close the element or open a comment.
 */
export function jsonLd(data: object): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
