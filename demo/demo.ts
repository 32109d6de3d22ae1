/**
 * Demo-page controls: the persona switcher (sign in via /demo/login, out via /demo/logout) and the
 * "simulate" switches that add fault rules to the demo's mock Omneo. Not part of the widgets.
 */

interface PersonaSummary {
  key: string;
  label: string;
  covers: string;
}

const PERSONA_COOKIE = 'omneo_demo_persona';

function currentPersona(): string {
  const entry = document.cookie.split('; ').find((part) => part.startsWith(`${PERSONA_COOKIE}=`));
  return entry ? decodeURIComponent(entry.slice(PERSONA_COOKIE.length + 1)) : '';
}

/** Asks the widgets for fresh data (design.md: `omneo-refresh` on document). */
function refreshWidgets() {
  document.dispatchEvent(new CustomEvent('omneo-refresh'));
}

async function setUpPersonaSwitcher() {
  const select = document.querySelector<HTMLSelectElement>('[data-persona-select]');
  const status = document.querySelector<HTMLElement>('[data-persona-status]');
  if (!select) return;
  const signedIn = currentPersona();
  try {
    const response = await fetch('/demo/personas', { headers: { Accept: 'application/json' } });
    const personas = (await response.json()) as PersonaSummary[];
    for (const persona of personas) {
      const option = document.createElement('option');
      option.value = persona.key;
      option.textContent = persona.label;
      option.title = persona.covers;
      select.append(option);
    }
    const active = personas.find((p) => p.key === signedIn);
    select.value = active ? active.key : '';
    if (status) status.textContent = active ? active.covers : 'Signed out: widgets show their guest state.';
  } catch {
    if (status) status.textContent = 'Could not load personas.';
  }
  select.addEventListener('change', () => {
    // Full navigation, as a storefront sign-in would do; the server redirects back here.
    window.location.assign(select.value ? `/demo/login?persona=${encodeURIComponent(select.value)}` : '/demo/logout');
  });
}

const FAULTS: Record<string, unknown[]> = {
  slow: [{ path: '^/profiles/me', latencyMs: 2500, times: 20 }],
  errors: [{ path: '^/profiles/me', status: 500, times: null }],
  expired: [{ path: '^/profiles/me', expireToken: true, times: 1 }],
};

function setUpFaults() {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('[data-fault]')];
  for (const button of buttons) {
    button.addEventListener('click', async () => {
      const kind = button.dataset.fault ?? '';
      await fetch('/demo/faults', { method: 'DELETE' });
      for (const other of buttons) other.setAttribute('aria-pressed', 'false');
      const rules = FAULTS[kind];
      if (rules) {
        await fetch('/demo/faults', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rules) });
        button.setAttribute('aria-pressed', 'true');
      }
      refreshWidgets();
    });
  }
  document.querySelector<HTMLButtonElement>('[data-reset]')?.addEventListener('click', async () => {
    await fetch('/demo/reset', { method: 'POST' });
    for (const other of buttons) other.setAttribute('aria-pressed', 'false');
    refreshWidgets();
  });
}

void setUpPersonaSwitcher();
setUpFaults();
