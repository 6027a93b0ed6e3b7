/**
 * The Open Referral UK profile (HSDS 3.0) as zod schemas, written from the profile's own
 * files in OpenReferralUK/uk-profile: schema/openapi.json (the endpoints and the page
 * envelope) and schema/*.json (each record's fields, `required` and `enum`s). Field formats
 * follow the profile: `uuid`, `uri`, `email`, `date-time`.
 *
 * The profile's records allow fields it does not list; these schemas are strict instead, so a
 * misspelt field name fails. The one field not in the profile's files is `contacts[].phones`:
 * the profile's phone record belongs to a contact (`contact_id`), and HSDS 3.0 nests phones
 * in their contact.
 */
import { z } from 'zod';

const uuid = z.uuid();
const optional = <T extends z.ZodType>(schema: T) => schema.optional();

// schema/taxonomy_term.json: required id, name, description
const taxonomyTerm = z
  .object({
    id: uuid,
    name: z.string(),
    description: z.string(),
    parent_id: optional(uuid),
    taxonomy: optional(z.string()),
    taxonomy_id: optional(uuid),
    term_uri: optional(z.url()),
    term: optional(z.string()),
  })
  .strict();

// schema/attribute.json: required id
const attribute = z
  .object({
    id: uuid,
    link_id: optional(uuid),
    taxonomy_term_id: optional(uuid),
    link_type: optional(z.string()),
    taxonomy_term: optional(taxonomyTerm),
  })
  .strict();

// schema/organization_identifier.json: required id, identifier_type, identifier
const organizationIdentifier = z
  .object({
    id: uuid,
    organization_id: optional(uuid),
    identifier_scheme: optional(z.string()),
    identifier_type: z.string(),
    identifier: z.string(),
    attributes: optional(z.array(attribute)),
  })
  .strict();

// schema/organization.json: required id, name, description
const organizationFields = {
  id: uuid,
  name: z.string(),
  description: z.string(),
  email: optional(z.email()),
  website: optional(z.url()),
  logo: optional(z.string()),
  uri: optional(z.url()),
  parent_organization_id: optional(uuid),
};
const organization = z
  .object({
    ...organizationFields,
    organization_identifiers: optional(z.array(organizationIdentifier)),
    attributes: optional(z.array(attribute)),
  })
  .strict();

// schema/schedule.json: required id; freq is WEEKLY or MONTHLY
const schedule = z
  .object({
    id: uuid,
    service_id: optional(uuid),
    service_at_location_id: optional(uuid),
    valid_from: optional(z.string()),
    valid_to: optional(z.string()),
    dtstart: optional(z.string()),
    freq: optional(z.enum(['WEEKLY', 'MONTHLY'])),
    interval: optional(z.number()),
    byday: optional(z.string()),
    bymonthday: optional(z.string()),
    description: optional(z.string()),
    opens_at: optional(z.string()),
    closes_at: optional(z.string()),
    schedule_link: optional(z.url()),
    attending_type: optional(z.string()),
    notes: optional(z.string()),
  })
  .strict();

// schema/service_area.json: required id
const serviceArea = z
  .object({
    id: uuid,
    service_id: optional(uuid),
    name: optional(z.string()),
    extent: optional(z.string()),
    extent_type: optional(z.string()),
    uri: optional(z.string()),
    service_area: optional(z.string()),
  })
  .strict();

const locationType = z.enum(['physical', 'postal', 'virtual']);

// schema/address.json
const address = z
  .object({
    id: uuid,
    location_id: optional(uuid),
    attention: optional(z.string()),
    address_1: z.string(),
    city: z.string(),
    region: optional(z.string()),
    state_province: z.string(),
    postal_code: z.string(),
    country: z.string(),
    address_type: locationType,
    attributes: optional(z.array(attribute)),
  })
  .strict();

// schema/accessibility.json: required id
const accessibility = z
  .object({
    id: uuid,
    location_id: optional(uuid),
    description: optional(z.string()),
    details: optional(z.string()),
    url: optional(z.url()),
    attributes: optional(z.array(attribute)),
    accessibility: optional(z.string()),
  })
  .strict();

