/**
 * Loaded by web-test-runner.config.mjs (testRunnerHtml) before every browser test file, before Lit: Lit's development
 * build, which the tests run, warns once (console.warn) about a misuse it finds, such as a deprecated override (an
 * overridden getPropertyDescriptor), a class field that shadows a reactive property, or an update scheduled after one
 * completed. Each is a defect of ours that the production build hides and a merchant's development build prints, so
 * here it fails: re-thrown as an uncaught error, which fails the test running then (or, at load, the file). Lit keeps
 * what it has warned in `globalThis.litIssuedWarnings`, created only if absent, so this set sees every warning, even
 * while a test has replaced console.warn. Its "dev mode" notice is expected.
 */
class FailingWarnings extends Set<string> {
  override add(warning: string): this {
    if (!/lit\.dev\/msg\/dev-mode\b/.test(warning)) {
      setTimeout(() => {
        throw new Error(`Lit warned: ${warning}`);
      });
    }
    return super.add(warning);
  }
}

(globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings = new FailingWarnings();
