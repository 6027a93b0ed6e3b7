/**
 * The service as Open Referral UK (HSDS 3.0, UK profile) records, built once with the build
 * from the same Site the pages are drawn from: the facts in site.yml, the home page's
 * description, and the tier pages as the service's levels of support (its taxonomy terms).
 * Field names, required fields and enums follow the profile's JSON schemas
 * (OpenReferralUK/uk-profile, schema/*.json). Facts the service has not given (its email,
 * its places' addresses, fees) are left out: the profile does not require them.
 *
 * Every id is a UUID v5 of what the record is, so it is the same on every start and every
 * server; renaming the service or a place gives it a new id.
 */
import { v5 as uuidv5 } from 'uuid';
import type { Site } from '../../content/site.js';
import { hoursInWords, type Day } from '../../content/service.js';

/** The namespace of this site's record ids (a fixed random UUID). */
const ID_NAMESPACE = '5b0e7c4e-3f0a-4d52-9b7e-0c6f3c9a1d27';
const idFor = (...parts: string[]) => uuidv5(parts.join('\u0000'), ID_NAMESPACE);

export const BYDAY: Record<Day, string> = {
  Monday: 'MO',
  Tuesday: 'TU',
  Wednesday: 'WE',
  Thursday: 'TH',
  Friday: 'FR',
  Saturday: 'SA',
  Sunday: 'SU',
};

/** One service as the feed serves it, with what its filters look at. */
export interface FeedService {
  /** `/services/{id}`: the service with all its related records. */
  full: Record<string, unknown> & { id: string };
  /** An item of `/services`: the one-to-one fields and the organization. */
  summary: Record<string, unknown>;
  /** The words `search` looks in, lower case. */
  searchText: string;
  minimumAge: number;
  maximumAge: number;
  taxonomyTermIds: ReadonlySet<string>;
  /** The schedule's days (`MO`, `TU`, …) and times (`HH:MM`). */
  days: ReadonlySet<string>;
  opensAt: string;
  closesAt: string;
}

export interface OpenReferralFeed {
  services: readonly FeedService[];
}

export function openReferralFeed(site: Site, siteUrl: string): OpenReferralFeed {
  const { serviceName, provider, service: facts } = site.settings;
  const serviceId = idFor('service', serviceName);
  const organization = {
    id: idFor('organization', provider),
    name: provider,
    description: `${provider} provides the ${serviceName} service.`,
  };
  const published = [...site.pages.values()].filter((page) => !page.meta.draft);
  const lastReviewed = published
    .map((page) => page.meta.lastReviewed)
    .sort()
    .at(-1);
  const summary = {
    id: serviceId,
    organization_id: organization.id,
    name: serviceName,
    description: site.pages.get('/')?.meta.description,
    url: `${siteUrl}/`,
    status: 'active',
    minimum_age: facts.ages.from,
    maximum_age: facts.ages.to,
    ...(lastReviewed && { last_modified: `${lastReviewed}T00:00:00Z` }),
    organization,
  };

  const { contact } = facts;
  const contactId = idFor('contact', serviceName, contact.name);
  const hours = hoursInWords(contact.hours);
  const terms = site.tiers
    .filter((tier) => !tier.meta.draft)
    .map((tier) => ({
      id: idFor('taxonomy_term', 'support level', tier.meta.tier ?? tier.path),
      name: tier.meta.title,
      description: tier.meta.description,
    }));

  const full = {
    ...summary,
    schedules: [
      {
        id: idFor('schedule', serviceName, contact.name),
        service_id: serviceId,
        freq: 'WEEKLY',
        byday: contact.hours.days.map((day) => BYDAY[day]).join(','),
        opens_at: contact.hours.opens,
        closes_at: contact.hours.closes,
        description: `${contact.name}: ${hours}.`,
      },
    ],
    service_areas: [{ id: idFor('service_area', serviceName, facts.area), service_id: serviceId, name: facts.area }],
    service_at_locations: facts.places.map((place) => {
      const locationId = idFor('location', place.name);
      return {
        id: idFor('service_at_location', serviceName, place.name),
        service_id: serviceId,
        location_id: locationId,
        location: { id: locationId, location_type: 'physical', name: place.name },
      };
    }),
    contacts: [
      {
        id: contactId,
        service_id: serviceId,
        name: contact.name,
        phones: [
          { id: idFor('phone', contactId, contact.phone), contact_id: contactId, number: contact.phone, description: `Open ${hours}.` },
        ],
      },
    ],
    attributes: terms.map((term) => ({
      id: idFor('attribute', serviceId, term.id),
      link_id: serviceId,
      link_type: 'service',
      taxonomy_term_id: term.id,
      taxonomy_term: term,
    })),
  };

  const searchText = [
    serviceName,
    summary.description,
    provider,
    facts.area,
    ...facts.places.map((p) => p.name),
    ...terms.map((t) => t.name),
  ]
    .join(' ')
    .toLowerCase();
  return {
    services: [
      {
        full,
        summary,
        searchText,
        minimumAge: facts.ages.from,
        maximumAge: facts.ages.to,
        taxonomyTermIds: new Set(terms.map((t) => t.id)),
        days: new Set(contact.hours.days.map((day) => BYDAY[day])),
        opensAt: contact.hours.opens,
        closesAt: contact.hours.closes,
      },
    ],
  };
}