// schema/location.json: required id, location_type
const location = z
  .object({
    id: uuid,
    location_type: locationType,
    name: optional(z.string()),
    description: optional(z.string()),
    latitude: optional(z.number()),
    longitude: optional(z.number()),
    external_identifier: optional(z.string()),
    external_identifier_type: optional(z.string()),
    addresses: optional(z.array(address)),
    accessibility: optional(z.array(accessibility)),
    attributes: optional(z.array(attribute)),
  })
  .strict();

// schema/service_at_location.json: required id
const serviceAtLocation = z
  .object({ id: uuid, service_id: optional(uuid), location_id: optional(uuid), location: optional(location) })
  .strict();

// schema/language.json: required id
const language = z.object({ id: uuid, service_id: optional(uuid), phone_id: optional(uuid) }).strict();

// schema/phone.json: required id, number
const phone = z
  .object({
    id: uuid,
    contact_id: optional(uuid),
    number: z.string(),
    description: optional(z.string()),
    languages: optional(z.array(language)),
  })
  .strict();

// schema/contact.json: required id (phones: see the comment at the top)
const contact = z
  .object({
    id: uuid,
    service_id: optional(uuid),
    name: optional(z.string()),
    title: optional(z.string()),
    attributes: optional(z.array(attribute)),
    phones: optional(z.array(phone)),
  })
  .strict();

// schema/funding.json and schema/cost_option.json: required id
const funding = z.object({ id: uuid, service_id: optional(uuid), source: optional(z.string()) }).strict();
const costOption = z
  .object({
    id: uuid,
    service_id: optional(uuid),
    valid_from: optional(z.string()),
    valid_to: optional(z.string()),
    option: optional(z.string()),
    amount: optional(z.number()),
    amount_description: optional(z.string()),
  })
  .strict();

// schema/service.json: required id, name, status; status is one of four
const serviceFields = {
  id: uuid,
  organization_id: optional(uuid),
  name: z.string(),
  description: optional(z.string()),
  url: optional(z.url()),
  email: optional(z.email()),
  status: z.enum(['active', 'inactive', 'defunct', 'temporarily closed']),
  fees: optional(z.string()),
  accreditations: optional(z.string()),
  minimum_age: optional(z.number()),
  maximum_age: optional(z.number()),
  assured_date: optional(z.string()),
  assurer_email: optional(z.email()),
  alert: optional(z.string()),
  last_modified: optional(z.iso.datetime()),
};

/** schema/compiled/service.json: `/services/{id}`. */
export const fullService = z
  .object({
    ...serviceFields,
    schedules: optional(z.array(schedule)),
    service_areas: optional(z.array(serviceArea)),
    service_at_locations: optional(z.array(serviceAtLocation)),
    languages: optional(z.array(language)),
    organization: optional(organization),
    funding: optional(z.array(funding)),
    cost_options: optional(z.array(costOption)),
    contacts: optional(z.array(contact)),
    attributes: optional(z.array(attribute)),
  })
  .strict();

/** schema/compiled/service_list.json: an item of `/services`, one-to-one fields and the organization. */
export const serviceListItem = z.object({ ...serviceFields, organization: optional(z.object(organizationFields).strict()) }).strict();

/** schema/openapi.json, components.schemas.Page, with `contents`. */
export const servicePage = z
  .object({
    total_items: z.int().min(0),
    total_pages: z.int().min(0),
    page_number: z.int().min(1),
    size: z.int().min(0),
    first_page: z.boolean(),
    last_page: z.boolean(),
    empty: z.boolean(),
    contents: z.array(serviceListItem),
  })
  .strict();

/** schema/openapi.json, `/`: getAPIMetaInformation. */
export const apiInfo = z.object({ version: z.string(), profile: z.url(), openapi_url: z.url() }).strict();

/** Ours: the profile does not define errors. */
export const feedError = z.object({ status: z.int().min(400).max(599), error: z.string(), message: z.string().min(1) }).strict();
