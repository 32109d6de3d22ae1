/**
 * Loaded by web-test-runner.config.mjs (testRunnerHtml) before every browser test file, before Lit: Lit's development
 * build, which the tests run, warns once (console.warn) about a misuse it finds, such as a deprecated override (an
 * overridden getPropertyDescriptor), a class field that shadows a reactive property, or an update scheduled after one
 * completed. Each is a defect of ours that the production build hides and a merchant's development build prints, so
 * here it fails: re-thrown as an uncaught error, which fails the test running then; and, since one raised outside any
 * test (as the file loads, or after its last test) fails none that way, the root suite's last hook fails the file
 * too. Lit keeps what it has warned in `globalThis.litIssuedWarnings`, created only if absent, so this set sees every
 * warning, even while a test has replaced console.warn. Its "dev mode" notice is expected. (Two of lit-html's, an
 * undefined template string and a template rendered into its own host, go to console.warn without the set: not seen.)
 */
const warned: string[] = [];

class FailingWarnings extends Set<string> {
  override add(warning: string): this {
    if (!/lit\.dev\/msg\/dev-mode\b/.test(warning)) {
      warned.push(warning);
      setTimeout(() => {
        throw new Error(`Lit warned: ${warning}`);
      });
    }
    return super.add(warning);
  }
}

(globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings = new FailingWarnings();

// The test framework's script, which defines mocha, runs after this one: hook into the root suite once it has.
const waitForMocha = setInterval(() => {
  const mocha = (globalThis as { mocha?: { suite: { afterAll: (hook: () => void) => void } } }).mocha;
  if (!mocha) return;
  clearInterval(waitForMocha);
  mocha.suite.afterAll(() => {
    if (warned.length) throw new Error(`Lit warned: ${warned.join('\n')}`);
  });
});
