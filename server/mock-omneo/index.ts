export { createMockOmneo, inProcessFetch, MOCK_ADMIN_TOKEN, MOCK_JWT_SECRET, ID_API_PREFIX } from './mock.js';
export type { MockOmneo, MockOmneoOptions, MockRequestLogEntry, PersonaState } from './mock.js';
export { PERSONAS, personaInfo, tierLadder, type PersonaInfo, type PersonaKey } from './personas.js';
export { faultRuleFromJson, type FaultRule, type FaultController } from './faults.js';
export { SEED_NOW, parseOmneoDate, formatOmneoDate } from './dates.js';
export { lookupVariant, CATALOGUE_SKUS } from './catalogue.js';
export type { QuirksMode } from './responses.js';
