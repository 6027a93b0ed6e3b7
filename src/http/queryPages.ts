/**
 * The pages whose answer depends on the query string, with what each is called in a sentence.
 * Their handlers send the caching rules' `queryAnswer` (cached per full address, for a
 * shorter time); the static mirror (`npm run export`), which cannot answer queries, replaces
 * each with a page saying so and listing every page. A new one (a question flow) goes here.
 */
import { FLOW_PATH } from '../content/flow.js';
import { SEARCH_PATH } from '../render/searchPage.js';

export const QUERY_PAGES: ReadonlyMap<string, string> = new Map([
  [SEARCH_PATH, 'Search'],
  [FLOW_PATH, 'The questions “Could Occupational Therapy help my child?”'],
]);
