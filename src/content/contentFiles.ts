/** The content folder's two YAML files beside the pages. */
export const SETTINGS_FILE = 'site.yml';
export const GAPS_FILE = 'gaps.yml';
