import { expect, fixtureSync, html } from '@open-wc/testing';
import '../../src/components/points-balance/define.js';
import { configure } from '../../src/core/config.js';
import { until } from '../helpers/page.js';
import { newScope } from '../helpers/scope.js';

// Its own test file, so its own page: the grace after page load has not been used up by other tests.
describe('configuration that arrives after the elements connect', () => {
  it('is no error: elements wait for the page to settle before they judge their configuration', async () => {
    const scope = await newScope();
    const errors: Event[] = [];
    document.addEventListener('omneo-error', (event) => errors.push(event));
    const consoleErrors: unknown[] = [];
    const realError = console.error;
    console.error = (...args: unknown[]) => void consoleErrors.push(args);
    try {
      // As in an app: `import 'omneo-widgets'` defines the elements (the tags upgrade and connect), then the
      // same module calls configure() — after the connection, in the same task.
      const el = fixtureSync(html`<omneo-points-balance variant="compact"></omneo-points-balance>`);
      expect(el.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
      configure({ tokenEndpoint: scope.tokenEndpoint('ava'), apiBase: scope.apiBase, locale: 'en-AU' });
      await until(() => el.shadowRoot!.querySelector('[role="status"]'), 4000, 'the badge with data');
      expect(el.shadowRoot!.textContent).to.contain('1,250');
    } finally {
      console.error = realError;
    }
    expect(errors, 'no omneo-error').to.have.length(0);
    expect(consoleErrors, 'nothing logged').to.have.length(0);
  });

  it('is reported once the page has settled when it never arrives', async () => {
    configure({ tokenEndpoint: undefined, apiBase: undefined });
    const el = fixtureSync(html`<omneo-points-balance variant="compact" token-endpoint="/t"></omneo-points-balance>`);
    await until(() => el.shadowRoot!.querySelector('[part~="error"]'), 2000, 'the configuration error');
  });
});
