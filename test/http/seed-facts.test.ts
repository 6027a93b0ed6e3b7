/**
 * Every fact of the service's own page (../shared/seed) is on the right page of the site,
 * and no contact detail appears that the seed does not give.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOptions, ROOT, startApp } from '../support/app.js';
import { visibleText } from '../support/text.js';

const SEED = resolve(ROOT, '..', 'shared', 'seed', 'childrens-occupational-therapy.txt');

/** [page, seed fact, words that carry it on the page]. */
const FACTS: [string, string, RegExp][] = [
  // Who the service is for and who runs it
  ['/', 'Ages: birth to 18', /from birth to 18/],
  ['/', 'Provided by: Bromley Healthcare', /provided by Bromley Healthcare/],
  ['/', 'For all children (universal)', /Some help is for all children\. You do not need a referral/],
  [
    '/',
    'For children with additional needs: a referral is required',
    /additional needs can get more help\. For this help, your child needs a referral/,
  ],
  ['/', 'Referrals must be made via the Care Coordination Centre', /Referrals go through the Care Coordination Centre/],
  [
    '/',
    'Professionals can also refer via the Single Point of Entry form on EMIS',
    /Professionals can also use the Single Point of Entry form on EMIS/,
  ],
  // Universal
  ['/universal', 'For all children (universal), no referral', /This help is for all children\. Your child does not need a referral/],
  ['/universal', 'This website', /This website explains the help on offer/],
  [
    '/universal',
    'Advice leaflets such as for requests for standardised assessments of handwriting',
    /leaflet about requests for standardised assessments of handwriting/,
  ],
  ['/universal', 'Training videos on pre-writing skills', /training videos[^]*pre-writing skills/],
  ['/universal', 'knife & fork skills', /knife and fork skills/],
  ['/universal', 'zip skills', /zip skills/],
  ['/universal', 'buttons skills', /buttons skills/],
  ['/universal', 'Help for families and professionals', /Help for families and professionals/],
  [
    '/universal',
    'Termly training or team meetings by OT with SEND Advisory and Teaching Teams',
    /training or team meetings each term\. These are with the SEND Advisory and Teaching Teams/,
  ],
  [
    '/universal',
    'OT Resource Pack: activity sheets, strategies and equipment resources',
    /Resource Pack contains: activity sheets strategies equipment resources/,
  ],
  [
    '/universal',
    'common functional difficulties such as handwriting, balance, dressing and cutlery skills',
    /handwriting, balance, dressing and cutlery skills/,
  ],
  ['/universal', 'handwriting for families and professionals', /handwriting for both families and professionals/],
  [
    '/universal',
    'Contact the CCC, open 9am-5pm Monday to Friday, call 0300 330 5777',
    /Care Coordination Centre for queries about this service\. It is open 9am to 5pm, Monday to Friday\. Phone 0300 330 5777/,
  ],
  // Targeted
  ['/targeted', 'For some children (targeted)', /for some children with additional needs/],
  [
    '/targeted',
    'offered appropriate elements that meet identified needs',
    /offered the parts of this support that meet their identified needs/,
  ],
  [
    '/targeted',
    'Functional Skills Clinic: assessment, treatment, advice and guidance',
    /Functional Skills Clinic[^]*assessment treatment advice and guidance/,
  ],
  ['/targeted', 'Strategies are given to address area of need', /given strategies to help with your child's area of need/],
  ['/targeted', 'Usually based in Phoenix Centre', /usually based in the Phoenix Centre/],
  [
    '/targeted',
    'Sample of the problem or issue, such as handwriting, needs to be provided',
    /provide a sample of the problem or issue[^]*handwriting/,
  ],
  [
    '/targeted',
    'Joint coordination assessment with Physiotherapy when needed',
    /Occupational Therapist and a physiotherapist can assess your child's coordination together\. This happens when it is needed/,
  ],
  [
    '/targeted',
    'Children under five with sensory processing needs are triaged by phone, as a minimum',
    /Children under five with sensory processing needs are, as a minimum, triaged by phone/,
  ],
  [
    '/targeted',
    'Video assessments on sensory issues affecting activities of daily living such as using a spoon',
    /video assessments\. These look at sensory issues that affect your child's activities of daily living[^]*using a spoon/,
  ],
  [
    '/targeted',
    'New requests for EHC needs assessments of OT need as part of requesting an EHC plan',
    /new requests for Education, Health and Care needs assessments of Occupational Therapy need\. These are part of the process of requesting an Education, Health and Care plan/,
  ],
  [
    '/targeted',
    'Modelling OT interventions with parents, Teaching Assistants and children',
    /model Occupational Therapy interventions with parents, Teaching Assistants and children/,
  ],
  ['/targeted', 'A referral is needed to access these services', /A referral is needed to get these services/],
  // Specialist
  ['/specialist', 'For a few children (specialist)', /for a few children with additional needs/],
  [
    '/specialist',
    'offered appropriate elements that meet identified needs',
    /offered the parts of this support that meet their identified needs/,
  ],
  [
    '/specialist',
    'Detailed needs assessment for health needs in Section G of EHC plans',
    /detailed needs assessment for health needs in Section G of your child's EHC plan/,
  ],
  ['/specialist', 'advice and provision to meet health needs', /give advice and provision to meet those health needs/],
  [
    '/specialist',
    'Contribution to EHC plan annual reviews for OT provision in Section G (Health)',
    /contribute to EHC plan annual reviews for Occupational Therapy provision in Section G \(Health\)/,
  ],
  [
    '/specialist',
    'Attend and provide expert advice at Tribunals when required',
    /attend Tribunals and give expert advice, when this is needed/,
  ],
  [
    '/specialist',
    'Joint working with Physiotherapy and Speech & Language Therapy, such as seating',
    /works jointly with Physiotherapy and Speech and Language Therapy[^]*Seating is one example/,
  ],
  [
    '/specialist',
    "Review a child's OT needs including equipment to support their health need",
    /review your child's Occupational Therapy needs, including equipment to support their health need/,
  ],
  ['/specialist', 'Multiagency meetings or assessment', /multiagency meetings or do multiagency assessments/],
  ['/specialist', 'liaison with other professionals', /liaises with other professionals/],
  ['/specialist', 'attending safeguarding meetings', /going to safeguarding meetings/],
  ['/specialist', 'Motor assessment clinics at Phoenix Centre', /motor assessment clinics at the Phoenix Centre/],
  ['/specialist', 'Assessment for specialist equipment at school', /assess your child for specialist equipment at school/],
  [
    '/specialist',
    'Block of OT for acquired disease, such as stroke, cancer and car accident',
    /block of Occupational Therapy for an acquired disease[^]*a stroke, cancer or a car accident/,
  ],
  ['/specialist', 'Therapy is tailored to needs of child', /therapy is tailored to your child's needs/],
  [
    '/specialist',
    "Council's Social Care OT service: children discharged from hospital",
    /Council's Social Care Occupational Therapy service[^]*are discharged from hospital/,
  ],
  ['/specialist', 'or receiving continuing care', /are receiving continuing care/],
  [
    '/specialist',
    '1:1 assessment and review with named therapist for pupils in Marjorie McClure and Riverside',
    /Marjorie McClure and Riverside special schools can get: 1:1 sessions with a named therapist for assessment and review/,
  ],
  ['/specialist', 'setting and support in home', /in the school setting and at home/],
  [
    '/specialist',
    '1 day a week of OT staff onsite, term time only',
    /1 day a week of Occupational Therapy staff on site\. This is in term time only/,
  ],
  ['/specialist', 'A referral is needed to access these services', /A referral is needed to get these services/],
  // Referral
  [
    '/referral',
    'Referrals must be made via the Care Coordination Centre (CCC)',
    /Referrals must be made through the Care Coordination Centre \(CCC\)/,
  ],
  ['/referral', 'CCC phone and hours', /0300 330 5777\. It is open 9am to 5pm, Monday to Friday/],
  [
    '/referral',
    'Professionals can also make a referral via the Single Point of Entry form on EMIS',
    /Professionals can also make a referral through the Single Point of Entry form on EMIS/,
  ],
  [
    '/referral',
    'Sample of the problem for the Functional Skills Clinic',
    /Functional Skills Clinic, a sample of the problem or issue must be provided/,
  ],
  ['/referral', 'Triaged by OT within 5 working days of receipt', /triages the referral within 5 working days of getting it/],
  ['/referral', 'Discharged with advice or support', /discharged with advice or support/],
  ['/referral', 'signposted or referred to other services', /signposted or referred to other services/],
  ['/referral', 'or provided Targeted and/or Specialist offer', /offered targeted support, specialist support, or both/],
  ['/referral', 'After assessment: advice and discharged', /After an assessment, your child may: be given advice and discharged/],
  [
    '/referral',
    'or remain on caseload for targeted and/or specialist support depending on complexity',
    /stay on the caseload for targeted support, specialist support, or both This depends on how complex your child's needs are/,
  ],
  ['/referral', 'Intervention will be offered according to clinical need', /Intervention is offered according to clinical need/],
  [
    '/referral',
    'Children can move between targeted and specialist provision, as assessed by the OT',
    /move between targeted and specialist support, depending on their needs\. The Occupational Therapist assesses this/,
  ],
  [
    '/referral',
    'All children discharged to universal level when no further new advice or assessment is needed',
    /discharged to the universal level when they need no further new advice or assessment/,
  ],
  [
    '/referral',
    'Under-fives with sensory processing needs triaged by phone',
    /Children under five with sensory processing needs are, as a minimum, triaged by phone/,
  ],
  // Contact
  ['/contact', 'CCC for queries about this service', /Contact the Care Coordination Centre \(CCC\) for queries about this service/],
  ['/contact', 'Phone 0300 330 5777', /Phone: 0300 330 5777/],
  ['/contact', 'Open 9am-5pm Monday to Friday', /Open: 9am to 5pm, Monday to Friday/],
  ['/contact', 'Phoenix Centre', /Phoenix Centre[^]*Functional Skills Clinic is usually based in the Phoenix Centre/],
  ['/contact', 'Motor assessment clinics at Phoenix Centre', /Motor assessment clinics also take place at the Phoenix Centre/],
  [
    '/contact',
    'Marjorie McClure special school, 1 day a week, term time',
    /Marjorie McClure special school Occupational Therapy staff are on site 1 day a week, in term time only/,
  ],
  [
    '/contact',
    'Riverside special school, 1 day a week, term time',
    /Riverside special school Occupational Therapy staff are on site 1 day a week, in term time only/,
  ],
];

let pages: Map<string, string>;
beforeAll(async () => {
  const { app, build } = await startApp();
  pages = new Map();
  for (const path of build.rendered.pages.keys()) pages.set(path, visibleText((await request(app).get(path)).text));
});

describe('the facts of the service page', () => {
  it.each(FACTS)('%s carries "%s"', (path, _fact, words) => {
    expect(pages.get(path)).toMatch(words);
  });
});

describe('nothing the seed does not give', () => {
  const seed = readFileSync(SEED, 'utf8');
  const seedDigits = seed.replace(/\s/g, '');

  it('every phone number on the site is in the seed', () => {
    for (const [path, text] of pages) {
      for (const phone of text.match(/\b0\d{3} ?\d{3} ?\d{4}\b/g) ?? []) {
        expect(seedDigits, `${path} has ${phone}`).toContain(phone.replace(/\s/g, ''));
      }
    }
  });

  it('no page has an email address (the seed gives none)', () => {
    for (const [path, text] of pages) expect(text, path).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });

  it('no page links to another website (the seed gives no web addresses)', async () => {
    const { app, build } = await startApp();
    for (const path of build.rendered.pages.keys()) {
      const html = (await request(app).get(path)).text;
      const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
      expect(
        // The site's own absolute address (canonical links) is not another website.
        hrefs.filter((href) => /^[a-z]+:/i.test(href) && !href.startsWith('tel:') && !href.startsWith(`${buildOptions().siteUrl}/`)),
        path,
      ).toEqual([]);
    }
  });

  it('the slip on the source page ("Speech and Language Therapy" queries) is not repeated', () => {
    for (const [path, text] of pages) expect(text, path).not.toMatch(/queries (in relation to|about) Speech and Language Therapy/i);
  });
});
